/// The words of a site in one language: every text a reader sees that Handover writes, by key
/// (`nav.dashboard`, `health.degraded`), read from a message catalog (`Templates/i18n/<lang>.yaml`).
///
/// A message is a text with `{name}` placeholders, or one text per plural category (CLDR's
/// `zero`, `one`, `two`, `few`, `many`, `other`) chosen by the `count` argument, or a list (month
/// names). Looking up a key the catalog lacks gives the key itself, so a gap shows instead of
/// disappearing; the catalog loader fills gaps from English and warns first.
public struct Messages: Sendable {
    public enum Entry: Sendable, Equatable {
        case text(String)
        case plural([String: String])
        case list([String])
    }

    /// The language tag the site declared (`ko`, `de-CH`).
    public let language: String
    public let entries: [String: Entry]
    /// Decimal sign and thousands separator (`number.decimal`, `number.group`).
    public let decimal: String
    public let group: String
    /// Every dotted prefix of a key (`nav` of `nav.home`): where a template's `t.nav` leads.
    public let prefixes: Set<String>

    public init(language: String, entries: [String: Entry]) {
        self.language = language
        self.entries = entries
        var prefixes: Set<String> = []
        for key in entries.keys {
            var prefix = Substring(key)
            while let dot = prefix.lastIndex(of: ".") {
                prefix = prefix[..<dot]
                prefixes.insert(String(prefix))
            }
        }
        self.prefixes = prefixes
        if case .text(let d)? = entries["number.decimal"], !d.isEmpty { decimal = d } else { decimal = "." }
        if case .text(let g)? = entries["number.group"] { group = g } else { group = "," }
    }

    /// The message's text with its placeholders filled; a plural message's `other` form.
    public subscript(_ key: String) -> String { self(key, [:]) }

    /// The message with `{name}` replaced by `arguments[name]`. A `count` argument chooses the plural form.
    public func callAsFunction(_ key: String, _ arguments: [String: String], count: Int? = nil) -> String {
        let pattern: String
        switch entries[key] {
        case .text(let t)?: pattern = t
        case .plural(let forms)?:
            let category = count.map { PluralRule.category(of: $0, language: language) } ?? "other"
            pattern = forms[category] ?? forms["other"] ?? key
        case .list(let items)?: pattern = items.joined(separator: ", ")
        case nil: return key
        }
        return Self.fill(pattern, arguments)
    }

    /// A plural message for `count`, which also fills `{count}` (as a number of the language).
    public func plural(_ key: String, _ count: Int, _ arguments: [String: String] = [:]) -> String {
        var arguments = arguments
        if arguments["count"] == nil { arguments["count"] = integer(count) }
        return self(key, arguments, count: count)
    }

    /// A list message (`date.months`); empty when the key is not a list.
    public func list(_ key: String) -> [String] {
        if case .list(let items)? = entries[key] { return items }
        return []
    }

    public func has(_ key: String) -> Bool { entries[key] != nil }

