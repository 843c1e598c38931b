import Diagnostics
import Foundation
@testable import Monitoring
import Testing

/// Reports written by the real `evidently` 0.7.23 (`scripts/evidently_reports.py`, synthetic data:
/// `monthly_charges` and `contract` drift more run by run, `tenure` stays).
struct EvidentlyTests {
    static func reading(_ name: String) throws -> SnapshotReading {
        let url = fixtures.appendingPathComponent("evidently/" + name)
        return SnapshotReader.reading(try Data(contentsOf: url), path: "Content/monitoring/" + name)
    }

    @Test func aCurrentReportGivesTheDriftShareEachColumnAndItsTestVerdict() throws {
        let reading = try Self.reading("data-drift-20261124T220000Z.json")
        #expect(reading.format == .evidentlyJSON)
        #expect(reading.diagnostics.isEmpty)
        let report = try #require(reading.drift)
        #expect(report.shape == .current)
        #expect(report.name == "data-drift")
        #expect(report.time == 1_795_557_600_000)
        #expect(report.driftShare == 0.5)
        #expect(report.driftedColumns == 2)
        #expect(report.columnCount == 4)
        #expect(report.driftShareThreshold == 0.5)
        #expect(report.datasetDrift == true)
        #expect(report.columns.map(\.name) == ["tenure", "monthly_charges", "prediction", "contract"])
        #expect(report.columns.map(\.drifted) == [false, true, false, true])
        #expect(report.columns[3].method == "chi-square p_value")
        #expect(report.columns[0].threshold == 0.05)
        #expect(report.tests.count == 5)
        #expect(report.failedTests == 3)
        let share = try #require(reading.series.first { $0.name == "evidently_drift_share" })
        #expect(share.labels == ["report": "data-drift"])
        #expect(share.timestamps == [1_795_557_600_000] && share.values == [0.5])
        let scores = reading.series.filter { $0.name == "evidently_column_drift_score" }
        #expect(scores.count == 4)
        #expect(scores.first { $0.labels["column"] == "contract" }?.labels["method"] == "chi-square p_value")
        #expect(reading.series.first { $0.name == "evidently_tests_failed" }?.values == [3])
    }

    @Test func aLegacyReportReadsTheDriftTableAndWarnsThatItsTimestampIsLocal() throws {
        let reading = try Self.reading("legacy-drift-20261124T220000Z.json")
        let report = try #require(reading.drift)
        #expect(report.shape == .legacy)
        #expect(report.evidentlyVersion == "0.7.23")
        #expect(report.columnCount == 4)
        #expect(report.driftedColumns == 2)
        #expect(report.columns.count == 4)
        #expect(report.columns.first { $0.name == "monthly_charges" }?.drifted == true)
        #expect(report.columns.first { $0.name == "tenure" }?.drifted == false)
        // The file name gives the time: the naive local `timestamp` inside is not used.
        #expect(report.time == 1_795_557_600_000)
        #expect(reading.diagnostics.isEmpty)

        var data = try Data(contentsOf: fixtures.appendingPathComponent("evidently/legacy-drift-20261124T220000Z.json"))
        data = Data(
            String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"timestamp\": \"20", with: "\"timestamp\": \"2026-11-20 10:00:00\", \"was\": \"20")
                .utf8)
        let renamed = SnapshotReader.reading(data, path: "Content/monitoring/legacy-drift.json")
        #expect(renamed.drift?.time == 1_795_168_800_000)
        #expect(
            renamed.diagnostics.map(\.message) == [
                "the time of this Evidently report is its \"timestamp\", the local time of the machine that ran it, read as UTC"
            ])
    }

    @Test func aLegacyTestSuiteGivesItsTestsAndThePerColumnVerdicts() throws {
        let reading = try Self.reading("data-quality-20261124T220000Z.json")
        let report = try #require(reading.drift)
        #expect(report.tests.count == 7)
        #expect(report.tests.first?.name == "The Number of Missing Values")
        #expect(report.tests.first?.status == .fail)
        #expect(report.tests.first?.group == "data_integrity")
        #expect(report.tests.filter { $0.status == .success }.map(\.name) == ["Share of Out-of-Range Values", "Drift per Column", "Drift per Column"])
        #expect(Set(report.columns.map(\.name)) == ["tenure", "monthly_charges", "prediction", "contract"])
        #expect(report.driftShare == 0.5)
    }

    @Test func bareNaNIsReadAndADistanceDriftsAtOrAboveItsThreshold() throws {
        let reading = try Self.reading("nan-values-20261124T220000Z.json")
        #expect(reading.diagnostics.isEmpty)
        let report = try #require(reading.drift)
        #expect(report.columns.count == 1)
        #expect(report.columns[0].method == "wasserstein")
        #expect(report.columns[0].drifted == false)
        #expect(report.driftShare == nil)
    }

    @Test func aReportWithoutATimeIsALocatedErrorThatSaysHowToNameIt() {
        let text =
            #"{"metrics": [{"id": "a", "metric_name": "ValueDrift(column=x)", "config": {"type": "evidently:metric_v2:ValueDrift", "column": "x"}, "value": 0.2}], "tests": []}"#
        let reading = SnapshotReader.reading(Data(text.utf8), path: "Content/monitoring/drift.json")
        #expect(reading.format == .evidentlyJSON)
        #expect(reading.drift == nil)
        #expect(reading.diagnostics.first?.severity == .error)
        #expect(reading.diagnostics.first?.location.description == "Content/monitoring/drift.json:1:1")
        #expect(reading.diagnostics.first?.hint?.contains("drift-20261124T220000Z.json") == true)
    }

    @Test func nanInsideStringsIsLeftAloneAndBrokenJSONIsLocated() {
        #expect(
            String(decoding: EvidentlyReader.withoutBareSpecials(Data(#"{"a": "NaN Infinity", "b": NaN, "c": -Infinity}"#.utf8)), as: UTF8.self)
                == #"{"a": "NaN Infinity", "b": "NaN", "c": "-Inf"}"#)
        let reading = SnapshotReader.reading(
            Data("{\"metrics\": [{\"metric_name\": \"x\",\n \"value\": }]}".utf8), path: "Content/monitoring/x-20261124T220000Z.json")
        #expect(reading.diagnostics.first?.severity == .error)
        #expect(reading.diagnostics.first?.message.contains("Evidently") == true)
    }

    @Test func prometheusAndAzureFilesAreNotTakenForEvidently() throws {
        #expect(!EvidentlyReader.looksLikeEvidently(#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[]}]}}"#))
        #expect(!EvidentlyReader.looksLikeEvidently(#"{"cost":0,"value":[{"timeseries":[]}]}"#))
    }
}
