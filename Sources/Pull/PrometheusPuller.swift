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
        public var timeoutSeconds: Int = 30
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
                let data = try await rangeQuery(query, options: options, client: client)
                let (series, samples, warnings) = try Self.inspect(data, query: query)
                for warning in warnings { log("warning: Prometheus warned about `\(query)`: \(warning)") }
                results.append((Pulled(query: query, file: file, series: series, samples: samples, warnings: warnings), data))
            }
            try await client.shutdown()
            do {
                try AtomicFiles.write(results.map { ($0.0.file, $0.1) })
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

    func rangeQuery(_ query: String, options: Options, client: HTTPClient) async throws -> Data {
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
            let outcome: Result<(Int, Data), any Error>
            do {
                let response = try await client.execute(request, timeout: .seconds(Int64(options.timeoutSeconds)))
                var body = try await response.body.collect(upTo: 1 << 30)
                outcome = .success((Int(response.status.code), Data(body.readBytes(length: body.readableBytes) ?? [])))
            } catch {
                outcome = .failure(error)
            }
            let retryable: Bool
            switch outcome {
            case .success(let (status, data)) where status == 200:
                return data
            case .success(let (status, _)):
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
            case .success(let (status, data)):
                throw Self.failure(status: status, body: data, query: query, options: options)
            case .failure(let error):
                throw Failure(message: "cannot reach Prometheus at \(options.url): \(Self.describe(error))",
                              hint: "check --url and that the server is up; after \(options.retries + 1) attempts")
            }
        }
    }

    static func failure(status: Int, body: Data, query: String, options: Options) -> Failure {
        let json = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        let errorType = json?["errorType"] as? String
        let message = json?["error"] as? String
        switch status {
        case 401, 403:
            return Failure(message: "Prometheus refused the credentials (HTTP \(status))",
                           hint: "set \(Auth.tokenVariable), or \(Auth.userVariable) and \(Auth.passwordVariable)")
        case 404 where json == nil:
            return Failure(message: "no Prometheus API at \(options.url) (HTTP 404)",
                           hint: "--url is the server's root, e.g. http://prometheus:9090")
        default:
            guard let message else {
                let text = String(decoding: body.prefix(200), as: UTF8.self)
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
    static func inspect(_ data: Data, query: String) throws -> (Int, Int, [String]) {
        guard let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              json["status"] as? String == "success", let body = json["data"] as? [String: Any] else {
            throw Failure(message: "Prometheus answered `\(query)` with something that is not a successful API response")
        }
        let result = body["result"] as? [[String: Any]] ?? []
        let samples = result.reduce(0) { $0 + (($1["values"] as? [Any])?.count ?? 0) }
        var warnings = json["warnings"] as? [String] ?? []
        warnings += json["infos"] as? [String] ?? []
        return (result.count, samples, warnings)
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