    /// Replaces `{name}` placeholders; a name with no argument stays as written.
    public static func fill(_ pattern: String, _ arguments: [String: String]) -> String {
        guard pattern.contains("{") else { return pattern }
        var out = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = arguments[name] { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The placeholder names of a pattern, in order.
    public static func placeholders(_ pattern: String) -> [String] {
        var names: [String] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// Every text of a message (each plural form; each item of a list).
    public static func texts(of entry: Entry) -> [String] {
        switch entry {
        case .text(let t): return [t]
        case .plural(let forms): return forms.keys.sorted().map { forms[$0]! }
        case .list(let items): return items
        }
    }

    // MARK: Numbers, dates and times in the language

    /// A whole number with the language's thousands separator.
    public func integer(_ n: Int) -> String { localized(groupedNumber(Double(n), decimals: 0)) }

    /// `groupedNumber`'s and `readableNumber`'s text (`1,234.5`) with this language's signs.
    public func localized(_ numberText: String) -> String {
        if decimal == "." && group == "," { return numberText }
        var out = ""
        for ch in numberText {
            switch ch {
            case ",": out += group
            case ".": out += decimal
            default: out.append(ch)
            }
        }
        return out
    }

    public func readable(_ value: Double, significant: Int = 4) -> String { localized(readableNumber(value, significant: significant)) }
    public func grouped(_ value: Double, decimals: Int) -> String { localized(groupedNumber(value, decimals: decimals)) }
    public func percent(_ fraction: Double) -> String { localized(percentText(fraction)) }

    /// A moment in UTC as the language writes it: `date.dateTime` (`2026-11-24 14:05 UTC`,
    /// `2026년 11월 24일 14:05 UTC`).
    public func dateTime(_ milliseconds: Int64) -> String { formatTime("date.dateTime", milliseconds) }
    /// A day as the language writes it: `date.day` (`2026-11-24`, `2026년 11월 24일`).
    public func day(_ milliseconds: Int64) -> String { formatTime("date.day", milliseconds) }
    /// A day given as `YYYY-MM-DD` text (front matter, release dates); other text stays as written.
    public func day(iso text: String) -> String {
        let parts = text.split(separator: "-")
        guard text.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return text }
        return day(CivilTime.daysFromCivil(y, m, d) * 86_400_000)
    }

    /// What a `date.*` pattern may name.
    public static let datePlaceholders: Set<String> = [
        "year", "month", "month2", "day", "day2", "hour", "minute", "monthName", "monthShort",
    ]

    private func formatTime(_ key: String, _ milliseconds: Int64) -> String {
        let c = CivilTime.components(epochSeconds: milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        let months = list("date.months")
        let short = list("date.monthsShort")
        return self(
            key,
            [
                "year": String(c.year), "month": String(c.month), "month2": CivilTime.pad(c.month, 2),
                "day": String(c.day), "day2": CivilTime.pad(c.day, 2), "hour": CivilTime.pad(c.hour, 2),
                "minute": CivilTime.pad(c.minute, 2),
                "monthName": months.count == 12 ? months[c.month - 1] : String(c.month),
                "monthShort": short.count == 12 ? short[c.month - 1] : String(c.month),
            ])
    }

    /// How old something is, or how long it lasted: `less than a minute`, `12 min`, `3 h 5 min`, `4 days`.
    public func age(_ seconds: Int64) -> String {
        if seconds < 60 { return self["age.underMinute"] }
        if seconds < 3600 { return plural("age.minutes", Int(seconds / 60)) }
        if seconds < 172_800 {
            return self("age.hoursMinutes", ["hours": integer(Int(seconds / 3600)), "minutes": integer(Int((seconds % 3600) / 60))])
        }
        return plural("age.days", Int(seconds / 86400))
    }

    /// A window or a period in words: `7 days`, `24 hours`, `90 minutes`, `45 seconds`.
    public func period(_ seconds: Int) -> String {
        // One day reads as 24 hours, as objectives say it; more whole days as days.
        if seconds % 86400 == 0, seconds > 86400 { return plural("period.days", seconds / 86400) }
        if seconds % 3600 == 0 { return plural("period.hours", seconds / 3600) }
        if seconds % 60 == 0 { return plural("period.minutes", seconds / 60) }
        return plural("period.seconds", seconds)
    }

    /// A measured duration, four significant digits: `850 µs`, `218.6 ms`, `2.5 s`, `12.5 min`,
    /// `22.5 hours`, `3.25 days`.
    public func duration(_ seconds: Double) -> String {
        let a = abs(seconds)
        func unit(_ key: String, _ value: Double) -> String { self(key, ["value": readable(value)]) }
        if a == 0 { return unit("unit.seconds", 0) }
        if a < 0.001 { return unit("unit.microseconds", seconds * 1_000_000) }
        if a < 1 { return unit("unit.milliseconds", seconds * 1000) }
        if a < 60 { return unit("unit.seconds", seconds) }
        if a < 3600 { return unit("unit.minutes", seconds / 60) }
        if a < 172_800 { return unit("unit.hours", seconds / 3600) }
        return unit("unit.days", seconds / 86400)
    }

    /// A value with its unit as a reader expects it. Times (`s`, `ms`, `min`, `h`) read as durations
    /// in the unit that suits them (`218.6 ms`, `2.5 s`, `22.5 hours`); `%` follows the number; a
    /// rate or count keeps its unit (`1,204 req/s`, `48,102 rows`); no unit, the number alone.
    public func quantity(_ value: Double, unit: String) -> String {
        guard value.isFinite else { return formatNumber(value) + (unit.isEmpty ? "" : " " + unit) }
        let seconds: Double? =
            switch unit {
            case "s", "sec", "seconds": value
            case "ms", "milliseconds": value / 1000
            case "min", "minutes": value * 60
            case "h", "hours": value * 3600
            case "d", "days": value * 86400
            default: nil
            }
        if let seconds { return duration(seconds) }
        if unit == "%" { return readable(value) + "%" }
        if let bytes = ["bytes": "B", "byte": "B", "B": "B", "bytes/s": "B/s", "B/s": "B/s"][unit] {
            return localized(bytesText(value)) + bytes
        }
        let suffix = unit.isEmpty ? "" : " " + unit
        if abs(value) >= 1e9 {
            // Four significant digits hold for large numbers too: 25.28 billion, not 25,275,973,632.
            let (factor, key) = abs(value) >= 1e12 ? (1e12, "unit.trillion") : (1e9, "unit.billion")
            return self(key, ["value": readable(value / factor)]) + suffix
        }
        return readable(value) + suffix
    }
}

/// CLDR plural categories for cardinal numbers, for the languages whose rules differ from
/// English's; a language not listed counts as English (`one` for 1, `other` else).
public enum PluralRule {
    public static func category(of n: Int, language: String) -> String {
        let base = language.split(separator: "-").first.map { $0.lowercased() } ?? language
        let n = abs(n)
        switch base {
        case "ko", "ja", "zh", "vi", "th", "id", "ms", "lo", "my", "km":
            return "other"
        case "fr", "pt", "hy", "kab":
            return n == 0 || n == 1 ? "one" : "other"
        case "ru", "uk", "be", "sr", "hr", "bs":
            if n % 10 == 1 && n % 100 != 11 { return "one" }
            if (2...4).contains(n % 10) && !(12...14).contains(n % 100) { return "few" }
            return "many"
        case "pl":
            if n == 1 { return "one" }
            if (2...4).contains(n % 10) && !(12...14).contains(n % 100) { return "few" }
            return "many"
        case "cs", "sk":
            if n == 1 { return "one" }
            return (2...4).contains(n) ? "few" : "other"
        case "ar":
            if n == 0 { return "zero" }
            if n == 1 { return "one" }
            if n == 2 { return "two" }
            if (3...10).contains(n % 100) { return "few" }
            if (11...99).contains(n % 100) { return "many" }
            return "other"
        default:
            return n == 1 ? "one" : "other"
        }
    }

    public static let categories: Set<String> = ["zero", "one", "two", "few", "many", "other"]
}
