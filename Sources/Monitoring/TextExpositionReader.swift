import Basics
import Diagnostics

/// Prometheus text exposition 0.0.4, lenient as Prometheus is: blank lines and free comments
/// are skipped, tabs separate tokens, unknown escapes are kept. OpenMetrics 1.0 text (a file
/// named `.om` or ending in `# EOF`) is `OpenMetricsReader`'s.
///
/// Timestamps are milliseconds. A scrape whose samples carry no timestamp is taken at the UTC
/// time its file name ends with (`node-20261124T222717Z.prom`).
struct TextExpositionReader {
    let path: String
    let fileName: String

    static func looksLikeExposition(_ text: String) -> Bool {
        for line in text.split(maxSplits: 20, whereSeparator: \.isNewline).prefix(20) {
            let t = line.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
            if t.isEmpty { continue }
            if t.hasPrefix("#") { return t.hasPrefix("# ") || t == "#" }
            let name = t.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }
            if name.isEmpty || name.first!.isNumber { return false }
            var rest = t.dropFirst(name.count)
            if rest.first == "{" {
                // Skip the label set, quotes and escapes included.
                var quoted = false, escaped = false
                while let c = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        escaped = false
                    } else if c == "\\" {
                        escaped = true
                    } else if c == "\"" {
                        quoted.toggle()
                    } else if c == "}", !quoted {
                        break
                    }
                }
            }
            // A sample line: the name (and labels) then a value.
            let value = rest.drop { $0 == " " || $0 == "\t" }.prefix { $0 != " " && $0 != "\t" }
            return ["NaN", "+Inf", "-Inf", "Inf"].contains(String(value)) || Double(value) != nil
        }
        return false
    }

    static func endsWithEOF(_ text: String) -> Bool {
        var t = text[...]
        while let last = t.last, last == "\n" || last == "\r" || last == " " { t = t.dropLast() }
        return t.hasSuffix("# EOF")
    }

    /// The scrape time a file name gives: `…20261124T222717Z.prom` → milliseconds.
    static func timestamp(fromFileName name: String) -> Int64? {
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        let chars = Array(stem.utf8)
        guard chars.count >= 16, chars.last == UInt8(ascii: "Z") else { return nil }
        let s = chars.suffix(16)
        let digits = Array(s)
        func n(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for i in from..<(from + count) {
                guard digits[i] >= 48, digits[i] <= 57 else { return nil }
                v = v * 10 + Int(digits[i] - 48)
            }
            return v
        }
        guard digits[8] == UInt8(ascii: "T"), let y = n(0, 4), let mo = n(4, 2), let d = n(6, 2),
            let h = n(9, 2), let mi = n(11, 2), let se = n(13, 2), (1...12).contains(mo), (1...31).contains(d),
            h < 24, mi < 60, se < 61
        else { return nil }
        return (CivilTime.daysFromCivil(y, mo, d) * 86400 + Int64(h * 3600 + mi * 60 + se)) * 1000
    }

    struct Family {
        var type: String
        var sawSample = false
    }

    func read(_ text: String) -> ([Series], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var byKey: [String: Int] = [:]
        var series: [Series] = []
        var families: [String: Family] = [:]
        var missingTimestampLine: Int?
        let fileTime = Self.timestamp(fromFileName: fileName)
        var lineNumber = 0
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if lines.last == "" { lines.removeLast() }

        func error(_ line: Int, _ column: Int, _ message: String, hint: String? = nil) {
            if diagnostics.count < 50 {
                diagnostics.append(.error(at: SourceLocation(path: path, line: line, column: column), message, hint: hint))
            }
        }

        for rawLine in lines {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            if lineNumber == 1, line.first == "\u{FEFF}" { line = line.dropFirst() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
                guard parts.count >= 3, parts[0] == "#", ["HELP", "TYPE"].contains(parts[1]) else {
                    continue  // 0.0.4 treats other comments as comments
                }
                let family = String(parts[2])
                if parts[1] == "TYPE" {
                    let type = parts.count > 3 ? String(parts[3]) : ""
                    let known = ["counter", "gauge", "histogram", "summary", "untyped"]
                    if !known.contains(type) {
                        error(
                            lineNumber, line.count - type.count + 1,
                            "expected a metric type (\(known.joined(separator: ", "))), found `\(type)`")
                    }
                    families[family] = Family(type: type)
                }
                continue
            }
            guard let sample = parseSample(line, lineNumber: lineNumber, error: error) else { continue }
            if sample.name.hasSuffix("_created"), families[String(sample.name.dropLast(8))] != nil {
                continue  // a creation time, not a value of the series
            }
            let family = familyName(sample.name, families: families)
            families[family, default: Family(type: "untyped")].sawSample = true
            var timestamp = sample.timestamp
            if timestamp == nil {
                if let fileTime { timestamp = fileTime } else { missingTimestampLine = missingTimestampLine ?? lineNumber; continue }
            }
            let key = Series.key(name: sample.name, labels: sample.labels)
            if let i = byKey[key] {
                series[i].timestamps.append(timestamp!)
                series[i].values.append(sample.value)
            } else {
                byKey[key] = series.count
                series.append(Series(name: sample.name, labels: sample.labels, timestamps: [timestamp!], values: [sample.value]))
            }
        }
        if let line = missingTimestampLine {
            error(
                line, 1, "samples carry no timestamp and the file name gives no time",
                hint: "name the file after the scrape time in UTC, e.g. \(fileName.split(separator: ".").first ?? "scrape")-20261124T222717Z.prom")
        }
        for i in series.indices { series[i].normalise() }
        return (series, diagnostics)
    }

    /// The family a sample belongs to: `x_bucket`, `x_sum`, `x_count` belong to `x`.
    func familyName(_ name: String, families: [String: Family]) -> String {
        if families[name] != nil { return name }
        for suffix in ["_total", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_info"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if families[base] != nil { return base }
        }
        return name
    }

    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
        var timestamp: Int64?
    }

    func parseSample(_ line: Substring, lineNumber: Int, error: (Int, Int, String, String?) -> Void) -> Sample? {
        let chars = Array(line.unicodeScalars)
        var i = 0
        func col() -> Int { i + 1 }
        func fail(_ message: String, hint: String? = nil) -> Sample? {
            error(lineNumber, col(), message, hint)
            return nil
        }
        func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }
        func isNameChar(_ c: Unicode.Scalar, first: Bool) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || c == ":" || (!first && c >= "0" && c <= "9")
        }
        var name = ""
        while i < chars.count, isNameChar(chars[i], first: name.isEmpty) { name.unicodeScalars.append(chars[i]); i += 1 }
        guard !name.isEmpty else { return fail("expected a metric name, found `\(String(line.dropFirst(i).prefix(20)))`") }
        var labels: [String: String] = [:]
        if i < chars.count, chars[i] == "{" {
            i += 1
            while true {
                skipSpaces()
                if i < chars.count, chars[i] == "}" { i += 1; break }
                var label = ""
                while i < chars.count, isNameChar(chars[i], first: label.isEmpty), chars[i] != ":" {
                    label.unicodeScalars.append(chars[i]); i += 1
                }
                guard !label.isEmpty else { return fail("expected a label name or `}`, found \(describe(chars, i))") }
                skipSpaces()
                guard i < chars.count, chars[i] == "=" else { return fail("expected `=` after label \(label), found \(describe(chars, i))") }
                i += 1
                skipSpaces()
                guard i < chars.count, chars[i] == "\"" else { return fail("expected a quoted label value, found \(describe(chars, i))") }
                i += 1
                var value = ""
                var closed = false
                while i < chars.count {
                    let c = chars[i]
                    if c == "\\" {
                        guard i + 1 < chars.count else { break }
                        switch chars[i + 1] {
                        case "\\": value += "\\"
                        case "\"": value += "\""
                        case "n": value += "\n"
                        default:
                            value += "\\"
                            value.unicodeScalars.append(chars[i + 1])
                        }
                        i += 2
                        continue
                    }
                    if c == "\"" { closed = true; i += 1; break }
                    value.unicodeScalars.append(c)
                    i += 1
                }
                guard closed else { return fail("label value is not closed with `\"`") }
                if labels[label] != nil { return fail("label \(label) appears twice") }
                labels[label] = value
                skipSpaces()
                if i < chars.count, chars[i] == "," { i += 1; continue }
                if i < chars.count, chars[i] == "}" { i += 1; break }
                return fail("expected `,` or `}` in the label set, found \(describe(chars, i))")
            }
        }
        guard i < chars.count, chars[i] == " " || chars[i] == "\t" else {
            return fail("expected a space and a value after \(name), found \(describe(chars, i))")
        }
        skipSpaces()
        let valueStart = i
        while i < chars.count, chars[i] != " ", chars[i] != "\t" { i += 1 }
        let valueText = String(String.UnicodeScalarView(chars[valueStart..<i]))
        guard let value = parseValue(valueText) else {
            i = valueStart
            return fail("expected a number, NaN, +Inf or -Inf, found `\(valueText)`")
        }
        skipSpaces()
        var timestamp: Int64?
        if i < chars.count, chars[i] != "#" {
            let tsStart = i
            while i < chars.count, chars[i] != " ", chars[i] != "\t" { i += 1 }
            let tsText = String(String.UnicodeScalarView(chars[tsStart..<i]))
            guard let ms = Int64(tsText), ms >= -maximumMilliseconds, ms <= maximumMilliseconds else {
                i = tsStart
                return fail(
                    "expected a timestamp in milliseconds, found `\(tsText)`",
                    hint: "Prometheus text 0.0.4 writes integer milliseconds")
            }
            timestamp = ms
            skipSpaces()
        }
        if i < chars.count {
            guard chars[i] == "#" else { return fail("unexpected text after the sample: \(describe(chars, i))") }
            // An exemplar as OpenMetrics writes them, `# {trace_id="…"} value [timestamp]`: checked, not kept.
            i += 1
            skipSpaces()
            guard i < chars.count, chars[i] == "{" else {
                return Sample(name: name, labels: labels, value: value, timestamp: timestamp)
            }
            while i < chars.count, chars[i] != "}" { i += 1 }
            guard i < chars.count else { return fail("exemplar labels are not closed with `}`") }
            i += 1
            skipSpaces()
            let exStart = i
            while i < chars.count, chars[i] != " " { i += 1 }
            if parseValue(String(String.UnicodeScalarView(chars[exStart..<i]))) == nil {
                i = exStart
                return fail("expected the exemplar's value")
            }
        }
        return Sample(name: name, labels: labels, value: value, timestamp: timestamp)
    }

    func parseValue(_ text: String) -> Double? {
        switch text {
        case "NaN": return .nan
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            switch text.lowercased() {
            case "nan": return .nan
            case "+inf", "inf": return .infinity
            case "-inf": return -.infinity
            default: break
            }
            guard let v = Double(text), !text.lowercased().contains("inf"), !text.lowercased().contains("nan") else { return nil }
            return v
        }
    }

    func describe(_ chars: [Unicode.Scalar], _ i: Int) -> String {
        guard i < chars.count else { return "the end of the line" }
        return "`" + String(String.UnicodeScalarView(chars[i..<min(chars.count, i + 12)])) + "`"
    }
}
