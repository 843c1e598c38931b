import Basics

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
        let text = rfc3339Text(epochSeconds: epochSeconds)
        return hasTime ? text : String(text[..<text.lastIndex(of: "T")!])
    }

    public var dayString: String { String(iso8601.prefix(10)) }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z`, `±HH:MM` or nothing (UTC), `T` or space
    /// (see `ISO8601.parse`); a fraction of a second is dropped.
    public static func parse(_ text: String) -> DateValue? {
        ISO8601.parse(text).map { DateValue(epochSeconds: $0.epochSeconds, hasTime: $0.hasTime) }
    }
}

extension Messages {
    /// A date as the language writes it; with its time when it has one.
    public func date(_ value: DateValue) -> String {
        value.hasTime ? dateTime(value.epochSeconds * 1000) : day(value.epochSeconds * 1000)
    }
}

private func pad(_ n: Int, _ width: Int) -> String { CivilTime.pad(n, width) }
