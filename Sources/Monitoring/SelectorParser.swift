/// Parses the PromQL subset of `Query`.
public enum SelectorParser {
    public static func parse(_ text: String) throws(QueryError) -> Query {
        var p = Cursor(text)
        let query = try p.query()
        p.skipSpaces()
        guard p.atEnd else { throw p.error("unexpected `\(p.rest(12))` after the query") }
        return query
    }

    /// A bare selector (`name{…}` or `{…}`), as CSV column titles hold.
    public static func parseSelector(_ text: String) throws(QueryError) -> Selector {
        var p = Cursor(text)
        let selector = try p.selector()
        p.skipSpaces()
        guard p.atEnd else { throw p.error("unexpected `\(p.rest(12))` after the selector") }
        return selector
    }

    struct Cursor {
        let chars: [Character]
        var i = 0

        init(_ text: String) { chars = Array(text) }

        var atEnd: Bool { i >= chars.count }
        func rest(_ n: Int) -> String { String(chars[i..<min(chars.count, i + n)]) }
        func error(_ message: String) -> QueryError { QueryError(column: i + 1, message: message) }

        mutating func skipSpaces() { while i < chars.count, chars[i].isWhitespace { i += 1 } }

        mutating func expect(_ c: Character) throws(QueryError) {
            skipSpaces()
            guard i < chars.count, chars[i] == c else {
                throw error("expected `\(c)`, found \(atEnd ? "the end" : "`\(rest(8))`")")
            }
            i += 1
        }

        mutating func identifier() -> String {
            var s = ""
            while i < chars.count, chars[i].isASCII, chars[i].isLetter || chars[i] == "_" || chars[i] == ":" || (!s.isEmpty && chars[i].isNumber) {
                s.append(chars[i])
                i += 1
            }
            return s
        }

        mutating func query() throws(QueryError) -> Query {
            skipSpaces()
            let start = i
            let word = identifier()
            skipSpaces()
            if i < chars.count, chars[i] == "(" {
                switch word {
                case "rate", "increase":
                    i += 1
                    let selector = try self.selector()
                    let range = try self.range()
                    try expect(")")
                    return word == "rate" ? .rate(selector, rangeMilliseconds: range) : .increase(selector, rangeMilliseconds: range)
                case "histogram_quantile":
                    i += 1
                    skipSpaces()
                    let numberStart = i
                    while i < chars.count, chars[i].isNumber || chars[i] == "." || chars[i] == "-" || chars[i] == "e" { i += 1 }
                    guard let q = Double(String(chars[numberStart..<i])) else {
                        i = numberStart
                        throw error("expected the quantile, a number such as 0.95")
                    }
                    try expect(",")
                    let inner = try query()
                    try expect(")")
                    return .histogramQuantile(q, inner)
                default:
                    i = start
                    throw error("`\(word)` is not supported: Handover reads selectors, rate(), increase() and histogram_quantile()")
                }
            }
            i = start
            return .selector(try selector())
        }

        mutating func selector() throws(QueryError) -> Selector {
            skipSpaces()
            let name = identifier()
            var matchers: [Matcher] = []
            skipSpaces()
            if i < chars.count, chars[i] == "{" {
                i += 1
                while true {
                    skipSpaces()
                    if i < chars.count, chars[i] == "}" { i += 1; break }
                    let labelStart = i
                    let label = identifier()
                    guard !label.isEmpty else { throw error("expected a label name, found \(atEnd ? "the end" : "`\(rest(8))`")") }
                    skipSpaces()
                    var op: Matcher.Op
                    if rest(2) == "=~" {
                        op = .regex; i += 2
                    } else if rest(2) == "!=" {
                        op = .notEqual; i += 2
                    } else if rest(2) == "!~" {
                        op = .notRegex; i += 2
                    } else if rest(1) == "=" {
                        op = .equal; i += 1
                    } else {
                        throw error("expected =, !=, =~ or !~ after \(label)")
                    }
                    skipSpaces()
                    let value = try string()
                    if op == .regex || op == .notRegex, (try? Regex(value)) == nil {
                        i = labelStart
                        throw error("invalid regular expression `\(value)` for \(label)")
                    }
                    matchers.append(Matcher(label: label, op: op, value: value))
                    skipSpaces()
                    if i < chars.count, chars[i] == "," { i += 1; continue }
                    try expect("}")
                    break
                }
            } else if name.isEmpty {
                throw error("expected a metric name or `{`, found \(atEnd ? "the end" : "`\(rest(8))`")")
            }
            if name.isEmpty, matchers.allSatisfy({ $0.op != .equal || $0.value.isEmpty }), !matchers.contains(where: { $0.label == "__name__" }) {
                if matchers.isEmpty { throw error("an empty selector `{}` matches nothing") }
            }
            return Selector(name: name.isEmpty ? nil : name, matchers: matchers)
        }

        mutating func string() throws(QueryError) -> String {
            guard i < chars.count, chars[i] == "\"" || chars[i] == "'" || chars[i] == "`" else {
                throw error("expected a quoted label value")
            }
            let quote = chars[i]
            i += 1
            var s = ""
            while i < chars.count, chars[i] != quote {
                if chars[i] == "\\", quote != "`", i + 1 < chars.count {
                    i += 1
                    switch chars[i] {
                    case "n": s.append("\n")
                    case "t": s.append("\t")
                    default: s.append(chars[i])
                    }
                } else {
                    s.append(chars[i])
                }
                i += 1
            }
            guard i < chars.count else { throw error("label value is not closed with \(quote)") }
            i += 1
            return s
        }

        /// `[5m]`, `[1h30m]` → milliseconds.
        mutating func range() throws(QueryError) -> Int64 {
            try expect("[")
            let start = i
            while i < chars.count, chars[i] != "]" { i += 1 }
            let text = String(chars[start..<i])
            guard let ms = parseRange(text) else {
                i = start
                throw error("expected a range such as 5m or 1h, found `\(text)`")
            }
            try expect("]")
            return ms
        }

        func parseRange(_ text: String) -> Int64? {
            var total: Int64 = 0, number: Int64 = 0, sawDigit = false
            var chars = Array(text.filter { $0 != " " && $0 != "\t" })
            var k = 0
            while k < chars.count {
                let c = chars[k]
                if let d = c.wholeNumberValue, c.isASCII {
                    number = number * 10 + Int64(d); sawDigit = true
                } else {
                    guard sawDigit else { return nil }
                    var unit: Int64
                    switch c {
                    case "m" where k + 1 < chars.count && chars[k + 1] == "s": unit = 1; k += 1
                    case "s": unit = 1000
                    case "m": unit = 60_000
                    case "h": unit = 3_600_000
                    case "d": unit = 86_400_000
                    case "w": unit = 604_800_000
                    case "y": unit = 31_536_000_000
                    default: return nil
                    }
                    total += number * unit
                    number = 0
                    sawDigit = false
                }
                k += 1
            }
            chars = []
            return sawDigit || total == 0 ? nil : total
        }
    }
}
