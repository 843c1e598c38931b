import Foundation
import Testing
@testable import Monitoring

/// The fast path for Prometheus responses must read exactly what the decoder reads, and leave
/// everything else to it.
@Suite struct PrometheusFastScannerTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func agreesWithTheDecoderOnEveryPrometheusFixture() throws {
        let example = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Content/monitoring")
        var files: [URL] = []
        for folder in [Self.fixtures, example] {
            files += try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
                .map { folder.appendingPathComponent($0) }
        }
        var scanned = 0
        for url in files {
            let file = url.lastPathComponent
            let data = try Data(contentsOf: url)
            guard let fast = PrometheusFastScanner.scan(data) else { continue }
            scanned += 1
            // The decoder's reading of the same bytes: the fast path turned off by a leading space
            // would still take it, so compare with the decoder directly.
            let response = try JSONDecoder().decode(JSONSnapshotReader.Response.self, from: data)
            let decoded = response.data?.series ?? []
            #expect(fast.series.count == decoded.count, "\(file)")
            for (a, b) in zip(fast.series, decoded) {
                #expect(a.name == b.name && a.labels == b.labels && a.timestamps == b.timestamps, "\(file)")
                #expect(zip(a.values, b.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(file)")
            }
            #expect(fast.warnings == (response.warnings ?? []), "\(file)")
        }
        #expect(scanned > 0, "no fixture took the fast path")
    }

    @Test func leavesWhatItDoesNotUnderstandToTheDecoder() {
        let cases = [
            #"{"status":"error","errorType":"bad_data","error":"parse error"}"#,
            #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"x\"y"},"values":[[1,"1"]]}]}}"#,
            #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"histograms":[[1,{}]]}]}}"#,
            #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"nan"]]}]}}"#,
            #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,2]]}]}}"#,
            #"{"status":"success","data":{"resultType":"scalar","result":[1,"2"]}}"#,
            #"{"status":"success","data":{"resultType":"matrix","result":[]}} trailing"#,
            #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1e400,"1"]]}]}}"#,
        ]
        for text in cases { #expect(PrometheusFastScanner.scan(Data(text.utf8)) == nil, "\(text)") }
    }

    @Test func readsWarningsAndSpecialValues() throws {
        let text =
            #"{ "status" : "success", "warnings": ["partial"], "data": { "resultType": "vector", "result": [ { "metric": { "__name__": "up", "job": "a" }, "value": [ 1700000000.5, "+Inf" ] } ] } }"#
        let result = try #require(PrometheusFastScanner.scan(Data(text.utf8)))
        #expect(result.warnings == ["partial"])
        #expect(result.series == [Series(name: "up", labels: ["job": "a"], timestamps: [1_700_000_000_500], values: [.infinity])])
    }
}
