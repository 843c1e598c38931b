import Basics
import Diagnostics
import Foundation

/// One Evidently report or test suite, as read: the data-drift numbers and the tests.
public struct DriftReport: Sendable, Equatable {
    public enum Shape: String, Sendable { case current = "0.7", legacy }

    /// One column's drift: the statistical test, its threshold, its score, and the verdict.
    public struct Column: Sendable, Equatable {
        public var name: String
        /// `K-S p_value`, `Wasserstein distance (normed)`, …
        public var method: String?
        public var threshold: Double?
        /// NaN when Evidently wrote `NaN`.
        public var score: Double?
        public var drifted: Bool?
        public init(name: String) { self.name = name }
    }

    /// A test of a test suite (or of a 0.7 report's tests), with its verdict.
    public struct Test: Sendable, Equatable {
        public enum Status: String, Sendable { case success, fail, warning, error, skipped }
        public var name: String
        public var description: String?
        public var status: Status
        public var group: String?
    }

    /// As diagnostics print it.
    public var path: String
    /// The part of the file name before its time: `data-drift` of `data-drift-20261124T220000Z.json`.
    public var name: String
    /// Milliseconds: from the file name, else from the legacy `timestamp`.
    public var time: Int64
    public var shape: Shape
    public var evidentlyVersion: String?
    /// Share of drifted columns (0…1), how many, of how many.
    public var driftShare: Double?
    public var driftedColumns: Int?
    public var columnCount: Int?
    /// The share past which the data set counts as drifted (`drift_share` of the preset).
    public var driftShareThreshold: Double?
    public var datasetDrift: Bool?
    public var columns: [Column] = []
    public var tests: [Test] = []

    public var failedTests: Int { tests.filter { $0.status == .fail || $0.status == .error }.count }
}

/// Evidently's JSON: 0.7 `Snapshot.json()` (`metrics` with `metric_name`/`config`/`value`, `tests`
/// with `status`) and the legacy API's report and test suite (`metrics` with `metric`/`result`,
/// `tests` with `summary`). Bare `NaN` and `Infinity` tokens are read as NaN (both write them).
public enum EvidentlyReader {
    /// Whether the start of a JSON file is Evidently's.
    static func looksLikeEvidently(_ head: String) -> Bool {
        if head.contains("\"timeseries\"") || head.contains("\"status\"") && head.contains("\"resultType\"") { return false }
        return head.contains("\"metric_name\"") || head.contains("\"evidently:")
            || (head.contains("\"metrics\"") && head.contains("\"metric\"") && head.contains("\"result\""))
            || (head.contains("\"tests\"") && (head.contains("\"summary\"") || head.contains("\"group\"")))
    }

    /// The series a report gives, so that objectives and panels can use drift like any metric.
    public static let seriesNames = [
        "evidently_drift_share", "evidently_drifted_columns", "evidently_column_drift_score",
        "evidently_column_drifted", "evidently_tests_failed", "evidently_tests_total",
    ]

