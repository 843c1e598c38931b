/// Calendar arithmetic in UTC for the proleptic Gregorian calendar (Howard Hinnant's
/// days-from-civil algorithms): exact, allocation-free, and independent of the machine's
/// time zone and locale, so that output never depends on where it was built.
public enum CivilTime {
    /// Days since 1970-01-01.
    public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int64(era * 146097 + doe - 719468)
    }

    /// Year, month, day, hour, minute, second of a time in seconds since 1970, in UTC.
    public static func components(epochSeconds epoch: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let days = epoch >= 0 ? epoch / 86400 : (epoch - 86399) / 86400
        let secs = Int(epoch - days * 86400)
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        let y = Int(yoe + era * 400) + (m <= 2 ? 1 : 0)
        return (y, m, d, secs / 3600, (secs % 3600) / 60, secs % 60)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `n` with leading zeros to `width` digits.
    public static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// RFC 3339 in UTC, `2026-11-24T14:05:00Z`, for a time in seconds since 1970: what feeds,
/// sitemaps, `<time datetime>` and machine-written files want.
public func rfc3339Text(epochSeconds: Int64) -> String {
    let c = CivilTime.components(epochSeconds: epochSeconds)
    return "\(CivilTime.pad(c.year, 4))-\(CivilTime.pad(c.month, 2))-\(CivilTime.pad(c.day, 2))T"
        + "\(CivilTime.pad(c.hour, 2)):\(CivilTime.pad(c.minute, 2)):\(CivilTime.pad(c.second, 2))Z"
}

/// `2026-11-24 14:05 UTC` for a time in milliseconds since 1970: how pages and messages write a moment.
public func utcTimeText(_ milliseconds: Int64) -> String {
    let c = CivilTime.components(epochSeconds: milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
    return "\(c.year)-\(CivilTime.pad(c.month, 2))-\(CivilTime.pad(c.day, 2)) \(CivilTime.pad(c.hour, 2)):\(CivilTime.pad(c.minute, 2)) UTC"
}
