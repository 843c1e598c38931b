import Diagnostics
import Foundation
@testable import Monitoring
import Testing

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

func read(_ text: String, _ name: String = "Content/monitoring/x.txt") -> ([Series], SnapshotFormat?, [Diagnostic]) {
    SnapshotReader.read(Array(text.utf8), path: name)
}

func fixture(_ name: String) throws -> ([Series], SnapshotFormat?, [Diagnostic]) {
    let bytes = try [UInt8](Data(contentsOf: fixtures.appendingPathComponent(name)))
    return SnapshotReader.read(bytes, path: "Content/monitoring/" + name)
}

@Suite struct PrometheusJSONTests {
    @Test func matrixWithStringNumbersNaNAndInfinity() throws {
        let (series, format, diagnostics) = try fixture("query-range.json")
        #expect(format == .prometheusJSON)
        #expect(diagnostics.map(\.message) == ["Prometheus warned: results truncated"])
        #expect(diagnostics.first?.severity == .warning)
        let up = try #require(series.first { $0.name == "up" })
        #expect(up.labels == ["job": "scoring", "instance": "a:9100"])
        #expect(up.timestamps == [1_795_651_200_000, 1_795_651_260_500, 1_795_651_320_000, 1_795_651_380_000])
        #expect(up.values[0] == 1 && up.values[1] == 0 && up.values[2].isNaN && up.values[3] == .infinity)
        #expect(series.contains { $0.name.isEmpty && $0.labels == ["job": "scoring"] })
    }

