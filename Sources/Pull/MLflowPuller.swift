import AsyncHTTPClient
import Basics
import CFileSwap
import Foundation
import NIOCore
import NIOSSL

/// Takes a registered model from an MLflow tracking server's REST API: the model, its versions,
/// each version's run and MLmodel. Every answer is written as the server sent it, under
/// `Content/mlflow/<model>/`, which is replaced as a whole, and only when every request succeeded.
public struct MLflowPuller: Sendable {
    public struct Options: Sendable {
        /// The server's root, e.g. `http://mlflow:5000` (a path prefix behind a proxy is kept).
        public var url: String
        public var model: String
        /// The deployed version: given, or the one `alias` points at, or else the newest.
        public var version: String?
        public var alias: String?
        /// `Content/mlflow/<model>/`.
        public var output: URL
        /// Seconds; written into `registry.yaml`.
        public var pulledAt: Int64
        public var caFile: String?
        public var timeoutSeconds: Int = 30
        public var totalTimeoutSeconds: Int = 600
        public var retries: Int = 3
        /// Newest versions taken, at most (each is two more requests).
        public var maxVersions: Int = 50
        /// Most bytes one answer may hold.
        public var maxBytes: Int = 64 << 20
        public var auth: Auth = .none

        public init(url: String, model: String, output: URL, pulledAt: Int64) {
            self.url = url
            self.model = model
            self.output = output
            self.pulledAt = pulledAt
        }
    }

    /// MLflow's own variables, as its clients read them.
    public enum Auth: Sendable, Equatable {
        case none
        case bearer(String)
        case basic(user: String, password: String)

        public static let tokenVariable = "MLFLOW_TRACKING_TOKEN"
        public static let userVariable = "MLFLOW_TRACKING_USERNAME"
        public static let passwordVariable = "MLFLOW_TRACKING_PASSWORD"

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

    public typealias Failure = PrometheusPuller.Failure

    public struct Pulled: Sendable {
        public var folder: URL
        public var versions: [String]
        public var deployed: String
        public var runs: Int
        public var files: Int
    }

    public var log: @Sendable (String) -> Void

    public init(log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.log = log
    }

    public func pull(_ options: Options) async throws -> Pulled {
        try await PrometheusPuller.withDeadline(
            seconds: options.totalTimeoutSeconds,
            failure: Failure(message: "the pull did not finish within \(options.totalTimeoutSeconds) s", hint: "raise --total-timeout")
        ) {
            try await pullAll(options)
        }
    }

