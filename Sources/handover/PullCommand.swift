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
        abstract: "Take monitoring snapshots and model versions from live systems.",
        subcommands: [PullPrometheusCommand.self, PullMLflowCommand.self]
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

struct PullMLflowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlflow",
        abstract: "Take a registered model, its versions, their runs and MLmodels from an MLflow tracking server.",
        discussion: """
            Writes Content/mlflow/<model>/ (replaced as a whole): registered-model.json, model-versions.json,
            runs/<run id>.json, versions/<n>/MLmodel, and registry.yaml naming the deployed version.
            Credentials come from the environment, as MLflow's clients read them: MLFLOW_TRACKING_TOKEN
            (a bearer token), or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (basic auth).
            """
    )

    @Option(help: "The tracking server, e.g. http://mlflow:5000.")
    var url: String

    @Option(help: "The registered model's name.")
    var model: String

    @Option(help: "The deployed version (default: the newest).")
    var version: String?

    @Option(help: "The alias of the deployed version, e.g. champion.")
    var alias: String?

    @Option(help: "The project folder.")
    var project: String = "."

    @Option(name: .customLong("ca-file"), help: "PEM file of the certificate authorities to trust (default: the system's).")
    var caFile: String?

    @Option(help: "Seconds one request may take.")
    var timeout: Int = 30

    @Option(name: .customLong("total-timeout"), help: "Seconds the whole pull may take, retries included.")
    var totalTimeout: Int = 600

    @Option(help: "Extra attempts after a server error or a connection failure.")
    var retries: Int = 3

    @Option(name: .customLong("max-versions"), help: "The newest versions pulled, at most (the deployed one always).")
    var maxVersions: Int = 50

    func validate() throws {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
            throw ValidationError("--url must be an http(s) URL such as http://mlflow:5000, found `\(url)`")
        }
        guard !model.trimmingSpaces.isEmpty else { throw ValidationError("--model must name a registered model") }
        guard version == nil || alias == nil else { throw ValidationError("give --version or --alias, not both") }
        guard timeout > 0, totalTimeout > 0, retries >= 0, maxVersions > 0 else {
            throw ValidationError("--timeout, --total-timeout and --max-versions must be positive and --retries not negative")
        }
    }

    func run() async throws {
        let projectURL = URL(fileURLWithPath: project).standardizedFileURL
        guard FileManager.default.fileExists(atPath: projectURL.appendingPathComponent("Content").path) else {
            stderr("error: no Content/ folder in \(projectURL.path)\n  hint: --project is the folder `handover init` made\nnothing was written")
            throw ExitStatus.inputErrors
        }
        let pulledAt = try ProjectOptions(directory: project).sourceDateEpoch() ?? Int64(Date().timeIntervalSince1970)
        let folder = projectURL.appendingPathComponent("Content/mlflow").appendingPathComponent(slug(model).isEmpty ? "model" : slug(model))
        var options = MLflowPuller.Options(url: url, model: model, output: folder, pulledAt: pulledAt)
        options.version = version
        options.alias = alias
        options.caFile = caFile
        options.timeoutSeconds = timeout
        options.totalTimeoutSeconds = totalTimeout
        options.retries = retries
        options.maxVersions = maxVersions
        options.auth = .from(environment: ProcessInfo.processInfo.environment)
        do {
            let pulled = try await MLflowPuller(log: { stderr($0) }).pull(options)
            stderr(
                "pulled \(model): \(pulled.versions.count) version\(pulled.versions.count == 1 ? "" : "s") (deployed: \(pulled.deployed)), \(pulled.runs) run\(pulled.runs == 1 ? "" : "s") → \(pulled.folder.path)"
            )
        } catch let failure as MLflowPuller.Failure {
            stderr("error: \(failure)\nnothing was written")
            throw ExitStatus.inputErrors
        }
    }
}
