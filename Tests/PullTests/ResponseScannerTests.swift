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
