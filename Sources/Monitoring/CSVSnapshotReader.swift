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
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        var separator: Character = ","
        var firstLine = 1
        if body.lowercased().hasPrefix("sep="), body.count >= 5 {
            separator = body[body.index(body.startIndex, offsetBy: 4)]
            body = body.drop { !$0.isNewline }.dropFirst()
            firstLine = 2
        } else {
            let header = body.prefix { !$0.isNewline }
            if header.filter({ $0 == ";" }).count > header.filter({ $0 == "," }).count { separator = ";" }
        }
        var records = Self.records(body, separator: separator, firstLine: firstLine)
        // Grafana's own round-trip format puts #name#, #type# and #unit# rows first.
        var typeRow: [String]?
        if let first = records.first, first.cells.first?.hasPrefix("#name#") == true {
            records[0].cells[0] = String(first.cells[0].dropFirst(6))
            while records.count > 1, let c = records[1].cells.first, c.hasPrefix("#type#") || c.hasPrefix("#unit#") {
                if c.hasPrefix("#type#") { typeRow = [String(c.dropFirst(6))] + records[1].cells.dropFirst() }
                records.remove(at: 1)
            }
        }
        guard let headerRecord = records.first else { return ([], [error(firstLine, 1, "empty CSV")]) }
        let header = headerRecord.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        let lower = header.map { $0.lowercased() }
        let timeColumn = lower.firstIndex { ["timestamp", "time", "ts", "date", "datetime", "timestamp (utc)"].contains($0) } ?? 0
        let metricColumn = lower.firstIndex { ["metric", "__name__", "name", "series"].contains($0) }
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
        // A column of text (a label, a formatted date) is not a series: skipped, with one warning.
        var textColumns = Set<Int>()
        if let typeRow { for (i, type) in typeRow.enumerated() where type != "number" && i != timeColumn { textColumns.insert(i) } }
        var timeUnitIsSeconds: Bool?
        var sawNumber = Set<Int>()
        for record in records.dropFirst() where !(record.cells.count == 1 && record.cells[0].isEmpty) {
            let lineNumber = record.line
            let cells = record.cells
            guard timeColumn < cells.count else {
                diagnostics.append(error(lineNumber, 1, "expected \(header.count) columns, found \(cells.count)"))
                continue
            }
            let timeText = cells[timeColumn].trimmingCharacters(in: .whitespaces)
            guard let t = parseTime(timeText, secondsHint: &timeUnitIsSeconds) else {
                diagnostics.append(
                    error(
                        lineNumber, record.columns[timeColumn],
                        "expected a timestamp (ISO 8601, or epoch seconds or milliseconds), found `\(timeText)`"))
                if diagnostics.count > 20 { break }
                continue
            }
            if longForm, let m = metricColumn, let vc = valueColumn {
                guard m < cells.count, vc < cells.count else {
                    diagnostics.append(error(lineNumber, 1, "expected \(header.count) columns, found \(cells.count)"))
                    continue
                }
                let valueText = cells[vc].trimmingCharacters(in: .whitespaces)
                if valueText.isEmpty || valueText == "null" { continue }
                guard let v = parseNumber(valueText, separator: separator) else {
                    diagnostics.append(error(lineNumber, record.columns[vc], "expected a number, found `\(valueText)`"))
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
                for (i, cell) in cells.enumerated() where i < columnSeries.count && !textColumns.contains(i) {
                    guard let identity = columnSeries[i] else { continue }
                    let valueText = cell.trimmingCharacters(in: .whitespaces)
                    if valueText.isEmpty || valueText == "null" { continue }  // a gap
                    guard let v = parseNumber(valueText, separator: separator) else {
                        if !sawNumber.contains(i) {
                            textColumns.insert(i)
                            diagnostics.append(
                                .warning(
                                    at: SourceLocation(path: path, line: lineNumber, column: record.columns[i]),
                                    "column `\(header[i])` holds text (`\(valueText.prefix(30))`), not numbers: skipped"))
                        } else {
                            diagnostics.append(error(lineNumber, record.columns[i], "expected a number, found `\(valueText)`"))
                        }
                        continue
                    }
                    sawNumber.insert(i)
                    append(identity.name, identity.labels, t, v)
                }
            }
        }
        var result = order.map { series[$0]! }
        for i in result.indices { result[i].normalise() }
        return (result, diagnostics)
    }

    /// A number as spreadsheets write it: `0.5`, `NaN`, `0,5` (with `;` separators), `1,721,992.28`.
    func parseNumber(_ text: String, separator: Character) -> Double? {
        if let v = parseSampleValue(text) { return v }
        if separator == ";", text.contains(",") {
            if text.wholeMatch(of: /-?\d{1,3}(,\d{3})+(\.\d+)?/) != nil { return Double(text.replacingOccurrences(of: ",", with: "")) }
            if !text.contains(".") { return Double(text.replacingOccurrences(of: ",", with: ".")) }
        }
        return nil
    }

    /// RFC 4180 records over the whole text: quoted cells may hold separators, `""` and line breaks.
    static func records(_ text: Substring, separator: Character, firstLine: Int) -> [(line: Int, cells: [String], columns: [Int])] {
        var result: [(Int, [String], [Int])] = []
        var cells: [String] = [], columns: [Int] = []
        var cell = ""
        var quoted = false
        var line = firstLine, column = 1, recordLine = firstLine, cellColumn = 1
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            if quoted {
                if c == "\"" {
                    if next < text.endIndex, text[next] == "\"" { cell.append("\""); i = text.index(after: next); column += 2; continue }
                    quoted = false
                } else {
                    cell.append(c)
                    if c.isNewline { line += 1; column = 0 }
                }
            } else if c == "\"" {
                quoted = true
            } else if c == separator {
                cells.append(cell); columns.append(cellColumn)
                cell = ""
                cellColumn = column + 1
            } else if c.isNewline {
                cells.append(cell); columns.append(cellColumn)
                result.append((recordLine, cells, columns))
                cells = []; columns = []; cell = ""
                line += 1; column = 0; recordLine = line; cellColumn = 1
            } else {
                cell.append(c)
            }
            column += 1
            i = next
        }
        if !cell.isEmpty || !cells.isEmpty {
            cells.append(cell); columns.append(cellColumn)
            result.append((recordLine, cells, columns))
        }
        return result
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
            return secondsHint! ? milliseconds(fromSeconds: number) : milliseconds(fromSeconds: number / 1000)
        }
        return parseISO8601Milliseconds(text)
    }
}
