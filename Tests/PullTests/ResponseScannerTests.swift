import Foundation
import Loading
@testable import Pull
import Testing

@Suite struct ResponseScannerTests {
    func scan(_ text: String, series: Int = 100, samples: Int = 1000, chunk: Int = 7) throws -> ResponseScanner {
        var scanner = ResponseScanner(limits: .init(maxSeries: series, maxSamples: samples))
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {  // in pieces, as a response arrives
            try scanner.feed(bytes[i..<min(i + chunk, bytes.count)])
            i += chunk
        }
        return scanner
    }

    @Test func countsSeriesAndSamplesOfMatricesAndVectors() throws {
        let matrix =
            #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"[{\"x"},"values":[[1,"1"],[2,"2"]]},{"metric":{},"values":[[1,"1"]]}]},"warnings":["w1","w\"2"]}"#
        let m = try scan(matrix)
        #expect(m.status == "success" && m.series == 2 && m.samples == 3)
        #expect(m.warnings == ["w1", "w\"2"])
        let v = try scan(#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]}]}}"#)
        #expect(v.series == 1 && v.samples == 1)
        let e = try scan(#"{"status":"error","errorType":"bad_data","error":"parse error at char 3"}"#)
        #expect(e.status == "error" && e.errorType == "bad_data" && e.error == "parse error at char 3")
    }

    @Test func stopsAtTheFirstBoundPassed() {
        let matrix = #"{"status":"success","data":{"result":[{"values":[[1,"1"],[2,"2"],[3,"3"]]},{"values":[]},{"values":[]}]}}"#
        #expect(throws: ResponseScanner.Overrun.series(3)) { try scan(matrix, series: 2) }
        #expect(throws: ResponseScanner.Overrun.samples(3)) { try scan(matrix, samples: 2) }
        #expect(throws: ResponseScanner.Overrun.depth) { try scan(String(repeating: "[", count: 100)) }
    }

    @Test func terminalTextEscapesControlsAndCuts() {
        #expect(TerminalText.safe("a\u{1b}]0;t\u{7}b") == #"a\u{1b}]0;t\u{7}b"#)
        #expect(TerminalText.safe("\u{202E}evil") == #"\u{202e}evil"#)
        #expect(TerminalText.safe(String(repeating: "x", count: 20), limit: 5) == "xxxxx… (15 more characters)")
    }
}

@Suite struct QueryManifestTests {
    /// Any expression, whatever its characters, reads back from the manifest as it was written.
    @Test func everyExpressionReadsBack() throws {
        let queries = [
            #"rate(http_requests_total{path=~"/a\\.b|\"q\""}[5m])"#, "up\n# not a comment: true", "a\u{7F}\u{85}\u{2028}\u{FEFF}\u{1}b",
            "x{l='single'} `raw\\`", "안녕 🙂 — ≥", "   spaced   ", "key: value", "- item", "{ flow: [1] }",
        ]
        var options = PrometheusPuller.Options(
            url: "https://user:secret@prom.example:9090/sub?token=t#f", queries: queries, end: 1_795_651_200, output: URL(fileURLWithPath: "/tmp/p.json"))
        options.rangeSeconds = 7 * 86400
        let text = QueryManifest.text(
            answers: queries.enumerated().map { ("p-\($0.offset + 1).json", $0.element) }, source: QueryManifest.source(options.url), options: options)
        #expect(!text.contains("secret") && !text.contains("token") && !text.contains("user"))
        let root = try #require(try YAMLParser.parse(text, path: "p.queries.yaml").get())
        #expect(root["source"]?.scalarString == "https://prom.example:9090/sub")
        #expect(root["end"]?.scalarString == "2026-11-26T00:00:00Z")
        #expect(root["range"]?.scalarString == "7d")
        guard case .sequence(let answers)? = root["answers"]?.value else {
            Issue.record("no answers")
            return
        }
        #expect(answers.compactMap { $0["query"]?.scalarString } == queries)
        #expect(answers.compactMap { $0["file"]?.scalarString } == queries.indices.map { "p-\($0 + 1).json" })
    }
}
