import ArgumentParser
import Build
import Foundation
import Serve
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve the site, watch Content/ and Templates/, rebuild what changed and reload open pages.")

    @OptionGroup var project: ProjectOptions

    @Option(name: .shortAndLong, help: "Output folder served and kept up to date (default: DIR/_site).")
    var output: String?

    @Option(help: "Port to listen on (0: any free port).")
    var port = 8000

    @Option(help: "Address to listen on. Anything but loopback exposes the preview to the network.")
    var host = "127.0.0.1"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, found \(port)") }
    }

    func run() async throws {
        var options = BuildPipeline.Options(projectURL: project.projectURL)
        options.outputURL = try placedOutput(options, output)
        options.sourceDateEpoch = try project.sourceDateEpoch()
        // The preview's time is when it started: a rebuild after an edit changes only what the
        // edit changed, not the time on every page.
        options.clock = Int64(Date().timeIntervalSince1970)
        // The preview is the author's: empty pages say which file to write. `build` never does.
        options.authorHints = true
        var configuration = DevServer.Configuration(options: options)
        configuration.host = host
        configuration.port = port
        if !DevServer.isLoopback(host) {
            stderr("warning: serving on \(host): anyone who can reach this machine can read the site and its errors")
        }
        let displayHost = host.contains(":") ? "[\(host)]" : host
        let outputPath = options.resolvedOutputURL.path
        let server = DevServer(
            configuration: configuration, log: { stderr($0) },
            onReady: { port in
                stderr("serving \(outputPath) at http://\(displayHost):\(port)/ — watching Content/ and Templates/ (Ctrl-C to stop)")
            })
        let group = ServiceGroup(
            configuration: .init(
                services: [server], gracefulShutdownSignals: [.sigterm, .sigint],
                logger: .init(label: "handover")))
        do {
            try await group.run()
        } catch {
            stderr("error: \(error)")
            throw ExitStatus.internalFailure
        }
        stderr("stopped")
    }
}
