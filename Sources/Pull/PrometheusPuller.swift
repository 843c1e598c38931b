import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import Output

/// Takes monitoring snapshots from a live Prometheus: one `query_range` per expression, each
/// response written exactly as Prometheus sent it, so that a pulled file and one exported by
/// hand are the same. Nothing is written unless every query succeeded.
public struct PrometheusPuller: Sendable {
    public struct Options: Sendable {
        /// The server's root, e.g. `http://prometheus:9090` (a path prefix behind a proxy is kept).
        public var url: String
        public var queries: [String]
        public var rangeSeconds: Int = 7 * 86400
        public var stepSeconds: Int = 60
        /// Unix seconds; the range ends here.
        public var end: Int64
        /// One query: this file; several: `NAME-1.json`, `NAME-2.json`, … beside it.
        public var output: URL
        public var caFile: String?
        /// A deadline for each request, from connecting to the last byte of the answer.
        public var timeoutSeconds: Int = 30
        /// A deadline for the whole pull, retries included.
        public var totalTimeoutSeconds: Int = 600
        /// Bounds on one response: past them the pull stops reading and says so.
        public var maxSeries: Int = 20_000
        public var maxSamples: Int = 5_000_000
        public var maxBytes: Int = 512 << 20
        /// Extra attempts after a 5xx answer or a connection error, with exponential backoff.
        public var retries: Int = 3
        public var auth: Auth = .none

        public init(url: String, queries: [String], end: Int64, output: URL) {
            self.url = url
            self.queries = queries
            self.end = end
            self.output = output
        }
    }

    /// Credentials come from the environment, never from flags that land in shell history.
    public enum Auth: Sendable, Equatable {
        case none
        case bearer(String)
        case basic(user: String, password: String)

        public static let tokenVariable = "HANDOVER_PROMETHEUS_TOKEN"
        public static let userVariable = "HANDOVER_PROMETHEUS_USER"
        public static let passwordVariable = "HANDOVER_PROMETHEUS_PASSWORD"

        public static func from(environment: [String: String]) -> Auth {
            if let token = environment[tokenVariable], !token.isEmpty { return .bearer(token) }
            if let user = environment[userVariable], !user.isEmpty {
                return .basic(user: user, password: environment[passwordVariable] ?? "")
            }
            return .none
        }

        var header: String? {
            switch self {
            case .none: return nil
            case .bearer(let token): return "Bearer \(token)"
            case .basic(let user, let password): return "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
            }
        }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var hint: String?
        /// Not worth a retry: the answer was read and is too large.
        var final = false
        public var description: String { message + (hint.map { "\n  hint: \($0)" } ?? "") }
    }

    public struct Pulled: Sendable {
        public var query: String
        public var file: URL
        public var series: Int
        public var samples: Int
        public var warnings: [String]
    }

    /// Called with a line of progress or a warning; pulling never prints by itself.
    public var log: @Sendable (String) -> Void

    public init(log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.log = log
    }

    public func pull(_ options: Options) async throws -> [Pulled] {
        try await Self.withDeadline(
            seconds: options.totalTimeoutSeconds,
            failure: Failure(
                message: "the pull did not finish within \(options.totalTimeoutSeconds) s",
                hint: "raise --total-timeout, or pull fewer series")
        ) {
            try await pullAll(options)
        }
    }

