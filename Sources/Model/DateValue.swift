import CivilTime

/// A date or a date and time as written in an input, kept with its precision.
public struct DateValue: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var epochSeconds: Int64
    /// false for a plain date (`2026-05-18`).
    public var hasTime: Bool

    public init(epochSeconds: Int64, hasTime: Bool) {
        self.epochSeconds = epochSeconds
        self.hasTime = hasTime
    }

    public static func < (a: DateValue, b: DateValue) -> Bool { a.epochSeconds < b.epochSeconds }

    /// `2026-05-18`, or `2026-05-18 14:05 UTC`.
    public var description: String {
        let (y, m, d, hh, mm, _) = CivilTime.components(epochSeconds: epochSeconds)
        let date = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        return hasTime ? "\(date) \(pad(hh, 2)):\(pad(mm, 2)) UTC" : date
    }

    /// RFC 3339, as feeds, sitemaps and `<time datetime>` want it.
    public var iso8601: String {
        let (y, m, d, hh, mm, ss) = CivilTime.components(epochSeconds: epochSeconds)
        let date = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        return hasTime ? "\(date)T\(pad(hh, 2)):\(pad(mm, 2)):\(pad(ss, 2))Z" : date
    }

    public var dayString: String { String(iso8601.prefix(10)) }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z`, `±HH:MM` or nothing (UTC), `T` or space.
    public static func parse(_ text: String) -> DateValue? {
        let s = Array(text.trimmingSpaces.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= s.count else { return nil }
            var value = 0
            for i in from..<(from + count) {
                guard s[i] >= 48, s[i] <= 57 else { return nil }
                value = value * 10 + Int(s[i] - 48)
            }
            return value
        }
        guard let year = number(0, 4), s.count >= 10, s[4] == 45, let month = number(5, 2), s[7] == 45,
              let day = number(8, 2), (1...12).contains(month), (1...daysIn(month, year)).contains(day)
        else { return nil }
        var seconds = CivilTime.daysFromCivil(year, month, day) * 86400
        if s.count == 10 { return DateValue(epochSeconds: seconds, hasTime: false) }
        guard s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: "t") || s[10] == 32,
              let hour = number(11, 2), s.count > 13, s[13] == 58, let minute = number(14, 2),
              hour < 24, minute < 60 else { return nil }
        var i = 16
        var second = 0
        if i < s.count, s[i] == 58 {
            guard let sec = number(17, 2), sec <= 60 else { return nil }
            second = sec
            i = 19
            if i < s.count, s[i] == 46 || s[i] == 44 {
                i += 1
                let start = i
                while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 }
                guard i > start else { return nil }
            }
        }
        seconds += Int64(hour * 3600 + minute * 60 + second)
        if i < s.count {
            if s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z") {
                i += 1
            } else if s[i] == 43 || s[i] == 45, let oh = number(i + 1, 2) {
                var om = 0
                var next = i + 3
                if next < s.count, s[next] == 58, let m = number(next + 1, 2) { om = m; next += 3 }
                else if let m = number(next, 2) { om = m; next += 2 }
                let offset = Int64(oh * 3600 + om * 60)
                seconds += s[i] == 43 ? -offset : offset
                i = next
            } else { return nil }
        }
        guard i == s.count else { return nil }
        return DateValue(epochSeconds: seconds, hasTime: true)
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension String {
    var trimmingSpaces: Substring {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