    private func pullAll(_ options: Options) async throws -> Pulled {
        guard let base = URL(string: options.url), let scheme = base.scheme?.lowercased(), ["http", "https"].contains(scheme), base.host != nil else {
            throw Failure(message: "--url must be an http(s) URL such as http://mlflow:5000, found `\(options.url)`")
        }
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(Int64(min(options.timeoutSeconds, 10))), read: .seconds(Int64(options.timeoutSeconds)))
        if let caFile = options.caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else { throw Failure(message: "cannot read the CA file \(caFile)") }
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(caFile)
            configuration.tlsConfiguration = tls
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let pulled = try await pullModel(options, client: client)
            try await client.shutdown()
            return pulled
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func pullModel(_ options: Options, client: HTTPClient) async throws -> Pulled {
        var files: [(String, Data)] = []
        let modelAnswer = try await get(
            "api/2.0/mlflow/registered-models/get", ["name": options.model], options: options, client: client,
            notFound: { _ in
                Failure(
                    message: "MLflow at \(MLflowPuller.source(options.url)) has no registered model `\(TerminalText.safe(options.model))`",
                    hint: "check --model: the name as the MLflow UI's Models page shows it")
            })
        files.append(("registered-model.json", modelAnswer))
        let registered = (try? JSONSerialization.jsonObject(with: modelAnswer)) as? [String: Any]
        let model = registered?["registered_model"] as? [String: Any] ?? [:]
        var aliases: [String: String] = [:]
        for item in model["aliases"] as? [[String: Any]] ?? [] {
            if let alias = item["alias"] as? String, let version = item["version"] as? String { aliases[alias] = version }
        }

        // Every version, page by page; the answer written is the pages' versions in one list.
        var versions: [[String: Any]] = []
        var pageToken: String?
        repeat {
            var query = ["filter": "name=\(Self.filterString(options.model))", "max_results": "200"]
            if let pageToken { query["page_token"] = pageToken }
            let page = try await get("api/2.0/mlflow/model-versions/search", query, options: options, client: client)
            let object = (try? JSONSerialization.jsonObject(with: page)) as? [String: Any]
            versions += object?["model_versions"] as? [[String: Any]] ?? []
            pageToken = (object?["next_page_token"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        } while pageToken != nil && versions.count < 10_000
        versions.sort { (Int($0["version"] as? String ?? "") ?? 0) > (Int($1["version"] as? String ?? "") ?? 0) }
        guard let newest = versions.first?["version"] as? String else {
            throw Failure(message: "the registered model `\(TerminalText.safe(options.model))` has no versions", hint: "register a version first")
        }
        let numbers = versions.compactMap { $0["version"] as? String }
        let deployed: String
        if let alias = options.alias {
            guard let version = aliases[alias] else {
                let known = aliases.keys.sorted().map { "`\($0)`" }.joined(separator: ", ")
                throw Failure(
                    message: "the registered model `\(TerminalText.safe(options.model))` has no alias `\(TerminalText.safe(alias))`",
                    hint: known.isEmpty ? "it has no aliases: give --version N" : "its aliases: \(known)")
            }
            deployed = version
        } else if let version = options.version {
            guard numbers.contains(version) else {
                throw Failure(
                    message: "the registered model `\(TerminalText.safe(options.model))` has no version \(TerminalText.safe(version))",
                    hint: "its versions: \(numbers.prefix(20).joined(separator: ", "))")
            }
            deployed = version
        } else {
            deployed = newest
        }
        var kept = Array(versions.prefix(options.maxVersions))
        if !kept.contains(where: { $0["version"] as? String == deployed }), let d = versions.first(where: { $0["version"] as? String == deployed }) {
            kept.append(d)
        }
        if versions.count > kept.count {
            log("note: \(versions.count) versions; the newest \(options.maxVersions) are pulled (--max-versions)")
        }
        files.append(
            ("model-versions.json", try JSONSerialization.data(withJSONObject: ["model_versions": kept], options: [.prettyPrinted, .sortedKeys])))

        var runs = Set<String>()
        for version in kept {
            guard let number = version["version"] as? String else { continue }
            if let runID = version["run_id"] as? String, !runID.isEmpty, runs.insert(runID).inserted {
                guard Self.isSafeName(runID) else { throw Failure(message: "MLflow answered a run id that is not a file name: `\(TerminalText.safe(runID))`") }
                let run = try await get("api/2.0/mlflow/runs/get", ["run_id": runID], options: options, client: client)
                files.append(("runs/\(runID).json", run))
            }
            guard Self.isSafeName(number) else { throw Failure(message: "MLflow answered a version that is not a number: `\(TerminalText.safe(number))`") }
            do {
                let mlmodel = try await get(
                    "model-versions/get-artifact", ["path": "MLmodel", "name": options.model, "version": number], options: options, client: client,
                    notFound: { _ in Failure(message: "no MLmodel", final: true) })
                files.append(("versions/\(number)/MLmodel", mlmodel))
            } catch let failure as Failure where failure.message == "no MLmodel" {
                log("note: version \(number) has no MLmodel artifact the server can serve (artifacts not proxied?); its signature is not shown")
            }
        }
        var manifest = """
            # Written by `handover pull mlflow`: the answers of the MLflow REST API beside this file,
            # as the server sent them. Pull again to refresh; this folder is replaced as a whole.
            source: \(QueryManifest.quoted(Self.source(options.url)))
            model: \(QueryManifest.quoted(options.model))
            pulled_at: \(QueryManifest.quoted(rfc3339Text(epochSeconds: options.pulledAt)))
            deployed:
              version: \(QueryManifest.quoted(deployed))

            """
        if let alias = options.alias { manifest += "  alias: \(QueryManifest.quoted(alias))\n" }
        files.append(("registry.yaml", Data(manifest.utf8)))
        try Self.replaceFolder(options.output, with: files)
        return Pulled(folder: options.output, versions: kept.compactMap { $0["version"] as? String }, deployed: deployed, runs: runs.count, files: files.count)
    }

    /// `'name'` in MLflow's filter syntax; a name holding `'` is quoted with `"`.
    static func filterString(_ name: String) -> String {
        name.contains("'") ? "\"\(name.replacingOccurrences(of: "\"", with: "\\\""))\"" : "'\(name)'"
    }