    /// Runs `work`, and cancels it with `failure` when it is not done after `seconds`.
    static func withDeadline<T: Sendable>(
        seconds: Int, failure: Failure,
        _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(seconds, 1)) * 1_000_000_000)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw failure }
            return value
        }
    }

    private func pullAll(_ options: Options) async throws -> [Pulled] {
        guard !options.queries.isEmpty else {
            throw Failure(message: "nothing to pull", hint: "give --query EXPR, or --from-dashboard to pull what dashboard.yaml and deployment.yaml use")
        }
        guard let base = URL(string: options.url), let scheme = base.scheme?.lowercased(), ["http", "https"].contains(scheme), base.host != nil else {
            throw Failure(message: "--url must be an http(s) URL such as http://prometheus:9090, found `\(options.url)`")
        }
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(Int64(min(options.timeoutSeconds, 10))), read: .seconds(Int64(options.timeoutSeconds)))
        if let caFile = options.caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw Failure(message: "cannot read the CA file \(caFile)")
            }
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(caFile)
            configuration.tlsConfiguration = tls
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            var results: [(Pulled, Data)] = []
            for (index, query) in options.queries.enumerated() {
                let file = options.queries.count == 1 ? options.output : Self.numbered(options.output, index + 1)
                let (data, scanner) = try await rangeQuery(query, options: options, client: client)
                let (series, samples, warnings) = try Self.inspect(data, scanner: scanner, query: query)
                for warning in warnings { log("warning: Prometheus warned about `\(query)`: \(TerminalText.safe(warning))") }
                results.append((Pulled(query: query, file: file, series: series, samples: samples, warnings: warnings), data))
            }
            try await client.shutdown()
            var files = results.map { ($0.0.file, $0.1) }
            let manifest = QueryManifest.text(
                answers: results.map { ($0.0.file.lastPathComponent, $0.0.query) }, source: QueryManifest.source(options.url), options: options)
            files.append((QueryManifest.url(for: options.output), Data(manifest.utf8)))
            do {
                try AtomicFiles.write(files)
            } catch {
                throw Failure(message: "cannot write the snapshot: \(error)")
            }
            return results.map(\.0)
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    static func numbered(_ url: URL, _ n: Int) -> URL {
        let ext = url.pathExtension.isEmpty ? "json" : url.pathExtension
        let stem = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(stem)-\(n).\(ext)")
    }

    func rangeQuery(_ query: String, options: Options, client: HTTPClient) async throws -> (Data, ResponseScanner) {
        var endpoint = options.url
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        endpoint += "/api/v1/query_range"
        let start = options.end - Int64(options.rangeSeconds)
        let form = [("query", query), ("start", String(start)), ("end", String(options.end)), ("step", "\(options.stepSeconds)s")]
            .map { "\($0.0)=\(Self.formEncode($0.1))" }.joined(separator: "&")
        var attempt = 0
        while true {
            var request = HTTPClientRequest(url: endpoint)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.headers.add(name: "Accept", value: "application/json")
            request.headers.add(name: "User-Agent", value: "handover-pull")
            if let header = options.auth.header { request.headers.add(name: "Authorization", value: header) }
            request.body = .bytes(ByteBuffer(string: form))
            let outcome: Result<(Int, Data, ResponseScanner), any Error>
            do {
                // AHC's own deadline covers connecting and the answer's head (and reports a
                // refused connection as such); this one, a second later, also the body.
                let attempt = try await Self.withDeadline(
                    seconds: options.timeoutSeconds + 1,
                    failure: Failure(
                        message: "Prometheus did not answer `\(query)` within \(options.timeoutSeconds) s",
                        hint: "raise --timeout, shorten --range or raise --step")
                ) { [request] in
                    try await Self.fetch(request, client: client, options: options, query: query)
                }
                outcome = .success(attempt)
            } catch let failure as Failure where failure.final {
                throw failure
            } catch {
                outcome = .failure(error)
            }
            let retryable: Bool
            switch outcome {
            case .success(let (status, data, scanner)) where status == 200:
                return (data, scanner)
            case .success(let (status, _, _)):
                retryable = status >= 500
            case .failure:
                retryable = true
            }
            if retryable, attempt < options.retries {
                let delay = 0.5 * pow(2, Double(attempt))
                attempt += 1
                log("retrying `\(query)` in \(delay) s (attempt \(attempt + 1) of \(options.retries + 1))")
                try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
                continue
            }
            switch outcome {
            case .success(let (status, data, scanner)):
                throw Self.failure(status: status, body: data, scanner: scanner, query: query, options: options)
            case .failure(let failure as Failure):
                throw Failure(message: failure.message + " (after \(options.retries + 1) attempts)", hint: failure.hint)
            case .failure(let error):
                throw Failure(
                    message: "cannot reach Prometheus at \(options.url): \(Self.describe(error))",
                    hint: "check --url and that the server is up; after \(options.retries + 1) attempts")
            }
        }
    }

    /// One request: the answer streamed through a `ResponseScanner`, stopped at the first bound passed.
    static func fetch(
        _ request: HTTPClientRequest, client: HTTPClient, options: Options,
        query: String
    ) async throws -> (Int, Data, ResponseScanner) {
        let response = try await client.execute(request, timeout: .seconds(Int64(options.timeoutSeconds)))
        var scanner = ResponseScanner(limits: .init(maxSeries: options.maxSeries, maxSamples: options.maxSamples))
        var data = Data()
        for try await chunk in response.body {
            guard data.count + chunk.readableBytes <= options.maxBytes else {
                throw Failure(message: "the answer to `\(query)` is larger than \(options.maxBytes) bytes", hint: boundHint, final: true)
            }
            data.append(contentsOf: chunk.readableBytesView)
            do {
                try scanner.feed(chunk.readableBytesView)
            } catch {
                switch error {
                case .series(let n):
                    throw Failure(
                        message: "the answer to `\(query)` holds more than \(options.maxSeries) series (stopped reading at series \(n))",
                        hint: boundHint, final: true)
                case .samples(let n):
                    throw Failure(
                        message: "the answer to `\(query)` holds more than \(options.maxSamples) samples (stopped reading at sample \(n))",
                        hint: boundHint, final: true)
                case .depth:
                    throw Failure(message: "the answer to `\(query)` nests deeper than any Prometheus response", final: true)
                }
            }
        }
        return (Int(response.status.code), data, scanner)
    }

    static let boundHint =
        "aggregate the query (sum by (job) (…)), narrow its label selector, raise --step, or raise --max-series / --max-samples / --max-bytes"

    static func failure(status: Int, body: Data, scanner: ResponseScanner, query: String, options: Options) -> Failure {
        let json: [String: Any]? = scanner.status != nil || scanner.error != nil ? [:] : nil
        let errorType = scanner.errorType.map { TerminalText.safe($0, limit: 60) }
        let message = scanner.error.map { TerminalText.safe($0) }
        switch status {
        case 401, 403:
            return Failure(
                message: "Prometheus refused the credentials (HTTP \(status))",
                hint: "set \(Auth.tokenVariable), or \(Auth.userVariable) and \(Auth.passwordVariable)")
        case 404 where json == nil:
            return Failure(
                message: "no Prometheus API at \(options.url) (HTTP 404)",
                hint: "--url is the server's root, e.g. http://prometheus:9090")
        default:
            guard let message else {
                let text = TerminalText.safe(String(decoding: body.prefix(600), as: UTF8.self), limit: 200)
                return Failure(message: "Prometheus answered HTTP \(status): \(text)")
            }
            var hint: String?
            if message.contains("exceeded maximum resolution") {
                let minimum = (options.rangeSeconds + 10_999) / 11_000
                hint = "the range has more than 11,000 steps: raise --step to at least \(minimum)s, or shorten --range"
            }
            return Failure(message: "Prometheus rejected the query `\(query)` (\(errorType ?? "HTTP \(status)")): \(message)", hint: hint)
        }
    }

    /// Series and samples in a response, and its warnings; a response that is not a matrix is an error.
    static func inspect(_ data: Data, scanner: ResponseScanner, query: String) throws -> (Int, Int, [String]) {
        guard scanner.status == "success" else {
            throw Failure(message: "Prometheus answered `\(query)` with something that is not a successful API response")
        }
        return (scanner.series, scanner.samples, scanner.warnings)
    }

    static func formEncode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("connectTimeout") || text.contains("ConnectTimeout") { return "connection timed out" }
        if text.lowercased().contains("connection refused") || text.contains("ECONNREFUSED") || text.contains("errno: 111") {
            return "connection refused"
        }
        if text.contains("deadlineExceeded") || text.contains("readTimeout") { return "no answer within the timeout" }
        return text
    }
}
