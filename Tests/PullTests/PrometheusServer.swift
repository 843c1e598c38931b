import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A real Prometheus (Debian's `prometheus`) on a loopback port, scraping itself every second,
/// behind basic auth. One per test run, stopped when the run ends.
actor PrometheusServer {
    static let user = "handover"
    static let password = "handover-test"
    /// bcrypt of the password, as Prometheus's web config wants it.
    static let passwordHash = "$2b$04$O0zQfcSk0VgkWqrm8WUAj.P/tWfJnvnsHobPGPjv9gcY0TAqzob1y"

    static let shared = PrometheusServer()

    private var started: (url: String, process: Process)?

    /// The server's URL, starting it on first use.
    func url() throws -> String {
        if let started { return started.url }
        guard let binary = ["/usr/bin/prometheus", "/usr/local/bin/prometheus"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ServerError(message: "Debian's prometheus package is not installed: `make test` installs it (apt-get install prometheus)")
        }
        let port = try Self.freePort()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("handover-prometheus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try """
        global: { scrape_interval: 1s, evaluation_interval: 1s }
        scrape_configs:
          - job_name: prometheus
            basic_auth: { username: \(Self.user), password: \(Self.password) }
            static_configs: [ { targets: ["127.0.0.1:\(port)"] } ]
        """.write(to: dir.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
        try "basic_auth_users:\n  \(Self.user): \(Self.passwordHash)\n"
            .write(to: dir.appendingPathComponent("web.yml"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--config.file=\(dir.path)/prometheus.yml", "--web.config.file=\(dir.path)/web.yml",
            "--storage.tsdb.path=\(dir.path)/data", "--web.listen-address=127.0.0.1:\(port)",
            "--log.level=error",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        serverPID = process.processIdentifier
        atexit { if serverPID > 0 { kill(serverPID, SIGTERM) } }
        let url = "http://127.0.0.1:\(port)"
        started = (url, process)
        return url
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { throw ServerError(message: "cannot bind a loopback port") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    struct ServerError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

nonisolated(unsafe) var serverPID: Int32 = 0