    public static func read(_ data: Data, path: String) -> (report: DriftReport?, series: [Series], diagnostics: [Diagnostic]) {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: withoutBareSpecials(data))
        } catch {
            let text = String(decoding: data, as: UTF8.self)
            return (nil, [], [JSONSnapshotReader.jsonDiagnostic(error, text: text, path: path, what: "an Evidently report")])
        }
        guard let object = root as? [String: Any] else {
            return (nil, [], [.error(at: SourceLocation(path: path, line: 1, column: 1), "expected an Evidently report: a JSON object, found a list")])
        }
        let stamp = TextExpositionReader.timestamp(fromFileName: fileName)
        let legacyTime = (object["timestamp"] as? String).flatMap(naiveTime)
        guard let time = stamp ?? legacyTime else {
            let stem = fileName.split(separator: ".").first.map(String.init) ?? "data-drift"
            return (
                nil, [],
                [
                    .error(
                        at: SourceLocation(path: path, line: 1, column: 1),
                        "the Evidently report says not when it was run: its file name gives no time and it has no \"timestamp\"",
                        hint: "name the file after the run in UTC, e.g. \(stem)-20261124T220000Z.json")
                ]
            )
        }
        var report = DriftReport(
            path: path, name: reportName(fileName), time: time, shape: .legacy, evidentlyVersion: object["version"] as? String)
        let metrics = object["metrics"] as? [[String: Any]] ?? []
        let tests = object["tests"] as? [[String: Any]] ?? []
        if metrics.contains(where: { $0["metric_name"] != nil || $0["config"] != nil }) || tests.contains(where: { $0["metric_config"] != nil }) {
            report.shape = .current
            readCurrent(metrics: metrics, tests: tests, into: &report)
        } else {
            readLegacy(metrics: metrics, tests: tests, into: &report)
        }
        var diagnostics: [Diagnostic] = []
        if metrics.isEmpty && tests.isEmpty {
            diagnostics.append(
                .warning(
                    at: SourceLocation(path: path, line: 1, column: 1), "the Evidently report has no metrics and no tests",
                    hint: "save the report after running it: report.run(current, reference).save_json(path)"))
        }
        if stamp == nil {
            diagnostics.append(
                .warning(
                    at: SourceLocation(path: path),
                    "the time of this Evidently report is its \"timestamp\", the local time of the machine that ran it, read as UTC",
                    hint: "name the file after the run in UTC, e.g. \(report.name)-20261124T220000Z.json, to say the time exactly"))
        }
        return (report, series(of: report), diagnostics)
    }

    // MARK: 0.7

    static func readCurrent(metrics: [[String: Any]], tests: [[String: Any]], into report: inout DriftReport) {
        // A column's verdict is its drift test's status; the metric holds only the score.
        var statusByMetric: [String: DriftReport.Test.Status] = [:]
        for test in tests {
            guard let status = testStatus(test["status"]) else { continue }
            let config = test["metric_config"] as? [String: Any]
            if let id = config?["metric_id"] as? String { statusByMetric[id] = status }
            report.tests.append(
                DriftReport.Test(
                    name: test["name"] as? String ?? test["id"] as? String ?? "test", description: test["description"] as? String, status: status,
                    group: nil))
        }
        for metric in metrics {
            let config = metric["config"] as? [String: Any] ?? [:]
            let type = (config["type"] as? String ?? metric["metric_name"] as? String ?? "").split(separator: ":").last.map(String.init) ?? ""
            let value = metric["value"]
            if type.hasPrefix("DriftedColumnsCount") {
                let counts = value as? [String: Any]
                report.driftShare = number(counts?["share"])
                report.driftedColumns = number(counts?["count"]).map { Int($0) }
                report.driftShareThreshold = number(config["drift_share"])
                if let share = report.driftShare, let count = report.driftedColumns, share > 0 {
                    report.columnCount = Int((Double(count) / share).rounded())
                }
                if let share = report.driftShare, let threshold = report.driftShareThreshold { report.datasetDrift = share >= threshold }
            } else if type.hasPrefix("ValueDrift"), let name = config["column"] as? String {
                var column = DriftReport.Column(name: name)
                column.method = config["method"] as? String
                column.threshold = number(config["threshold"])
                column.score = number(value)
                if let id = metric["id"] as? String, let status = statusByMetric[id] {
                    column.drifted = status == .fail
                } else if let score = column.score, let threshold = column.threshold, !score.isNaN {
                    // Evidently's rule: a p-value drifts below the threshold, a distance at or above it.
                    column.drifted = (column.method ?? "").contains("p_value") ? score < threshold : score >= threshold
                }
                report.columns.append(column)
            }
        }
        if report.columnCount == nil, !report.columns.isEmpty { report.columnCount = report.columns.count }
    }

    // MARK: legacy

    static func readLegacy(metrics: [[String: Any]], tests: [[String: Any]], into report: inout DriftReport) {
        for metric in metrics {
            guard let result = metric["result"] as? [String: Any] else { continue }
            switch metric["metric"] as? String {
            case "DatasetDriftMetric", "DataDriftTable":
                report.driftShare = number(result["share_of_drifted_columns"]) ?? report.driftShare
                report.driftedColumns = number(result["number_of_drifted_columns"]).map { Int($0) } ?? report.driftedColumns
                report.columnCount = number(result["number_of_columns"]).map { Int($0) } ?? report.columnCount
                report.driftShareThreshold = number(result["drift_share"]) ?? report.driftShareThreshold
                report.datasetDrift = result["dataset_drift"] as? Bool ?? report.datasetDrift
                for (name, value) in (result["drift_by_columns"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    guard let column = value as? [String: Any] else { continue }
                    add(legacyColumn(name: name, column), to: &report)
                }
            case "ColumnDriftMetric":
                guard let name = result["column_name"] as? String else { continue }
                add(legacyColumn(name: name, result), to: &report)
            default:
                continue
            }
        }
        for test in tests {
            guard let status = testStatus(test["status"]) else { continue }
            report.tests.append(
                DriftReport.Test(
                    name: test["name"] as? String ?? "test", description: test["description"] as? String, status: status, group: test["group"] as? String))
            // A drift test suite carries the per-column verdicts in its parameters.
            let parameters = test["parameters"] as? [String: Any]
            for (name, value) in (parameters?["features"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let feature = value as? [String: Any], !report.columns.contains(where: { $0.name == name }) else { continue }
                var column = DriftReport.Column(name: name)
                column.method = feature["stattest"] as? String
                column.threshold = number(feature["threshold"])
                column.score = number(feature["score"])
                column.drifted = feature["detected"] as? Bool
                report.columns.append(column)
            }
            if let name = parameters?["column_name"] as? String, !report.columns.contains(where: { $0.name == name }), parameters?["score"] != nil {
                var column = DriftReport.Column(name: name)
                column.method = parameters?["stattest"] as? String
                column.threshold = number(parameters?["threshold"])
                column.score = number(parameters?["score"])
                column.drifted = parameters?["detected"] as? Bool
                report.columns.append(column)
            }
        }
        if report.driftShare == nil, !report.columns.isEmpty, report.columns.allSatisfy({ $0.drifted != nil }) {
            let drifted = report.columns.filter { $0.drifted == true }.count
            report.driftedColumns = drifted
            report.columnCount = report.columns.count
            report.driftShare = Double(drifted) / Double(report.columns.count)
        }
    }

    static func legacyColumn(name: String, _ result: [String: Any]) -> DriftReport.Column {
        var column = DriftReport.Column(name: name)
        column.method = result["stattest_name"] as? String
        column.threshold = number(result["stattest_threshold"])
        column.score = number(result["drift_score"])
        column.drifted = result["drift_detected"] as? Bool
        return column
    }

    static func add(_ column: DriftReport.Column, to report: inout DriftReport) {
        if let i = report.columns.firstIndex(where: { $0.name == column.name }) {
            report.columns[i] = column
        } else {
            report.columns.append(column)
        }
    }

    // MARK: series

    static func series(of report: DriftReport) -> [Series] {
        let base = ["report": report.name]
        var out: [Series] = []
        func add(_ name: String, _ labels: [String: String], _ value: Double?) {
            guard let value else { return }
            out.append(Series(name: name, labels: labels, timestamps: [report.time], values: [value]))
        }
        add("evidently_drift_share", base, report.driftShare)
        add("evidently_drifted_columns", base, report.driftedColumns.map(Double.init))
        for column in report.columns {
            var labels = base
            labels["column"] = column.name
            if let method = column.method { labels["method"] = method }
            add("evidently_column_drift_score", labels, column.score)
            add("evidently_column_drifted", ["report": report.name, "column": column.name], column.drifted.map { $0 ? 1 : 0 })
        }
        if !report.tests.isEmpty {
            add("evidently_tests_failed", base, Double(report.failedTests))
            add("evidently_tests_total", base, Double(report.tests.count))
        }
        return out
    }

    // MARK: helpers

    static func testStatus(_ value: Any?) -> DriftReport.Test.Status? {
        guard let text = (value as? String)?.lowercased() else { return nil }
        return DriftReport.Test.Status(rawValue: text)
    }

    static func number(_ value: Any?) -> Double? {
        switch value {
        case let n as NSNumber: return n.doubleValue
        case let s as String: return parseSampleValue(s)
        default: return nil
        }
    }

    /// `data-drift` of `data-drift-20261124T220000Z.json`; the whole stem without a time.
    static func reportName(_ fileName: String) -> String {
        var stem = fileName.split(separator: ".").first.map(String.init) ?? fileName
        if TextExpositionReader.timestamp(fromFileName: fileName) != nil {
            stem = String(stem.dropLast(16))
            while stem.hasSuffix("-") || stem.hasSuffix("_") { stem.removeLast() }
        }
        return stem.isEmpty ? "evidently" : stem
    }

    /// `2026-11-24 22:07:25.410000` (Python's `str(datetime.now())`), read as UTC.
    static func naiveTime(_ text: String) -> Int64? {
        ISO8601.parse(text).flatMap { $0.hasTime ? $0.epochMilliseconds : nil }
    }

    /// Bare `NaN`, `Infinity` and `-Infinity` outside strings become the strings JSON can hold.
    static func withoutBareSpecials(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        guard bytes.contains(UInt8(ascii: "N")) || bytes.contains(UInt8(ascii: "I")) else { return data }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var i = 0, inString = false
        func matches(_ word: String, at index: Int) -> Bool {
            let w = Array(word.utf8)
            return index + w.count <= bytes.count && Array(bytes[index..<(index + w.count)]) == w
        }
        let specials = [("-Infinity", "\"-Inf\""), ("Infinity", "\"+Inf\""), ("NaN", "\"NaN\"")]
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                out.append(b)
                if b == UInt8(ascii: "\\"), i + 1 < bytes.count {
                    out.append(bytes[i + 1])
                    i += 2
                    continue
                }
                if b == UInt8(ascii: "\"") { inString = false }
                i += 1
                continue
            }
            if b == UInt8(ascii: "\"") { inString = true }
            if let (word, replacement) = specials.first(where: { matches($0.0, at: i) }) {
                out += Array(replacement.utf8)
                i += word.utf8.count
                continue
            }
            out.append(b)
            i += 1
        }
        return Data(out)
    }
}
