import Build
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Watch

/// `handover serve`: builds the project, serves the output folder, watches `Content/` and
/// `Templates/`, rebuilds what changed and tells open pages to reload.
public struct DevServer: Service {
    public struct Configuration: Sendable {
        public var options: BuildPipeline.Options
        public var host = "127.0.0.1"
        public var port = 8000

        public init(options: BuildPipeline.Options) { self.options = options }
    }

    public let configuration: Configuration
    /// Called with the port once the server listens (the real one when `port` is 0).
    let onReady: @Sendable (Int) -> Void
    let log: @Sendable (String) -> Void
    public let hub = LiveReloadHub()

    public init(
        configuration: Configuration, log: @escaping @Sendable (String) -> Void,
        onReady: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.log = log
        self.onReady = onReady
    }

    /// Loopback names: anything else exposes the preview to the network.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    public func run() async throws {
        let options = configuration.options
        let coordinator = RebuildCoordinator(session: BuildSession(options: options), hub: hub, log: log)
        await coordinator.buildAll()

        let project = options.projectURL.standardizedFileURL
        let roots = ["Content", "Templates"].map { project.appendingPathComponent($0).path }
            .filter { FileManager.default.fileExists(atPath: $0) }
        let watcher = try FolderWatcher(roots: roots)
        watcher.start { batch in
            Task { await coordinator.enqueue(batch.paths) }
        }
        defer { watcher.stop() }

        var logger = Logger(label: "handover.serve")
        logger.logLevel = .error
        let app = Application(
            responder: SiteResponder(
                root: options.resolvedOutputURL, hub: hub, serverID: coordinator.serverID,
                hosts: HostAllowList(listeningOn: configuration.host)),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Handover"),
            onServerRunning: { [onReady, configuration] channel in onReady(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
        // Open event streams would keep a graceful shutdown waiting: end them first.
        try await withGracefulShutdownHandler {
            try await app.run()
        } onGracefulShutdown: { [hub] in
            hub.finishAll()
        }
    }
}
