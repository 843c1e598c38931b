import Diagnostics
import Foundation

/// CSV exports: long form (`timestamp,metric,value[,label…]`) or wide form (`time,series_a,series_b…`,
/// Grafana's "series joined by time", whose column names may be selectors like `{__name__="up", job="x"}`).
/// Timestamps are ISO 8601 or epoch seconds or milliseconds; `,` or `;` separators; a UTF-8
/// byte-order mark and Excel's `sep=,` first line are tolerated. An empty cell is a gap.
struct CSVSnapshotReader {
    let path: String

    static func looksLikeCSV(_ text: String) -> Bool {
        guard let first = text.split(maxSplits: 1, whereSeparator: \.isNewline).first else { return false }
        let line = first.hasPrefix("\u{FEFF}") ? first.dropFirst() : first
        return line.lowercased().hasPrefix("sep=") || line.contains(",") || line.contains(";")
    }

    func read(_ text: String) -> ([Series], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // "\r\n" is one Character: split on any line break.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var lineOffset = 0
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        var separator: Character = ","
        if let first = lines.first, first.lowercased().hasPrefix("sep="), first.count >= 5 {
            separator = first[first.index(first.startIndex, offsetBy: 4)]
            lines.removeFirst()
            lineOffset = 1
        } else if let first = lines.first {
            let commas = first.filter { $0 == "," }.count, semicolons = first.filter { $0 == ";" }.count
            if semicolons > commas { separator = ";" }
        }
        guard let headerLine = lines.first else { return ([], [error(1, 1, "empty CSV")]) }
        let header = splitCSV(headerLine, separator: separator).map { $0.trimmingCharacters(in: .whitespaces) }
        let lower = header.map { $0.lowercased() }
        let timeColumn = lower.firstIndex { ["timestamp", "time", "ts", "date", "datetime", "timestamp (utc)"].contains($0) } ?? 0
        let metricColumn = lower.firstIndex { $0 == "metric" || $0 == "__name__" || $0 == "name" }
        let valueColumn = lower.firstIndex { $0 == "value" }

        var series: [String: Series] = [:]
        var order: [String] = []
        func append(_ name: String, _ labels: [String: String], _ t: Int64, _ v: Double) {
            let key = Series.key(name: name, labels: labels)
            if series[key] == nil { series[key] = Series(name: name, labels: labels); order.append(key) }
            series[key]!.timestamps.append(t)
            series[key]!.values.append(v)
        }
        let longForm = metricColumn != nil && valueColumn != nil
        // Wide form: every column but the time is a series, named by its header.
        let columnSeries: [(name: String, labels: [String: String])?] = header.enumerated().map { i, title in
            i == timeColumn ? nil : Self.seriesIdentity(forColumn: title)
        }
        var timeUnitIsSeconds: Bool?
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let lineNumber = index + 1 + lineOffset
            let cells = splitCSV(line, separator: separator)
            guard timeColumn < cells.count else {
                diagnostics.append(error(lineNumber, 1, "expected \(header.count) columns, found \(cells.count)"))
                continue
            }
            let timeText = cells[timeColumn].trimmingCharacters(in: .whitespaces)
            guard let t = parseTime(timeText, secondsHint: &timeUnitIsSeconds) else {
                diagnostics.append(error(lineNumber, column(of: timeColumn, in: line, separator: separator),
                                         "expected a timestamp (ISO 8601, or epoch seconds or milliseconds), found `\(timeText)`"))
                if diagnostics.count > 20 { break }
                continue
            }
            if longForm {
                guard let m = metricColumn, let vc = valueColumn, m < cells.count, vc < cells.count else {
                    diagnostics.append(error(lineNumber, 1, "expected \(header.count) columns, found \(cells.count)"))
                    continue
                }
                let valueText = cells[vc].trimmingCharacters(in: .whitespaces)
                if valueText.isEmpty { continue }
                guard let v = parseSampleValue(valueText) else {
                    diagnostics.append(error(lineNumber, column(of: vc, in: line, separator: separator), "expected a number, found `\(valueText)`"))
                    continue
                }
                var labels: [String: String] = [:]
                for (i, title) in header.enumerated() where i != timeColumn && i != m && i != vc && i < cells.count {
                    let value = cells[i].trimmingCharacters(in: .whitespaces)
                    if !value.isEmpty { labels[JSONSnapshotReader.metricName(title)] = value }
                }
                let identity = Self.seriesIdentity(forColumn: cells[m].trimmingCharacters(in: .whitespaces))
                append(identity.name, identity.labels.merging(labels) { a, _ in a }, t, v)
            } else {
                for (i, cell) in cells.enumerated() where i < columnSeries.count {
                    guard let identity = columnSeries[i] else { continue }
                    let valueText = cell.trimmingCharacters(in: .whitespaces)
                    if valueText.isEmpty || valueText == "null" { continue }  // a gap
                    guard let v = parseSampleValue(valueText) ?? parseLocalizedNumber(valueText) else {
                        diagnostics.append(error(lineNumber, column(of: i, in: line, separator: separator), "expected a number, found `\(valueText)`"))
                        continue
                    }
                    append(identity.name, identity.labels, t, v)
                }
            }
        }
        var result = order.map { series[$0]! }
        for i in result.indices { result[i].normalise() }
        return (result, diagnostics)
    }

    func error(_ line: Int, _ column: Int, _ message: String) -> Diagnostic {
        .error(at: SourceLocation(path: path, line: line, column: column), message)
    }

    /// A column title as a series: `{__name__="up", job="x"}`, `up{job="x"}`, or a plain name.
    static func seriesIdentity(forColumn title: String) -> (name: String, labels: [String: String]) {
        if let selector = try? SelectorParser.parseSelector(title), selector.matchers.allSatisfy({ $0.op == .equal }) {
            var labels: [String: String] = [:]
            var name = selector.name ?? ""
            for matcher in selector.matchers {
                if matcher.label == "__name__" { name = matcher.value } else { labels[matcher.label] = matcher.value }
            }
            if !name.isEmpty || !labels.isEmpty { return (name, labels) }
        }
        return (JSONSnapshotReader.metricName(title), [:])
    }

    /// ISO 8601, or epoch seconds (10 digits) or milliseconds (13 digits), decided once per file.
    func parseTime(_ text: String, secondsHint: inout Bool?) -> Int64? {
        if !text.isEmpty, text.allSatisfy({ $0.isNumber || $0 == "." }), let number = Double(text) {
            if secondsHint == nil { secondsHint = abs(number) < 1e11 }
            return secondsHint! ? Int64((number * 1000).rounded()) : Int64(number.rounded())
        }
        return parseISO8601Milliseconds(text)
    }

    /// `0,5` where `;` separates cells (Excel in much of Europe).
    func parseLocalizedNumber(_ text: String) -> Double? {
        text.contains(",") && !text.contains(".") ? Double(text.replacingOccurrences(of: ",", with: ".")) : nil
    }

    /// Cells of one line, with RFC 4180 quoting (`""` inside quotes is a quote).
    func splitCSV(_ line: Substring, separator: Character) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if quoted {
                if c == "\"" {
                    let next = line.index(after: i)
                    if next < line.endIndex, line[next] == "\"" { cell.append("\""); i = line.index(after: next); continue }
                    quoted = false
                } else {
                    cell.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == separator {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(c)
            }
            i = line.index(after: i)
        }
        cells.append(cell)
        return cells
    }

    /// The 1-based column where cell `index` starts.
    func column(of index: Int, in line: Substring, separator: Character) -> Int {
        var cell = 0, quoted = false, col = 1
        for c in line {
            if cell == index { return col }
            if c == "\"" { quoted.toggle() } else if c == separator, !quoted { cell += 1 }
            col += 1
        }
        return col
    }
}
