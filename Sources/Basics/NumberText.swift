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

/// How old something is, in English, for diagnostics (pages use `Messages.age`):
/// `less than a minute`, `12 min`, `3 h 5 min`, `4 days`.
public func ageText(_ seconds: Int64) -> String {
    if seconds < 60 { return "less than a minute" }
    if seconds < 3600 { return "\(seconds / 60) min" }
    if seconds < 172_800 { return "\(seconds / 3600) h \((seconds % 3600) / 60) min" }
    return "\(seconds / 86400) days"
}

/// `1,234,567.5`: `decimals` decimals, the integer part grouped by threes with commas.
public func groupedNumber(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return formatNumber(value) }
    let text = String(format: "%.\(max(0, min(decimals, 15)))f", abs(value))
    let parts = text.split(separator: ".", maxSplits: 1)
    var grouped = ""
    for (i, ch) in parts[0].reversed().enumerated() {
        if i > 0, i % 3 == 0 { grouped.append(",") }
        grouped.append(ch)
    }
    let digits = String(grouped.reversed()) + (parts.count > 1 ? "." + parts[1] : "")
    // No "-0" for a value that rounds to zero.
    let negative = value < 0 && digits.contains { $0 != "0" && $0 != "." && $0 != "," }
    return (negative ? "-" : "") + digits
}

/// A measured value as a reader reads it: `significant` digits, thousands separators, never an
/// exponent, no trailing zeros: `0.000161`, `0.2186`, `12.35`, `48,102`, `1,234,568`.
public func readableNumber(_ value: Double, significant: Int = 4) -> String {
    guard value.isFinite else { return formatNumber(value) }
    if value == 0 { return "0" }
    let magnitude = Int(floor(log10(abs(value))))
    // Below a billionth, digits stop being readable: an exponent is the honest form there.
    if magnitude < -9 { return String(format: "%.\(max(0, significant - 1))e", value) }
    var text = groupedNumber(value, decimals: max(0, significant - 1 - magnitude))
    if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    return text
}

/// Bytes with the binary prefix that suits them, four significant digits, the unit's `B` to come:
/// `23.54 Gi` (for `23.54 GiB`), `512 ` (for `512 B`).
func bytesText(_ value: Double) -> String {
    let prefixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
    var v = value, i = 0
    while abs(v) >= 1024, i < prefixes.count - 1 {
        v /= 1024
        i += 1
    }
    return readableNumber(v) + " " + prefixes[i]
}

/// The size of a file as a file manager shows it, three significant digits: `512 B`, `6.71 KiB`,
/// `4.2 MiB` (binary units, as the dashboard's byte counts).
public func fileSizeText(_ bytes: Int) -> String {
    if bytes < 1024 { return "\(bytes) B" }
    let prefixes = ["Ki", "Mi", "Gi", "Ti", "Pi"]
    var v = Double(bytes) / 1024, i = 0
    while v >= 1024, i < prefixes.count - 1 {
        v /= 1024
        i += 1
    }
    return readableNumber(v, significant: 3) + " " + prefixes[i] + "B"
}