    @Test func vectorAndScalar() {
        let (vector, _, _) = read(#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"x"},"value":[1700000000,"-Inf"]}]}}"#)
        #expect(vector.first?.values == [-.infinity])
        let (scalar, _, _) = read(#"{"status":"success","data":{"resultType":"scalar","result":[1700000000.25,"2"]}}"#)
        #expect(scalar.first?.timestamps == [1_700_000_000_250])
    }

    @Test func bareResultListAsClientsKeepIt() {
        let (series, format, diagnostics) = read(#"[{"metric":{"__name__":"x","a":"1"},"value":[1700000000,"5"]}]"#)
        #expect(format == .prometheusJSON)
        #expect(diagnostics.isEmpty)
        #expect(series.first?.values == [5])
    }

    @Test func errorResponseIsAnInputError() {
        let (_, _, diagnostics) = read(
            #"{"status":"error","errorType":"bad_data","error":"parse error at char 4: unexpected \"}\""}"#, "Content/monitoring/bad.json")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.message == "Prometheus returned an error (bad_data): parse error at char 4: unexpected \"}\"")
        #expect(diagnostics.first?.location.path == "Content/monitoring/bad.json")
    }

    @Test func malformedJSONHasALocation() {
        let (_, _, diagnostics) = read("{\"status\":\"success\",\n\"data\": {\"resultType\": \"matrix\", \"result\": [ {\"values\": [[1, \"x\"]]} ]}}")
        let d = diagnostics.first
        #expect(d?.severity == .error)
        #expect(d?.location.line ?? 0 >= 1)
        #expect(d?.message.contains("expected a number as a string, found \"x\"") == true)
    }
}

@Suite struct TextExpositionTests {
    @Test func prometheusTextWithTimeFromTheFileName() throws {
        let (series, format, diagnostics) = try fixture("node-20261124T222717Z.prom")
        #expect(format == .prometheusText)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let escaped = try #require(series.first { $0.labels["path"] != nil })
        #expect(escaped.labels["path"] == #"C:\dir\"#)
        #expect(escaped.labels["note"] == "say \"hi\"\nbye")
        let time = try #require(series.first?.timestamps.first)
        #expect(time == 1_795_559_237_000)  // 2026-11-24T22:27:17Z
        #expect(series.filter { $0.name == "latency_seconds_bucket" }.count == 3)
    }

    @Test func millisecondTimestampsIn004() {
        let (series, format, diagnostics) = read("# TYPE x gauge\nx{a=\"1\"} 0.5 1795651200123\nx{a=\"1\"} 0.7 1795651260123\n")
        #expect(format == .prometheusText)
        #expect(diagnostics.isEmpty)
        #expect(series.first?.timestamps == [1_795_651_200_123, 1_795_651_260_123])
    }

    @Test func missingTimestampWithoutTimeInTheName() {
        let (_, _, diagnostics) = read("up 1\n", "Content/monitoring/scrape.prom")
        #expect(diagnostics.first?.message.contains("no timestamp") == true)
        #expect(diagnostics.first?.hint?.contains("scrape-20261124T222717Z.prom") == true)
    }

    @Test func malformedLineHasItsColumn() {
        let (_, _, diagnostics) = read("# TYPE x gauge\nx{a=\"1\",b=2} 3 1000\nx{a=\"1\"} abc 1000\n")
        #expect(diagnostics.map(\.location.description) == ["Content/monitoring/x.txt:2:11", "Content/monitoring/x.txt:3:10"])
        #expect(diagnostics[0].message.hasPrefix("expected a quoted label value"))
        #expect(diagnostics[1].message == "expected a number, NaN, +Inf or -Inf, found `abc`")
    }

    @Test func openMetricsWithExemplarsAndCreated() throws {
        let (series, format, diagnostics) = try fixture("scrape.om")
        #expect(format == .openMetrics)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(series.map(\.name).sorted() == ["requests_total", "temperature"])  // _created is not a series
        let requests = try #require(series.first { $0.name == "requests_total" })
        #expect(requests.timestamps == [1_795_651_200_500])  // seconds in OpenMetrics
        #expect(series.first { $0.name == "temperature" }?.values.last == -.infinity)
    }
}

@Suite struct AzureMonitorTests {
    @Test func aggregatesLeftOutAreMissingNotZero() throws {
        let json = """
            {"cost":0,"timespan":"x","interval":"PT1M","value":[{"id":"x","type":"Microsoft.Insights/metrics",
            "name":{"value":"Percentage CPU","localizedValue":"Percentage CPU"},"unit":"Percent",
            "timeseries":[{"metadatavalues":[{"name":{"value":"VMName"},"value":"vm-1"}],
            "data":[{"timeStamp":"2026-11-24T10:00:00Z","average":40.5,"maximum":90},
                    {"timeStamp":"2026-11-24T10:01:00.1234567Z","average":41},
                    {"timeStamp":"2026-11-24T10:02:00Z"}]}]}],"namespace":"x","resourceregion":"westeurope"}
            """
        let (series, format, diagnostics) = read(json)
        #expect(format == .azureMonitorJSON)
        #expect(diagnostics.isEmpty)
        let average = try #require(series.first { $0.labels["aggregation"] == "average" })
        #expect(average.name == "percentage_cpu")
        #expect(average.labels["vmname"] == "vm-1")
        #expect(average.values == [40.5, 41])
        #expect(average.timestamps[1] - average.timestamps[0] == 60_123)
        #expect(series.first { $0.labels["aggregation"] == "maximum" }?.values == [90])
        #expect(!series.contains { $0.labels["aggregation"] == "minimum" })
    }
}

@Suite struct CSVTests {
    @Test func longFormWithLabels() {
        let (series, format, diagnostics) = read(
            "timestamp,metric,value,job\n2026-11-24T10:00:00Z,up,1,api\n2026-11-24T10:01:00Z,up,,api\n2026-11-24T10:02:00Z,up,0,api\n")
        #expect(format == .csv)
        #expect(diagnostics.isEmpty)
        #expect(series.first?.name == "up")
        #expect(series.first?.labels == ["job": "api"])
        #expect(series.first?.values == [1, 0])  // the empty cell is a gap
    }

    @Test func grafanaWideFormWithBOMSepAndSelectorColumns() {
        let text = "\u{FEFF}sep=;\r\n\"Time\";\"{__name__=\"\"up\"\", job=\"\"x\"\"}\";\"B-series\"\r\n1795651200000;1;0,5\r\n1795651260000;;0,7\r\n"
        let (series, _, diagnostics) = read(text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let up = series.first { $0.name == "up" }
        #expect(up?.labels == ["job": "x"])
        #expect(up?.values == [1])
        #expect(series.first { $0.name == "b_series" }?.values == [0.5, 0.7])
        #expect(up?.timestamps == [1_795_651_200_000])
    }

    @Test func epochSecondsAndFractionalISO() {
        let (seconds, _, _) = read("time,a\n1795651200,1\n")
        #expect(seconds.first?.timestamps == [1_795_651_200_000])
        let (iso, _, _) = read("time,a\n2026-11-24 10:00:00.123456789,1\n")
        #expect(iso.first?.timestamps.first.map { $0 % 1000 } == 123)
    }

    @Test func badTimestampHasItsLocation() {
        let (_, _, diagnostics) = read("time,a\nyesterday,1\n")
        #expect(diagnostics.first?.location.description == "Content/monitoring/x.txt:2:1")
    }

    @Test func grafanaV5LongFormWithThousandsSeparators() {
        let text = "\"Series\";\"Time\";\"Value\"\n\"[[tag_host]]\";\"2018-12-12T12:00:00+11:00\";1,721,992,142.283\n"
        let (series, _, diagnostics) = read(text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(series.first?.name == "tag_host")
        #expect(series.first?.values == [1_721_992_142.283])
        #expect(series.first?.timestamps == [1_544_576_400_000])  // 01:00 UTC
    }

    @Test func textColumnsAreSkippedWithAWarning() {
        let (series, _, diagnostics) = read("Time,Value,Load\n1589455688623,2020-05-14 11:28:08,3\n")
        #expect(series.map(\.name) == ["Load"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.location.description == "Content/monitoring/x.txt:2:15")
    }

    @Test func quotedCellsMayHoldLineBreaksAndGrafanaHeaderRows() {
        let (series, format, diagnostics) = read("#name#time,note,v\n#type#time,string,number\n1000,\"two\nlines\",1\n2000,x,2\n")
        #expect(format == .csv)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(series.map(\.name) == ["v"])
        #expect(series.first?.timestamps == [1_000_000, 2_000_000])
    }

    @Test func unknownFormatNamesTheFormatsTried() {
        let (_, _, diagnostics) = read("hello world\n")
        #expect(diagnostics.first?.message.contains("tried Prometheus HTTP API JSON") == true)
    }
}
