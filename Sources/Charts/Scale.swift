import Diagnostics
import Basics
import Foundation

/// Axis ticks people read easily: steps of 1, 2 or 5 × 10ⁿ; time steps in whole minutes, hours, days.
public enum Scale {
    /// A spread below this share of the values' size is float noise, not change: a p95 that a
    /// quantile computation gives as 0.09499999…, 0.095 and 0.09500001 is the constant 0.095.
    public static let noise = 1e-6

    /// Whether values from `lo` to `hi` are one value up to float noise: drawn flat, on a padded axis.
    public static func isFlat(_ lo: Double, _ hi: Double) -> Bool {
        hi - lo <= max(abs(lo), abs(hi)) * noise
    }

    /// Ticks from at or below `lo` to at or above `hi`. Flat data gets an axis padded by a tenth of
    /// its value on each side (±1 around zero), so that its ticks are distinct and it is drawn level.
    public static func niceTicks(min lo: Double, max hi: Double, count: Int = 5) -> [Double] {
        var lo = lo, hi = hi
        if !lo.isFinite || !hi.isFinite { return [0, 1] }
        if isFlat(lo, hi) {
            let mid = (lo + hi) / 2
            // Zero (a rate with no traffic) gets 0 to 1: no negative axis for what cannot be negative.
            (lo, hi) = mid == 0 ? (0, 1) : (mid - abs(mid) * 0.1, mid + abs(mid) * 0.1)
        }
        let rawStep = (hi - lo) / Double(max(1, count))
        let magnitude = pow(10, floor(log10(rawStep)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rawStep } ?? 10 * magnitude
        let start = floor(lo / step) * step
        let end = ceil(hi / step) * step
        // Whole multiples of the step, rounded to its decimals: 0.3, not 0.30000000000000004.
        let decimals = max(0.0, -floor(log10(step)) + 2)
        let factor = pow(10, decimals)
        var ticks: [Double] = []
        var k = (start / step).rounded()
        while k * step <= end + step * 1e-9, ticks.count < 50 {
            let v = (k * step * factor).rounded() / factor
            ticks.append(v == 0 ? 0 : v)
            k += 1
        }
        return ticks
    }

    /// The y axis of values in `unit`: its ticks (in the values' unit) and their labels. Bytes are
    /// ticked in whole steps of KiB, MiB, GiB… (`22 GiB`, `24 GiB`); other values of a million or
    /// more carry an SI prefix (`2.5 M`), never an exponent.
    public static func axis(min lo: Double, max hi: Double, count: Int, unit: String) -> (ticks: [Double], labels: [String]) {
        let largest = max(abs(lo), abs(hi))
        if let bytes = byteUnit(unit), largest.isFinite, largest >= 1024 {
            let power = min(Int(log(largest) / log(1024)), bytePrefixes.count - 1)
            let factor = pow(1024, Double(power))
            let scaled = niceTicks(min: lo / factor, max: hi / factor, count: count)
            let labels = tickLabels(scaled).map { $0 + " " + bytePrefixes[power] + bytes }
            return (scaled.map { $0 * factor }, labels)
        }
        let ticks = niceTicks(min: lo, max: hi, count: count)
        let top = ticks.map(abs).max() ?? 0
        if top.isFinite, top >= 1e6 {
            let power = min(Int(floor(log10(top) / 3)), siPrefixes.count - 1)
            let factor = pow(1000, Double(power))
            let labels = zip(ticks, tickLabels(ticks.map { $0 / factor })).map { $0 == 0 ? "0" : $1 + " " + siPrefixes[power] }
            return (ticks, labels)
        }
        return (ticks, tickLabels(ticks))
    }

    static let bytePrefixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
    static let siPrefixes = ["", "k", "M", "G", "T", "P", "E"]

    /// `B` for `bytes`/`B`, `B/s` for `bytes/s`/`B/s`: the unit a byte axis is labelled in.
    static func byteUnit(_ unit: String) -> String? {
        switch unit {
        case "bytes", "byte", "B": "B"
        case "bytes/s", "B/s": "B/s"
        default: nil
        }
    }

    /// Labels for evenly spaced ticks, all with the decimals their step needs, so that no two
    /// read the same: 0.085, 0.090, 0.095 (not 0.085, 0.09, 0.09 at four significant digits).
    public static func tickLabels(_ ticks: [Double]) -> [String] {
        guard ticks.count > 1 else { return ticks.map(format) }
        let step = abs(ticks[1] - ticks[0])
        guard step >= 1e-6, step < 1e9 else { return ticks.map(format) }
        var decimals = 0
        while decimals < 12 {
            let scaled = step * pow(10, Double(decimals))
            if abs(scaled.rounded() - scaled) <= 1e-6 * scaled { break }
            decimals += 1
        }
        return ticks.map { groupedNumber($0, decimals: decimals) }
    }

    static let timeSteps: [Int64] = [60, 300, 900, 1800, 3600, 10800, 21600, 43200, 86400, 172_800, 604_800, 1_209_600, 2_592_000].map { $0 * 1000 }

    /// Tick times (ms) aligned to whole steps in UTC, at most about `count` of them.
    public static func timeTicks(from start: Int64, to end: Int64, count: Int = 6) -> (ticks: [Int64], step: Int64) {
        let span = max(end - start, 60_000)
        let step = timeSteps.first { span / $0 <= Int64(count) } ?? timeSteps.last!
        var t = (start / step + (start % step == 0 ? 0 : 1)) * step
        var ticks: [Int64] = []
        while t <= end, ticks.count < 50 { ticks.append(t); t += step }
        return (ticks, step)
    }

    /// `14:00`, `11-24 14:00` or `11-24`, by the tick step; UTC.
    public static func timeLabel(_ t: Int64, step: Int64, first: Bool) -> String {
        let (_, mo, d, h, mi) = utc(t)
        let date = "\(pad(mo))-\(pad(d))"
        if step >= 86_400_000 { return date }
        let time = "\(pad(h)):\(pad(mi))"
        return first || (h == 0 && mi == 0) ? "\(date) \(time)" : time
    }

    static func utc(_ t: Int64) -> (Int, Int, Int, Int, Int) {
        let c = CivilTime.components(epochSeconds: t >= 0 ? t / 1000 : (t - 999) / 1000)
        return (c.year, c.month, c.day, c.hour, c.minute)
    }

    static func pad(_ n: Int) -> String { CivilTime.pad(n, 2) }

    /// A value for an axis or a title: few digits, no binary noise.
    public static func format(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "−Inf" }
        let a = abs(v)
        if a != 0, a < 0.001 || a >= 1e9 { return String(format: "%.2e", v) }
        var s = String(format: a >= 100 ? "%.1f" : a >= 1 ? "%.3f" : "%.4f", v)
        while s.contains("."), s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}
