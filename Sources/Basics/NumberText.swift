import Foundation

// How numbers, durations, percentages and ages read, wherever Handover writes them: one
// implementation each, so that the same value never reads two ways on two pages.

/// Shortest exact-enough text for a number: `0.3`, `1840000`, `0.871`.
public func formatNumber(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    var s = String(value)
    if s.contains("e") { return s }
    // Trim binary noise like 0.30000000000000004.
    if s.count > 12, let rounded = Double(String(format6(value))) { s = String(rounded) }
    return s
}

private func format6(_ v: Double) -> String {
    let scaled = (v * 1_000_000).rounded() / 1_000_000
    return String(scaled)
}

/// `7d`, `24h`, `30m`, `90s`, `1w` → seconds.
public func parseDuration(_ text: String) -> Int? {
    var total = 0
    var number = 0
    var sawDigit = false
    var sawUnit = false
    for ch in text.trimmingSpaces {
        if let d = ch.wholeNumberValue, ch.isASCII {
            number = number * 10 + d
            sawDigit = true
            guard number < 10_000_000 else { return nil }
        } else {
            guard sawDigit else { return nil }
            let unit: Int
            switch ch {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86400
            case "w": unit = 604800
            case "y": unit = 31_536_000
            default: return nil
            }
            total += number * unit
            number = 0
            sawDigit = false
            sawUnit = true
        }
    }
    guard sawUnit, !sawDigit, total > 0 else { return nil }
    return total
}

/// `604800` → `7d`; the inverse of `parseDuration` for whole units.
public func formatDuration(_ seconds: Int) -> String {
    // Up to two days read best in hours (24h, 48h), as people write them.
    if seconds % 86400 == 0, seconds > 172_800 { return "\(seconds / 86400)d" }
    for (unit, name) in [(3600, "h"), (60, "m")] where seconds % unit == 0 {
        return "\(seconds / unit)\(name)"
    }
    return "\(seconds)s"
}

/// A fraction as a percentage: two decimals (`99.80%` reads as `99.8%`, `100%`), three between
/// 99.9% and 100%, where availability objectives live (`99.901%`).
public func percentText(_ fraction: Double) -> String {
    let p = fraction * 100
    if p >= 99.9 && p < 100 { return String(format: "%.3f%%", p) }
    return String(format: "%.2f%%", p).replacingOccurrences(of: ".00%", with: "%")
}

/// How old something is, or how long it lasted: `less than a minute`, `12 min`, `3 h 5 min`, `4 days`.
public func ageText(_ seconds: Int64) -> String {
    if seconds < 60 { return "less than a minute" }
    if seconds < 3600 { return "\(seconds / 60) min" }
    if seconds < 172_800 { return "\(seconds / 3600) h \((seconds % 3600) / 60) min" }
    return "\(seconds / 86400) days"
}