    static func isSafeName(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 128 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    static func source(_ url: String) -> String { QueryManifest.source(url) }

    /// Writes the files into a new folder beside `folder`, then swaps it in: a reader sees the
    /// old pull or the new one, never a mix, and a failed pull leaves the old one.
    static func replaceFolder(_ folder: URL, with files: [(String, Data)]) throws {
        let fm = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).pulling-\(getpid())")
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for (path, data) in files {
                let url = staging.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            if fm.fileExists(atPath: folder.path) {
                guard handover_exchange_paths(staging.path, folder.path) == 0 else {
                    let old = parent.appendingPathComponent(".\(folder.lastPathComponent).old-\(getpid())")
                    try fm.moveItem(at: folder, to: old)
                    try fm.moveItem(at: staging, to: folder)
                    try? fm.removeItem(at: old)
                    return
                }
                try? fm.removeItem(at: staging)
            } else {
                try fm.moveItem(at: staging, to: folder)
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw Failure(message: "cannot write \(folder.path): \(error)")
        }
    }

    // MARK: requests

    /// One GET with retries after 5xx answers and connection errors; 401/403 and 404 are final.
    func get(
        _ endpoint: String, _ query: [String: String], options: Options, client: HTTPClient,
        notFound: ((Data) -> Failure)? = nil
    ) async throws -> Data {
        var url = options.url
        while url.hasSuffix("/") { url.removeLast() }
        url += "/" + endpoint + "?" + query.sorted { $0.key < $1.key }.map { "\($0.key)=\(PrometheusPuller.formEncode($0.value))" }.joined(separator: "&")
        var attempt = 0
        while true {
            var request = HTTPClientRequest(url: url)
            request.method = .GET
            request.headers.add(name: "Accept", value: "application/json")
            request.headers.add(name: "User-Agent", value: "handover-pull")
            if let header = options.auth.header { request.headers.add(name: "Authorization", value: header) }
            let outcome: Result<(Int, Data), any Error>
            do {
                let answer = try await PrometheusPuller.withDeadline(
                    seconds: options.timeoutSeconds + 1,
                    failure: Failure(message: "MLflow did not answer \(endpoint) within \(options.timeoutSeconds) s", hint: "raise --timeout")
                ) { [request] in
                    let response = try await client.execute(request, timeout: .seconds(Int64(options.timeoutSeconds)))
                    var data = Data()
                    for try await chunk in response.body {
                        guard data.count + chunk.readableBytes <= options.maxBytes else {
                            throw Failure(message: "the answer of \(endpoint) is larger than \(options.maxBytes) bytes", final: true)
                        }
                        data.append(contentsOf: chunk.readableBytesView)
                    }
                    return (Int(response.status.code), data)
                }
                outcome = .success(answer)
            } catch let failure as Failure where failure.final {
                throw failure
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success(let (200, data)):
                return data
            case .success(let (status, data)) where status == 401 || status == 403:
                _ = data
                throw Failure(
                    message: "MLflow refused the credentials (HTTP \(status))",
                    hint: "set \(Auth.tokenVariable), or \(Auth.userVariable) and \(Auth.passwordVariable)")
            case .success(let (404, data)):
                if let notFound, Self.errorCode(data) == "RESOURCE_DOES_NOT_EXIST" || endpoint.hasPrefix("model-versions/get-artifact") {
                    throw notFound(data)
                }
                throw Failure(
                    message: "no MLflow API at \(Self.source(options.url)) (HTTP 404 for \(endpoint))",
                    hint: "--url is the tracking server's root, e.g. http://mlflow:5000")
            case .success(let (status, data)) where status < 500:
                let code = Self.errorCode(data).map { " \($0)" } ?? ""
                let message = Self.errorMessage(data) ?? TerminalText.safe(String(decoding: data.prefix(400), as: UTF8.self), limit: 200)
                throw Failure(message: "MLflow answered HTTP \(status)\(code) for \(endpoint): \(message)")
            default:
                break
            }
            if attempt < options.retries {
                let delay = 0.5 * pow(2, Double(attempt))
                attempt += 1
                log("retrying \(endpoint) in \(delay) s (attempt \(attempt + 1) of \(options.retries + 1))")
                try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
                continue
            }
            switch outcome {
            case .success(let (status, data)):
                throw Failure(
                    message:
                        "MLflow answered HTTP \(status) for \(endpoint): \(Self.errorMessage(data) ?? "no message") (after \(options.retries + 1) attempts)")
            case .failure(let failure as Failure):
                throw Failure(message: failure.message + " (after \(options.retries + 1) attempts)", hint: failure.hint)
            case .failure(let error):
                throw Failure(
                    message: "cannot reach MLflow at \(Self.source(options.url)): \(PrometheusPuller.describe(error))",
                    hint: "check --url and that the tracking server is up; after \(options.retries + 1) attempts")
            }
        }
    }

    static func errorCode(_ data: Data) -> String? {
        ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any])?["error_code"] as? String
    }

    static func errorMessage(_ data: Data) -> String? {
        (((try? JSONSerialization.jsonObject(with: data)) as? [String: Any])?["message"] as? String).map { TerminalText.safe($0) }
    }
}
