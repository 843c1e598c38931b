/// The one reader of ISO 8601 / RFC 3339 times in Handover: front matter, YAML, monitoring files.
public enum ISO8601 {
    public struct Time: Equatable, Sendable {
        /// Milliseconds since 1970-01-01T00:00:00Z.
        public var epochMilliseconds: Int64
        /// false for a plain date (`2026-05-18`).
        public var hasTime: Bool

        /// Whole seconds, rounded down (also before 1970).
        public var epochSeconds: Int64 {
            epochMilliseconds >= 0 ? epochMilliseconds / 1000 : (epochMilliseconds - 999) / 1000
        }

        public init(epochMilliseconds: Int64, hasTime: Bool) {
            self.epochMilliseconds = epochMilliseconds
            self.hasTime = hasTime
        }
    }

    /// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with `Z`, `±HH:MM`, `±HHMM` or nothing
    /// (UTC); `T`, `t` or a space between date and time. Days are checked against their month
    /// (2026-02-31 is not a date); fractions past milliseconds are dropped.
    public static func parse(_ text: some StringProtocol) -> Time? {
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
        guard s.count >= 10, let year = number(0, 4), s[4] == 45, let month = number(5, 2), s[7] == 45,
            let day = number(8, 2), (1...12).contains(month), (1...CivilTime.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var ms = CivilTime.daysFromCivil(year, month, day) * 86_400_000
        if s.count == 10 { return Time(epochMilliseconds: ms, hasTime: false) }
        guard s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: "t") || s[10] == 32,
            let hour = number(11, 2), s.count > 13, s[13] == 58, let minute = number(14, 2),
            hour < 24, minute < 60
        else { return nil }
        ms += Int64(hour * 3600 + minute * 60) * 1000
        var i = 16
        if i < s.count, s[i] == 58 {
            guard let second = number(17, 2), second <= 60 else { return nil }
            ms += Int64(second) * 1000
            i = 19
            if i < s.count, s[i] == 46 || s[i] == 44 {
                i += 1
                let start = i
                var fraction: Int64 = 0
                while i < s.count, s[i] >= 48, s[i] <= 57 {
                    if i - start < 3 { fraction = fraction * 10 + Int64(s[i] - 48) }
                    i += 1
                }
                guard i > start else { return nil }
                for _ in min(i - start, 3)..<3 { fraction *= 10 }
                ms += fraction
            }
        }
        if i < s.count {
            if s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z") {
                i += 1
            } else if s[i] == 43 || s[i] == 45, let offsetHours = number(i + 1, 2) {
                var offsetMinutes = 0, next = i + 3
                if next < s.count, s[next] == 58, let m = number(next + 1, 2) {
                    offsetMinutes = m; next += 3
                } else if let m = number(next, 2) {
                    offsetMinutes = m; next += 2
                }
                let offset = Int64(offsetHours * 3600 + offsetMinutes * 60) * 1000
                ms += s[i] == 43 ? -offset : offset
                i = next
            } else {
                return nil
            }
        }
        return i == s.count ? Time(epochMilliseconds: ms, hasTime: true) : nil
    }
}
