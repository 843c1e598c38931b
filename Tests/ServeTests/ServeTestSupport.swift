import AsyncHTTPClient
import Build
import Foundation
import Logging
import NIOCore
import Serve
import ServiceLifecycle
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A copy of the example project in a temporary folder, and where its site goes.
func exampleProject() throws -> (project: URL, output: URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("handover-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Content"), to: dir.appendingPathComponent("Content"))
    return (dir, dir.appendingPathComponent("_site"))
}

/// A running `DevServer` on a free loopback port, stopped by `stop()`.
final class RunningServer: @unchecked Sendable {
    let server: DevServer
    let group: ServiceGroup
    let port: Int
    let task: Task<Void, any Error>
    let project: URL
    let output: URL

    init(project: URL, output: URL) async throws {
        var options = BuildPipeline.Options(projectURL: project)
        options.outputURL = output
        options.sourceDateEpoch = 1_795_651_200
        var configuration = DevServer.Configuration(options: options)
        configuration.port = 0
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = DevServer(configuration: configuration, log: { _ in }, onReady: { continuation.yield($0) })
        let group = ServiceGroup(configuration: .init(services: [server], logger: Logger(label: "test")))
        self.server = server
        self.group = group
        self.project = project
        self.output = output
        task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        port = try #require(await iterator.next())
    }

    var base: String { "http://127.0.0.1:\(port)" }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }

    func get(_ path: String) async throws -> (status: Int, headers: [String: String], body: String) {
        var request = HTTPClientRequest(url: base + path)
        request.method = .GET
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 16 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return (Int(response.status.code), headers, String(buffer: body))
    }
}

/// Reads Server-Sent Events from `/__handover/events` as they come.
final class EventReader: @unchecked Sendable {
    private var iterator: HTTPClientResponse.Body.AsyncIterator
    private var buffer = ""

    init(_ server: RunningServer) async throws {
        var request = HTTPClientRequest(url: server.base + "/__handover/events")
        request.method = .GET
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        #expect(response.headers.first(name: "content-type") == "text/event-stream")
        iterator = response.body.makeAsyncIterator()
    }

    /// The next build event, decoded; nil when the stream ended.
    func next() async throws -> BuildEvent? {
        while true {
            if let end = buffer.range(of: "\n\n") {
                let block = String(buffer[..<end.lowerBound])
                buffer.removeSubrange(..<end.upperBound)
                guard let data = block.split(separator: "\n").first(where: { $0.hasPrefix("data: ") }) else { continue }
                return try JSONDecoder().decode(BuildEvent.self, from: Data(data.dropFirst(6).utf8))
            }
            guard let chunk = try await iterator.next() else { return nil }
            buffer += String(buffer: chunk)
        }
    }

    /// The next event that satisfies `condition`, within `seconds`.
    func next(within seconds: Double = 10, where condition: @escaping @Sendable (BuildEvent) -> Bool) async throws -> BuildEvent {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            guard let event = try await next() else { break }
            if condition(event) { return event }
        }
        throw TimeoutError()
    }

    struct TimeoutError: Error {}
}

/// One raw HTTP/1.1 request, as a client that does not tidy the path would send it.
func rawRequest(port: Int, _ target: String) throws -> String {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    let request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    _ = request.withCString { send(fd, $0, strlen($0), 0) }
    var response = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = recv(fd, &chunk, chunk.count, 0)
        if n <= 0 { break }
        response += chunk[0..<n]
    }
    return String(decoding: response, as: UTF8.self)
}
