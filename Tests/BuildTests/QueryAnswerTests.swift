import Build
import Diagnostics
import Foundation
import Testing

/// `*.queries.yaml` beside pulled responses: build takes Prometheus's answers as they are.
@Suite struct QueryAnswerTests {
    /// A `query_range` answer as Prometheus writes it: computed series have no `__name__`.
    func response(_ labels: String, _ values: [(Int, String)]) -> String {
        let points = values.map { "[\($0.0),\"\($0.1)\"]" }.joined(separator: ",")
        return #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{\#(labels)},"values":[\#(points)]}]}}"#
    }

    func project(manifest: String?) throws -> URL {
        // Two answers whose only series have the same labels: a rate and a quantile of one job.
        var files = [
            "Content/site.yaml": "title: Answers\n",
            "Content/deployment.yaml": """
            model: { name: m, version: '1' }
            objectives:
              - { component: m, name: traffic, series: 'sum by (job) (rate(http_requests_total[5m]))', aggregate: avg, above: 10, window: 1h }
              - { component: m, name: latency p95, series: 'histogram_quantile(0.95, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m])))', aggregate: max, below: 0.5, window: 1h }
            """,
            "Content/monitoring/prom-1.json": response(#""job":"api""#, [(1_795_600_000, "40"), (1_795_600_060, "44")]),
            "Content/monitoring/prom-2.json": response(#""job":"api""#, [(1_795_600_000, "0.2"), (1_795_600_060, "0.25")]),
        ]
        if let manifest { files["Content/monitoring/prom.queries.yaml"] = manifest }
        return try makeProject(files)
    }

    let manifest = """
        # Written by `handover pull prometheus`
        source: "http://prometheus:9090"
        end: "2026-11-26T07:21:00Z"
        range: 1h
        step: 1m
        answers:
          - file: "prom-1.json"
            query: "sum by (job) (rate(http_requests_total[5m]))"
          - file: "prom-2.json"
            query: "histogram_quantile(0.95, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m])))"

        """

    func status(_ result: BuildPipeline.Result) -> String { result.files.first { $0.path == "status.json" }?.contents ?? "" }

    @Test func answersAreTakenAsPrometheusComputedThem() throws {
        let result = BuildPipeline.check(options(try project(manifest: manifest)))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let status = status(result)
        // Each answer is its own: the rate is not averaged with the quantile of the same labels.
        #expect(status.contains(#""name":"traffic","status":"operational""#), "\(status)")
        #expect(status.contains(#""observed":42,"#), "\(status)")
        #expect(status.contains(#""name":"latency p95","status":"operational""#))
        #expect(status.contains(#""observed":0.25,"#))
    }

    @Test func spacingDoesNotMatter() throws {
        let spaced = manifest.replacingOccurrences(of: "sum by (job) (rate(", with: "sum  by(job)(rate( ")
        let result = BuildPipeline.check(options(try project(manifest: spaced)))
        #expect(status(result).contains(#""name":"traffic","status":"operational""#))
    }

    @Test func withoutTheManifestTheExpressionsCannotBeRead() throws {
        let result = BuildPipeline.check(options(try project(manifest: nil)))
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { $0.hint?.contains("handover pull prometheus --from-dashboard") == true })
    }

    @Test func anEmptyAnswerIsNoDataNotAnError() throws {
        let project = try project(manifest: manifest)
        try #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#
            .write(to: project.appendingPathComponent("Content/monitoring/prom-1.json"), atomically: true, encoding: .utf8)
        let result = BuildPipeline.check(options(project))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        #expect(status(result).contains(#""name":"traffic","status":"unknown""#))
        #expect(status(result).contains(#""reason":"no-data","reason_text":"no data for this series""#))
    }

    @Test func aBrokenManifestIsALocatedError() throws {
        let broken =
            manifest.replacingOccurrences(of: "  - file: \"prom-2.json\"\n", with: "  - file: \"../site.yaml\"\n")
            + "  - just text\n"
        let result = BuildPipeline.check(options(try project(manifest: broken)))
        let errors = result.diagnostics.filter { $0.severity == .error }.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(errors.contains("9:11 expected the name of a file beside Content/monitoring/prom.queries.yaml, found `../site.yaml`"), "\(errors)")
        #expect(errors.contains("11:5 expected an answer with `file:` and `query:`, found `just text`"), "\(errors)")
        #expect(result.diagnostics.allSatisfy { $0.location.path == "Content/monitoring/prom.queries.yaml" || $0.severity == .error })
    }

    @Test func anAnswerWhoseFileIsGoneIsAWarning() throws {
        let gone = manifest.replacingOccurrences(of: "prom-2.json", with: "prom-9.json")
        let result = BuildPipeline.check(options(try project(manifest: gone)))
        let warning = try #require(result.diagnostics.first { $0.message.contains("which is not there") })
        #expect(warning.severity == .warning)
        #expect(warning.location.path == "Content/monitoring/prom.queries.yaml" && warning.location.line == 9)
    }
}
