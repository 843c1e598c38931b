import Basics
import ArgumentParser
import Build
import Diagnostics
import Foundation
import Model
import Pull

struct PullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Take monitoring snapshots from a live system.",
        subcommands: [PullPrometheusCommand.self]
    )
}

struct PullPrometheusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prometheus",
        abstract: "Run query_range on a Prometheus server and write the responses as snapshots.",
        discussion: """
            Credentials come from the environment: HANDOVER_PROMETHEUS_TOKEN (a bearer token), or
            HANDOVER_PROMETHEUS_USER and HANDOVER_PROMETHEUS_PASSWORD (basic auth).
            """
    )

    @Option(help: "The Prometheus server, e.g. http://prometheus:9090.")
    var url: String

    @Option(name: .customLong("query"), help: "A PromQL expression; repeat for several.")
    var queries: [String] = []

    @Flag(name: .customLong("from-dashboard"), help: "Pull every series that dashboard.yaml panels and deployment.yaml objectives use.")
    var fromDashboard = false

    @Option(help: "How far back, e.g. 7d, 24h.")
    var range: String = "7d"

    @Option(help: "The resolution, e.g. 1m, 30s.")
    var step: String = "1m"

    @Option(name: .shortAndLong, help: "The snapshot file (several queries: NAME-1.json, NAME-2.json, …).")
    var out: String?

    @Option(help: "The project folder, for --from-dashboard and the default --out.")
    var project: String = "."

    @Option(name: .customLong("ca-file"), help: "PEM file of the certificate authorities to trust (default: the system's).")
    var caFile: String?

    @Option(help: "Seconds one request may take, from connecting to the last byte of the answer.")
    var timeout: Int = 30

    @Option(name: .customLong("total-timeout"), help: "Seconds the whole pull may take, retries included.")
    var totalTimeout: Int = 600

    @Option(name: .customLong("max-series"), help: "Most series one answer may hold.")
    var maxSeries: Int = 20_000

    @Option(name: .customLong("max-samples"), help: "Most samples one answer may hold.")
    var maxSamples: Int = 5_000_000

    @Option(name: .customLong("max-bytes"), help: "Most bytes one answer may hold.")
    var maxBytes: Int = 512 << 20

    @Option(help: "Extra attempts after a server error or a connection failure.")
    var retries: Int = 3

    func validate() throws {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
            throw ValidationError("--url must be an http(s) URL such as http://prometheus:9090, found `\(url)`")
        }
        guard parseDuration(range) != nil else { throw ValidationError("--range must be a duration such as 7d or 24h, found `\(range)`") }
        guard parseDuration(step) != nil else { throw ValidationError("--step must be a duration such as 1m or 30s, found `\(step)`") }
        guard !queries.isEmpty || fromDashboard else { throw ValidationError("give --query EXPR (one or more), or --from-dashboard") }
        guard timeout > 0, retries >= 0 else { throw ValidationError("--timeout must be positive and --retries not negative") }
        guard totalTimeout > 0, maxSeries > 0, maxSamples > 0, maxBytes > 0 else {
            throw ValidationError("--total-timeout, --max-series, --max-samples and --max-bytes must be positive")
        }
    }

    func run() async throws {
        let projectURL = URL(fileURLWithPath: project).standardizedFileURL
        var expressions = queries
        if fromDashboard {
            let (series, errors) = BuildPipeline.monitoredSeries(projectURL: projectURL)
            if !errors.isEmpty {
                printDiagnostics(errors, format: .text)
                throw ExitStatus.inputErrors
            }
            for s in series where !expressions.contains(s) { expressions.append(s) }
            if expressions.isEmpty {
                stderr("error: dashboard.yaml and deployment.yaml use no series: nothing to pull")
                throw ExitStatus.inputErrors
            }
        }
        // The end of the range: SOURCE_DATE_EPOCH when set (reproducible), else now.
        let end = try ProjectOptions(directory: project).sourceDateEpoch() ?? Int64(Date().timeIntervalSince1970)
        let output =
            out.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? projectURL.appendingPathComponent("Content/monitoring/prometheus.json")
        var options = PrometheusPuller.Options(url: url, queries: expressions, end: end, output: output)
        options.rangeSeconds = parseDuration(range)!
        options.stepSeconds = parseDuration(step)!
        options.caFile = caFile
        options.timeoutSeconds = timeout
        options.retries = retries
        options.totalTimeoutSeconds = totalTimeout
        options.maxSeries = maxSeries
        options.maxSamples = maxSamples
        options.maxBytes = maxBytes
        options.auth = .from(environment: ProcessInfo.processInfo.environment)
        let puller = PrometheusPuller(log: { stderr($0) })
        do {
            let pulled = try await puller.pull(options)
            for p in pulled {
                stderr("pulled \(p.series) series, \(p.samples) samples of `\(p.query)` → \(p.file.path)")
            }
        } catch let failure as PrometheusPuller.Failure {
            stderr("error: \(failure)\nnothing was written")
            throw ExitStatus.inputErrors
        }
    }
}
