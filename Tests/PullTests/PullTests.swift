import Build
import Foundation
@testable import Pull
import Testing

@Suite(.serialized) struct PullTests {
    let auth = PrometheusPuller.Auth.basic(user: PrometheusServer.user, password: PrometheusServer.password)

    func tempFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("handover-pull-\(UUID().uuidString)/Content/monitoring/prometheus.json")
    }

    func options(_ url: String, _ queries: [String], output: URL, range: Int = 120, step: Int = 1) -> PrometheusPuller.Options {
        var o = PrometheusPuller.Options(url: url, queries: queries, end: Int64(Date().timeIntervalSince1970), output: output)
        o.rangeSeconds = range
        o.stepSeconds = step
        o.auth = auth
        o.retries = 0
        o.timeoutSeconds = 10
        return o
    }

    /// Waits until the server has scraped itself a few times.
    func readyServer() async throws -> String {
        let url = try await PrometheusServer.shared.url()
        let probe = tempFile()
        for _ in 0..<60 {
            if let pulled = try? await PrometheusPuller().pull(options(url, ["up"], output: probe)), (pulled.first?.samples ?? 0) >= 4 {
                return url
            }
            try await Task.sleep(nanoseconds: 500_000_000)
        }
        Issue.record("Prometheus did not become ready")
        return url
    }

    @Test func pullsARangeAndBuildsADashboardFromIt() async throws {
        let url = try await readyServer()
        let output = tempFile()
        let pulled = try await PrometheusPuller().pull(options(url, [#"up{job="prometheus"}"#, "prometheus_http_requests_total"], output: output))
        #expect(pulled.count == 2)
        #expect(pulled[0].series == 1 && pulled[0].samples >= 4)
        let first = output.deletingLastPathComponent().appendingPathComponent("prometheus-1.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: first)) as? [String: Any])
        #expect(json["status"] as? String == "success")
        #expect((json["data"] as? [String: Any])?["resultType"] as? String == "matrix")

        // A project around the pulled snapshot: its dashboard shows the series.
        let project = output.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try "title: Pulled\n".write(to: project.appendingPathComponent("Content/site.yaml"), atomically: true, encoding: .utf8)
        try """
        model: { name: m, version: '1' }
        environments: [ { name: test, endpoints: [ { name: prometheus, mode: realtime } ] } ]
        objectives: [ { component: prometheus, name: availability, series: 'up{job="prometheus"}', aggregate: avg, above: 0.5, window: 1h } ]
        """.write(to: project.appendingPathComponent("Content/deployment.yaml"), atomically: true, encoding: .utf8)
        try
            "panels: [ { title: Up, series: 'up{job=\"prometheus\"}', objective: availability }, { title: Requests, series: 'rate(prometheus_http_requests_total[10s])', unit: req/s } ]\n"
            .write(to: project.appendingPathComponent("Content/dashboard.yaml"), atomically: true, encoding: .utf8)
        var build = BuildPipeline.Options(projectURL: project)
        build.sourceDateEpoch = Int64(Date().timeIntervalSince1970)
        let result = BuildPipeline.check(build)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let status = try #require(result.files.first { $0.path == "status.json" }).contents
        #expect(status.contains("\"status\": \"operational\""))
        let dashboard = try #require(result.files.first { $0.path == "dashboard/index.html" }).contents
        #expect(dashboard.components(separatedBy: "<div class=\"chart-wide\">").count - 1 == 2)
        // Series are named by what tells them apart (or, alone, by the panel), never by a raw
        // label set; the tile says what it shows (one series, or the sum of several).
        #expect(!dashboard.contains("{instance=") && !dashboard.contains("{handler="))
        #expect(dashboard.contains("tile-what\">latest at "))
    }

    /// The README's CI recipe: `pull prometheus --from-dashboard`, then `build`. Every objective
    /// and panel is a computed expression, whose answer has no metric name: build must take
    /// Prometheus's answers (named by `prometheus.queries.yaml`), not evaluate them again.
    @Test func theCIRecipeGivesEvaluatedObjectives() async throws {
        let url = try await readyServer()
        let output = tempFile()
        let project = output.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "title: Recipe\n".write(to: project.appendingPathComponent("Content/site.yaml"), atomically: true, encoding: .utf8)
        // Every self-scrape is a request to /metrics: these series always have data.
        let requests = #"rate(prometheus_http_requests_total{handler="/metrics"}[15s])"#
        let p95 = #"histogram_quantile(0.95, sum by (le) (rate(prometheus_http_request_duration_seconds_bucket{handler="/metrics"}[15s])))"#
        let samples = "sum(rate(prometheus_tsdb_head_samples_appended_total[15s]))"
        try """
        model: { name: m, version: '1' }
        environments: [ { name: test, endpoints: [ { name: prometheus, mode: realtime } ] } ]
        objectives:
          - { component: prometheus, name: availability, series: 'up{job="prometheus"}', aggregate: avg, above: 0.5, window: 1h }
          - { component: prometheus, name: scrapes, series: '\(requests)', aggregate: avg, above: 0.1, window: 1h }
          - { component: prometheus, name: latency p95, series: '\(p95)', aggregate: max, below: 5, window: 1h }
          - { component: prometheus, name: ingestion, series: '\(samples)', aggregate: avg, above: 0, window: 1h }
        """.write(to: project.appendingPathComponent("Content/deployment.yaml"), atomically: true, encoding: .utf8)
        try "panels: [ { title: Scrapes, series: '\(requests)', unit: req/s }, { title: p95, series: '\(p95)', unit: s } ]\n"
            .write(to: project.appendingPathComponent("Content/dashboard.yaml"), atomically: true, encoding: .utf8)

        let (series, errors) = BuildPipeline.monitoredSeries(projectURL: project)
        #expect(errors.isEmpty, "\(errors)")
        #expect(series.count == 4)
        let pulled = try await PrometheusPuller().pull(options(url, series, output: output))
        #expect(pulled.allSatisfy { $0.samples > 0 }, "\(pulled.map { ($0.query, $0.samples) })")
        let manifest = try String(contentsOf: output.deletingLastPathComponent().appendingPathComponent("prometheus.queries.yaml"), encoding: .utf8)
        #expect(manifest.contains("  - file: \"prometheus-3.json\"\n    query: \"histogram_quantile(0.95, sum by (le)"))
        #expect(!manifest.contains(PrometheusServer.password))

        var build = BuildPipeline.Options(projectURL: project)
        build.sourceDateEpoch = Int64(Date().timeIntervalSince1970)
        let result = BuildPipeline.check(build)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let status = try #require(result.files.first { $0.path == "status.json" }).contents
        // No objective unknown (the model, without objectives, is not monitored: "unknown" in status.json).
        #expect(!status.contains("\"status\":\"unknown\",\"series\""), "\(status)")
        #expect(status.components(separatedBy: "\"status\":\"operational\",\"series\"").count - 1 == 4, "\(status)")
        let dashboard = try #require(result.files.first { $0.path == "dashboard/index.html" }).contents
        #expect(dashboard.components(separatedBy: "<div class=\"chart-wide\">").count - 1 == 2)
        #expect(!dashboard.contains("no data in the window"))

        // Without the answers, the same files mean nothing to the expressions (what the recipe did before).
        try FileManager.default.removeItem(at: output.deletingLastPathComponent().appendingPathComponent("prometheus.queries.yaml"))
        let unanswered = try #require(BuildPipeline.check(build).files.first { $0.path == "status.json" }).contents
        #expect(unanswered.components(separatedBy: "\"status\":\"unknown\",\"series\"").count - 1 == 3)
    }

    @Test func unreachableServerWritesNothing() async throws {
        let output = tempFile()
        do {
            var o = options("http://127.0.0.1:1", ["up"], output: output)
            o.timeoutSeconds = 3
            _ = try await PrometheusPuller().pull(o)
            Issue.record("expected a failure")
        } catch let failure as PrometheusPuller.Failure {
            #expect(failure.message.hasPrefix("cannot reach Prometheus at http://127.0.0.1:1"))
        }
        #expect(!FileManager.default.fileExists(atPath: output.deletingLastPathComponent().path))
    }

    @Test func connectionFailuresAreRetriedWithBackoff() async throws {
        final class Lines: @unchecked Sendable {
            private let lock = NSLock()
            private var lines: [String] = []
            func add(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
            var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
        }
        let lines = Lines()
        var o = options("http://127.0.0.1:1", ["up"], output: tempFile())
        o.retries = 2
        o.timeoutSeconds = 2
        await #expect(throws: PrometheusPuller.Failure.self) { try await PrometheusPuller(log: { lines.add($0) }).pull(o) }
        #expect(lines.all == ["retrying `up` in 0.5 s (attempt 2 of 3)", "retrying `up` in 1.0 s (attempt 3 of 3)"])
    }

    @Test func rejectedQueryIsNamedAndNothingIsWritten() async throws {
        let url = try await readyServer()
        let output = tempFile()
        do {
            _ = try await PrometheusPuller().pull(options(url, ["up", "up[", "rate(up)"], output: output))
            Issue.record("expected a failure")
        } catch let failure as PrometheusPuller.Failure {
            #expect(failure.message.hasPrefix("Prometheus rejected the query `up[` (bad_data)"), "\(failure)")
        }
        #expect(!FileManager.default.fileExists(atPath: output.deletingLastPathComponent().path))
    }

    @Test func wrongCredentialsAreRefused() async throws {
        let url = try await readyServer()
        var o = options(url, ["up"], output: tempFile())
        o.auth = .basic(user: PrometheusServer.user, password: "wrong")
        do {
            _ = try await PrometheusPuller().pull(o)
            Issue.record("expected a failure")
        } catch let failure as PrometheusPuller.Failure {
            #expect(failure.message == "Prometheus refused the credentials (HTTP 401)")
            #expect(failure.hint?.contains("HANDOVER_PROMETHEUS_USER") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: o.output.path))
    }

    @Test func tooManyPointsSaysWhichStepWorks() async throws {
        let url = try await readyServer()
        do {
            _ = try await PrometheusPuller().pull(options(url, ["up"], output: tempFile(), range: 7 * 86400, step: 1))
            Issue.record("expected a failure")
        } catch let failure as PrometheusPuller.Failure {
            #expect(failure.hint == "the range has more than 11,000 steps: raise --step to at least 55s, or shorten --range")
        }
    }

    @Test func credentialsComeFromTheEnvironment() {
        #expect(PrometheusPuller.Auth.from(environment: ["HANDOVER_PROMETHEUS_TOKEN": "t"]) == .bearer("t"))
        #expect(
            PrometheusPuller.Auth.from(environment: ["HANDOVER_PROMETHEUS_USER": "u", "HANDOVER_PROMETHEUS_PASSWORD": "p"]) == .basic(user: "u", password: "p"))
        #expect(PrometheusPuller.Auth.from(environment: [:]) == .none)
        #expect(PrometheusPuller.Auth.basic(user: "u", password: "p").header == "Basic dTpw")
    }
}

/// `pull` against a server that misbehaves on purpose (issue: deadlines, bounds, terminal text).
@Suite(.serialized) struct HostilePrometheusTests {
    func options(_ url: String) -> PrometheusPuller.Options {
        var o = PrometheusPuller.Options(
            url: url, queries: ["up"],
            end: 1_764_000_000,
            output: FileManager.default.temporaryDirectory
                .appendingPathComponent("handover-hostile-\(UUID().uuidString)/prometheus.json"))
        o.rangeSeconds = 600
        o.retries = 0
        return o
    }

    func failure(_ o: PrometheusPuller.Options) async -> PrometheusPuller.Failure? {
        do {
            _ = try await PrometheusPuller().pull(o)
            return nil
        } catch {
            return error as? PrometheusPuller.Failure
        }
    }

    @Test func aSlowDripIsCutAtTheDeadline() async throws {
        // One byte every 0.5 s (400 bytes: 200 s): an idle timer would never fire.
        let server = try HostileServer { write in
            guard write(HostileServer.head()) else { return }
            let body = #"{"status":"success","data":{"resultType":"matrix","result":[]}}"# + String(repeating: " ", count: 340)
            for byte in Array(body.utf8) {
                Thread.sleep(forTimeInterval: 0.5)
                guard write(HostileServer.chunk([byte])) else { return }
            }
        }
        defer { server.stop() }
        var o = options(server.url)
        o.timeoutSeconds = 2
        o.retries = 1
        let start = Date()
        let failure = await failure(o)
        let seconds = Date().timeIntervalSince(start)
        #expect(failure?.message.contains("did not answer `up` within 2 s") == true, "\(String(describing: failure))")
        // 2 attempts of 3 s and a 0.5 s backoff alone; far more when the suite's synchronous tests
        // hold the cooperative pool (102 s seen on 2 busy cores). Below the 200 s the drip lasts:
        // an answer read to its end would be a success, not the deadline's failure above.
        #expect(seconds < 180, "took \(seconds) s")
        #expect(!FileManager.default.fileExists(atPath: o.output.path))
    }

    @Test func theWholePullHasADeadline() async throws {
        let server = try HostileServer { write in
            guard write(HostileServer.head()) else { return }
            while write(HostileServer.chunk(" ")) { Thread.sleep(forTimeInterval: 0.2) }
        }
        defer { server.stop() }
        var o = options(server.url)
        o.timeoutSeconds = 30
        o.totalTimeoutSeconds = 2
        let failure = await failure(o)
        #expect(failure?.message == "the pull did not finish within 2 s", "\(String(describing: failure))")
    }

    @Test func tooManySeriesStopsReadingWithTheNumbers() async throws {
        // An endless stream of series: the pull must stop at the bound, not at the end.
        let server = try HostileServer { write in
            guard write(HostileServer.head()),
                write(HostileServer.chunk(#"{"status":"success","data":{"resultType":"matrix","result":["#))
            else { return }
            var i = 0
            while true {
                let series = #"{"metric":{"__name__":"up","instance":"i\#(i)"},"values":[[1764000000,"1"],[1764000060,"1"]]},"#
                guard write(HostileServer.chunk(series)) else { return }
                i += 1
            }
        }
        defer { server.stop() }
        var o = options(server.url)
        o.maxSeries = 1000
        let failure = await failure(o)
        #expect(failure?.message == "the answer to `up` holds more than 1000 series (stopped reading at series 1001)", "\(String(describing: failure))")
        #expect(failure?.hint?.contains("--max-series") == true)

        o.maxSeries = 1_000_000
        o.maxSamples = 500
        let samples = await self.failure(o)
        #expect(samples?.message == "the answer to `up` holds more than 500 samples (stopped reading at sample 501)", "\(String(describing: samples))")
    }

    @Test func serverTextIsEscapedAndCut() async throws {
        let evil = #"\u001b]0;owned\u0007\u001b[2J"# + String(repeating: "x", count: 5000)
        let body = #"{"status":"error","errorType":"bad_data\u001b[31m","error":""# + evil + #""}"#
        let server = try HostileServer { write in
            _ = write(HostileServer.head(status: 400, length: body.utf8.count)) && write(Array(body.utf8))
        }
        defer { server.stop() }
        let failure = await failure(options(server.url))
        let message = try #require(failure?.message)
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(message.debugDescription)")
        #expect(message.contains(#"\u{1b}]0;owned\u{7}"#))
        #expect(message.contains("(bad_data\\u{1b}[31m)"))
        #expect(message.utf8.count < 600)
    }

    @Test func warningsAreEscapedToo() async throws {
        let body =
            #"{"status":"success","warnings":["partial \u001b[2J data"],"data":{"resultType":"matrix","result":[{"metric":{"__name__":"up"},"values":[[1764000000,"1"]]}]}}"#
        let server = try HostileServer { write in
            _ = write(HostileServer.head(length: body.utf8.count)) && write(Array(body.utf8))
        }
        defer { server.stop() }
        final class Lines: @unchecked Sendable {
            var lines: [String] = []
        }
        let lines = Lines()
        let pulled = try await PrometheusPuller(log: { lines.lines.append($0) }).pull(options(server.url))
        #expect(pulled.first?.series == 1 && pulled.first?.samples == 1)
        #expect(lines.lines == [#"warning: Prometheus warned about `up`: partial \u{1b}[2J data"#])
    }
}
