import Basics
import Charts
import Monitoring
import Panels
import Templates

/// One Evidently report on the dashboard (`pages/dashboard`, "Data and prediction drift").
struct DriftView: ViewModel {
    struct Column: ViewModel {
        var name: String
        var method: String?
        var threshold: String?
        var score: String?
        var drifted: Bool?
        var sparkline: String?

        static let fields = ViewFields<Self>(
            "a drift column",
            [
                .value("name") { $0.name },
                .value("method") { $0.method },
                .value("threshold") { $0.threshold },
                .value("score") { $0.score },
                .value("isDrifted") { $0.drifted == true ? true : nil },
                .value("isStable") { $0.drifted == false ? true : nil },
                .value("sparkline") { $0.sparkline },
            ])
    }

    struct Test: ViewModel {
        var name: String
        var description: String?
        var status: DriftReport.Test.Status

        static let fields = ViewFields<Self>(
            "an Evidently test",
            [
                .value("name") { $0.name },
                .value("description") { $0.description },
                .value("isPassed") { $0.status == .success ? true : nil },
                .value("isFailed") { $0.status == .fail ? true : nil },
                .value("isWarning") { $0.status == .warning ? true : nil },
                .value("isError") { $0.status == .error ? true : nil },
                .value("isSkipped") { $0.status == .skipped ? true : nil },
            ])
    }

    var id: String
    var name: String
    var path: String
    var time: String
    var timeISO: String
    var shape: String
    var version: String?
    var runs: Int
    var firstTime: String
    var share: String?
    var drifted: Int?
    var columnCount: Int?
    var threshold: String?
    var datasetDrift: Bool?
    var shareSparkline: String?
    var columns: [Column]
    var tests: [Test]
    var failedTests: Int

    static let fields = ViewFields<Self>(
        "an Evidently report",
        [
            .value("id") { $0.id },
            .value("name") { $0.name },
            .value("path") { $0.path },
            .value("time") { $0.time },
            .value("timeISO") { $0.timeISO },
            .value("isLegacy") { $0.shape == DriftReport.Shape.legacy.rawValue ? true : nil },
            .value("shape") { $0.shape },
            .value("version") { $0.version },
            .value("severalRuns") { $0.runs > 1 ? true : nil },
            .value("runs") { $0.runs },
            .value("firstTime") { $0.firstTime },
            .value("share") { $0.share },
            .value("drifted") { $0.drifted },
            .value("columnCount") { $0.columnCount },
            .value("threshold") { $0.threshold },
            .value("isDatasetDrift") { $0.datasetDrift == true ? true : nil },
            .value("isDatasetStable") { $0.datasetDrift == false ? true : nil },
            .value("shareSparkline") { $0.shareSparkline },
            .models("columns") { $0.columns.nilIfEmpty },
            .value("hasColumns") { $0.columns.isEmpty ? nil : true },
            .models("tests") { $0.tests.nilIfEmpty },
            .value("hasTests") { $0.tests.isEmpty ? nil : true },
            .value("testCount") { $0.tests.count },
            .value("failedTests") { $0.failedTests },
            .value("allPassed") { !$0.tests.isEmpty && $0.failedTests == 0 ? true : nil },
        ])
}

extension SiteRenderer {
    /// The drift section of the dashboard: one entry per Evidently report name, newest run first
    /// in each, with each column's score over the runs when there are several.
    func driftViews() -> [DriftView] {
        (monitoring?.drift.reports ?? []).map { entry in
            let report = entry.latest
            return DriftView(
                id: "drift-" + anchorID(report.name), name: report.name, path: report.path,
                time: words.dateTime(report.time), timeISO: rfc3339Text(epochSeconds: report.time / 1000),
                shape: report.shape.rawValue, version: report.evidentlyVersion, runs: entry.runs, firstTime: words.dateTime(entry.firstTime),
                share: report.driftShare.flatMap { $0.isFinite ? words.percent($0) : nil },
                drifted: report.driftedColumns, columnCount: report.columnCount,
                threshold: report.driftShareThreshold.map(words.percent), datasetDrift: report.datasetDrift,
                shareSparkline: entry.shareHistory.count > 1 ? sparkline(entry.shareHistory).nilIfEmpty : nil,
                columns: entry.features.map { feature in
                    DriftView.Column(
                        name: feature.column.name, method: feature.column.method,
                        threshold: feature.column.threshold.map(driftNumber),
                        score: feature.column.score.map(driftNumber),
                        drifted: feature.column.drifted,
                        sparkline: feature.history.count > 1 ? sparkline(feature.history).nilIfEmpty : nil)
                },
                tests: report.tests.map { DriftView.Test(name: $0.name, description: $0.description.map(plainEvidentlyText), status: $0.status) },
                failedTests: report.failedTests)
        }
    }

    /// Scores and thresholds as Evidently's own report prints them: p-values near zero stay readable.
    func driftNumber(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "−Inf") }
        if value != 0, abs(value) < 0.001 { return String(format: "%.1e", value) }
        return words.readable(value, significant: 3)
    }
}

/// Evidently marks column names in its test descriptions as Markdown bold (`**tenure**`).
func plainEvidentlyText(_ text: String) -> String {
    text.replacingOccurrences(of: "**", with: "")
}
