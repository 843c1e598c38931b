import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Answers requests from the output folder and nothing outside it: no `..` (also when
/// percent-encoded), no hidden files, no symbolic link that leads out, no folder listings.
/// HTML pages get the live-reload script; a folder asked without its slash is redirected to it
/// so that the site's relative links resolve.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let root: URL
    let hub: LiveReloadHub
    let serverID: String
    /// The Host values answered: loopback names and IP literals, and the `--host` given.
    var hosts = HostAllowList(listeningOn: "127.0.0.1")

    enum Resolution: Equatable {
        case file(String)
        case redirect(String)
        case forbidden
        case notFound
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        // A page elsewhere can point its own name at 127.0.0.1 (DNS rebinding) and read the
        // preview as same-origin: its requests carry its name as Host, so only known names pass.
        guard hosts.allows(request.head.authority) else {
            return text(
                "421 misdirected request: this preview answers only to localhost\n",
                type: "text/plain; charset=utf-8", status: .misdirectedRequest, head: request.method == .head)
        }
        let path = request.uri.path
        if path == LiveReloadScript.eventsPath { return events() }
        if path == LiveReloadScript.scriptPath {
            return text(LiveReloadScript.source, type: "text/javascript; charset=utf-8", head: request.method == .head)
        }
        switch resolve(path) {
        case .file(let file):
            return try serve(file, status: .ok, head: request.method == .head)
        case .redirect(let location):
            let query = request.uri.query.map { "?" + $0 } ?? ""
            return Response(status: .movedPermanently, headers: [.location: location + query])
        case .forbidden:
            return text(
                "403 forbidden: outside the site\n", type: "text/plain; charset=utf-8", status: .forbidden,
                head: request.method == .head)
        case .notFound:
            return try notFound(head: request.method == .head)
        }
    }

    /// Maps a request path to a file of the site.
    func resolve(_ rawPath: String) -> Resolution {
        guard let decoded = rawPath.removingPercentEncoding, !decoded.contains("\0") else { return .forbidden }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." || $0.contains("\\") }) { return .forbidden }
        if segments.contains(where: { $0.hasPrefix(".") }) { return .notFound }
        let rootPath = Self.realPath(root.path) ?? root.standardizedFileURL.path
        var candidate = ([rootPath] + segments.map(String.init)).joined(separator: "/")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) else {
            // A dangling link is still a link that was meant to lead somewhere.
            return (try? FileManager.default.destinationOfSymbolicLink(atPath: candidate)) != nil ? .forbidden : .notFound
        }
        if isDirectory.boolValue {
            // Never `//host/…`: a scheme-relative Location would send the browser to another host.
            if !rawPath.hasSuffix("/") { return .redirect(Self.collapsingSlashes(rawPath) + "/") }
            candidate += "/index.html"
        }
        guard let real = Self.realPath(candidate) else { return .notFound }
        guard real.hasPrefix(rootPath + "/") else { return .forbidden }
        var realIsDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &realIsDirectory), !realIsDirectory.boolValue else {
            return .notFound
        }
        return .file(real)
    }

    static func collapsingSlashes(_ path: String) -> String {
        "/" + path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func serve(_ file: String, status: HTTPResponse.Status, head: Bool, baseHref: Bool = false) throws -> Response {
        let type = ContentTypes.forPath(file)
        guard let data = FileManager.default.contents(atPath: file) else {
            return text("404 not found\n", type: "text/plain; charset=utf-8", status: .notFound, head: head)
        }
        var body = data
        if type.hasPrefix("text/html") {
            var html = String(decoding: data, as: UTF8.self)
            if baseHref, let headTag = html.range(of: "<head>") {
                // The 404 page's links are relative to the site root, whatever path was asked for.
                html.insert(contentsOf: "<base href=\"/\">", at: headTag.upperBound)
            }
            let generation = hub.latest?.generation ?? 0
            body = Data(LiveReloadScript.inject(into: html, generation: generation, server: serverID).utf8)
        }
        return respond(body, type: type, status: status, head: head)
    }

    private func notFound(head: Bool) throws -> Response {
        let rootPath = Self.realPath(root.path) ?? root.path
        let page = rootPath + "/404.html"
        if FileManager.default.fileExists(atPath: page) {
            return try serve(page, status: .notFound, head: head, baseHref: true)
        }
        let html =
            FileManager.default.fileExists(atPath: rootPath + "/index.html")
            ? "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1></body></html>"
            : "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>No site yet</title></head><body><h1>No site built yet</h1><p>Fix the errors and save: the page reloads.</p></body></html>"
        let body = Data(LiveReloadScript.inject(into: html, generation: hub.latest?.generation ?? 0, server: serverID).utf8)
        return respond(body, type: "text/html; charset=utf-8", status: .notFound, head: head)
    }

    private func text(_ text: String, type: String, status: HTTPResponse.Status = .ok, head: Bool) -> Response {
        respond(Data(text.utf8), type: type, status: status, head: head)
    }

    private func respond(_ data: Data, type: String, status: HTTPResponse.Status, head: Bool) -> Response {
        let headers: HTTPFields = [
            .contentType: type,
            .contentLength: String(data.count),
            .cacheControl: "no-store",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ]
        return Response(
            status: status, headers: headers,
            body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Server-Sent Events: the latest build event at once, then one per rebuild, until the page
    /// goes away or the server shuts down.
    private func events() -> Response {
        let stream = hub.subscribe()
        let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-store"]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "retry: 500\n\n"))
                for await event in stream {
                    try await writer.write(ByteBuffer(string: event.serverSentEvent))
                }
                try await writer.finish(nil)
            })
    }
}
