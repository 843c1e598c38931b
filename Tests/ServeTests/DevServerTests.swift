import Foundation
import Serve
import Testing

/// `handover serve` end to end, on a free loopback port, with the real watcher.
@Suite(.serialized) struct DevServerTests {
    @Test func servesTheSiteAndAddsLiveReloadOnlyToServedPages() async throws {
        let (project, output) = try exampleProject()
        let server = try await RunningServer(project: project, output: output)

        let home = try await server.get("/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.body.contains("data-handover-live"))
        let written = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!written.contains("handover-live"), "the output folder holds what `build` writes")

        let folder = try await server.get("/notes/data/index.html")
        #expect(folder.status == 200)
        // A folder asked for without its slash: relative links only work from inside it.
        let redirect = try rawRequest(port: server.port, "/notes/data")
        #expect(redirect.hasPrefix("HTTP/1.1 301"))
        #expect(redirect.contains("location: /notes/data/") || redirect.contains("Location: /notes/data/"))

        #expect(try await server.get("/assets/handover.css").headers["content-type"] == "text/css; charset=utf-8")
        #expect(try await server.get("/status.json").headers["content-type"] == "application/json")
        #expect(try await server.get("/badge.svg").headers["content-type"] == "image/svg+xml")
        let script = try await server.get("/__handover/live.js")
        #expect(script.status == 200 && script.body.contains("EventSource"))

        let missing = try await server.get("/notes/nothing/here/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("<base href=\"/\">"), "the 404 page's links resolve from the root")
        try await server.stop()
    }

    @Test func anEditReloadsABrokenInputShowsTheErrorsAndAFixRecovers() async throws {
        let (project, output) = try exampleProject()
        let server = try await RunningServer(project: project, output: output)
        let events = try await EventReader(server)
        let first = try #require(try await events.next())
        #expect(first.errors.isEmpty)

        // Edit a note's body: the reload names its page, which now has the new text.
        let note = project.appendingPathComponent("Content/notes/charter.md")
        let original = try String(contentsOf: note, encoding: .utf8)
        try Data((original + "\nA sentence written while the preview was open.\n").utf8).write(to: note)
        let reload = try await events.next { $0.changed.contains("notes/charter/index.html") }
        #expect(reload.generation > first.generation)
        #expect(reload.errors.isEmpty)
        #expect(try await server.get("/notes/charter/index.html").body.contains("written while the preview was open"))
        // The search index follows once the edits pause.
        _ = try await events.next { $0.changed.contains("search-index.js") }
        #expect(try await server.get("/search-index.js").body.contains("written while the preview was open"))

        // Break the front matter: every error with its location, and the last good site stays.
        try Data(original.replacingOccurrences(of: "title: ", with: "title: [unclosed ").utf8).write(to: note)
        let failed = try await events.next { !$0.errors.isEmpty }
        #expect(failed.errors.contains { $0.location.hasPrefix("Content/notes/charter.md:3:") }, "\(failed.errors)")
        #expect(try await server.get("/notes/charter/index.html").body.contains("written while the preview was open"))

        // A page opened now learns of the errors at once.
        let late = try await EventReader(server)
        #expect(try #require(try await late.next()).errors.count == failed.errors.count)

        // Fix it: the overlay goes (an event without errors) and the page has the fixed text.
        try Data(original.utf8).write(to: note)
        let recovered = try await events.next { $0.errors.isEmpty }
        #expect(recovered.generation > reload.generation)
        #expect(!(try await server.get("/notes/charter/index.html").body.contains("written while the preview was open")))
        try await server.stop()
    }

    @Test func refusesEverythingOutsideTheSite() async throws {
        let (project, output) = try exampleProject()
        let secret = project.appendingPathComponent("secret.txt")
        try Data("not for the web".utf8).write(to: secret)
        let server = try await RunningServer(project: project, output: output)

        for target in [
            "/../secret.txt", "/notes/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
            "/notes/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/notes/..%5c..%5csecret.txt", "/index.html%00.css",
        ] {
            let response = try rawRequest(port: server.port, target)
            #expect(
                response.hasPrefix("HTTP/1.1 403") || response.hasPrefix("HTTP/1.1 404") || response.hasPrefix("HTTP/1.1 400"),
                "\(target): \(response.prefix(40))")
            #expect(!response.contains("not for the web"), "\(target) leaked a file outside the site")
        }

        // Symbolic links in the output that lead out of it are refused; hidden files are not served.
        try FileManager.default.createSymbolicLink(at: output.appendingPathComponent("leak.txt"), withDestinationURL: secret)
        try FileManager.default.createSymbolicLink(at: output.appendingPathComponent("etc"), withDestinationURL: URL(fileURLWithPath: "/etc"))
        #expect(try rawRequest(port: server.port, "/leak.txt").hasPrefix("HTTP/1.1 403"))
        #expect(try rawRequest(port: server.port, "/etc/passwd").hasPrefix("HTTP/1.1 403"))
        #expect(try rawRequest(port: server.port, "/.handover-site").hasPrefix("HTTP/1.1 404"))

        // A folder without an index is not listed.
        try FileManager.default.createDirectory(at: output.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let listing = try rawRequest(port: server.port, "/empty/")
        #expect(listing.hasPrefix("HTTP/1.1 404"))
        try await server.stop()
    }

    @Test func shutsDownWithPagesOpen() async throws {
        let (project, output) = try exampleProject()
        let server = try await RunningServer(project: project, output: output)
        let events = try await EventReader(server)
        _ = try await events.next()
        let started = ContinuousClock.now
        try await server.stop()
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(try await events.next() == nil, "the event stream ends with the server")
    }
}
