import Foundation
@testable import Monitoring
import Testing

/// Deterministic mutations of valid inputs: readers and the query parser must answer with
/// diagnostics, never crash or hang.
@Suite struct FuzzTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11 | state << 53
        }
    }

    static let seeds: [String] = [
        #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"a"},"values":[[1700000000,"1"],[1700000060,"NaN"]]}]}}"#,
        "# HELP x X\n# TYPE x histogram\nx_bucket{le=\"0.1\",a=\"b\\\"c\"} 1 1700000000000\nx_bucket{le=\"+Inf\"} 2\nx_sum 3\nx_count 2\n",
        "# TYPE c counter\nc_total{a=\"1\"} 5 1700000000.5 # {t=\"x\"} 1 1700000000\nc_created 1699999999 1700000000.5\n# EOF\n",
        #"{"value":[{"name":{"value":"Cpu Pct"},"unit":"Percent","timeseries":[{"metadatavalues":[{"name":{"value":"vm"},"value":"a"}],"data":[{"timeStamp":"2026-01-01T00:00:00.123Z","average":1.5}]}]}]}"#,
        "\u{FEFF}sep=;\n\"Time\";\"{__name__=\"\"up\"\", job=\"\"x\"\"}\"\n1700000000000;1\n1700000060000;0,5\n",
        "timestamp,metric,value,job\n2026-01-01T00:00:00Z,up,1,a\n2026-01-01 00:01:00.5,up,0,a\n",
    ]

    func mutate(_ text: String, _ rng: inout Generator) -> [UInt8] {
        var bytes = Array(text.utf8)
        let edits = Int.random(in: 1...6, using: &rng)
        for _ in 0..<edits where !bytes.isEmpty {
            let i = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes.remove(at: i)
            case 2: bytes.insert(Array("{}[]\",:;#\n\\=+-.eE9 ".utf8).randomElement(using: &rng)!, at: i)
            case 3: bytes.insert(contentsOf: bytes[i..<min(bytes.count, i + 8)], at: i)
            default: bytes = Array(bytes[..<i])
            }
        }
        return bytes
    }

    @Test func readersSurviveMutations() {
        var rng = Generator(state: 20261125)
        for seed in Self.seeds {
            for n in 0..<400 {
                let name = ["x.json", "x.prom", "x.om", "x.csv"][n % 4]
                _ = SnapshotReader.read(mutate(seed, &rng), path: "Content/monitoring/" + name)
            }
        }
    }

    @Test func queryParserSurvivesMutations() {
        var rng = Generator(state: 7)
        let queries = [#"histogram_quantile(0.95, rate(x_bucket{a=~"b|c", d!="e"}[5m]))"#, #"increase({__name__="x_total"}[1h30m])"#]
        let store = SeriesStore([Series(name: "x_bucket", labels: ["le": "1"], timestamps: [0, 1000], values: [1, 2])])
        for query in queries {
            for _ in 0..<500 {
                let text = String(decoding: mutate(query, &rng), as: UTF8.self)
                if let parsed = try? SelectorParser.parse(text) { _ = QueryEvaluator(store: store).evaluate(parsed) }
            }
        }
    }
}
