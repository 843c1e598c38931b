import Foundation
@testable import Output
import Testing

@Suite struct OutputPlacementTests {
    func project() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("handover-place-\(UUID().uuidString)")
        for folder in ["Content/notes", "Templates"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        return root
    }

    func refusal(_ output: URL, _ project: URL, home: String? = "/nonexistent-home") -> String? {
        do {
            _ = try OutputPlacement.resolve(output: output, project: project, home: home)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func theDefaultAndFoldersBesideTheProjectAreFine() throws {
        let p = try project()
        #expect(refusal(p.appendingPathComponent("_site"), p) == nil)
        #expect(refusal(p.deletingLastPathComponent().appendingPathComponent("www-\(UUID().uuidString)/site"), p) == nil)
    }

    @Test func overlapsWithTheProjectAreRefused() throws {
        let p = try project()
        #expect(refusal(p, p)?.contains("it is the project folder") == true)
        #expect(refusal(p.appendingPathComponent("Content"), p)?.contains("it is Content/") == true)
        #expect(refusal(p.appendingPathComponent("Templates"), p)?.contains("it is Templates/") == true)
        #expect(refusal(p.appendingPathComponent("Content/notes/site"), p)?.contains("lies inside Content/") == true)
        #expect(refusal(p.deletingLastPathComponent(), p)?.contains("holds the project folder") == true)
        #expect(refusal(p.appendingPathComponent("Content/.."), p)?.contains("it is the project folder") == true)
        #expect(refusal(URL(fileURLWithPath: "/"), p)?.contains("filesystem root") == true)
        #expect(refusal(URL(fileURLWithPath: "/srv/home"), p, home: "/srv/home/user")?.contains("home folder") == true)
        #expect(refusal(URL(fileURLWithPath: "/srv/home/user"), p, home: "/srv/home/user")?.contains("home folder") == true)
    }

    @Test func symbolicLinksAreResolvedBeforeComparing() throws {
        let p = try project()
        let alias = p.deletingLastPathComponent().appendingPathComponent("alias-\(UUID().uuidString)")
        try FileManager.default.createSymbolicLink(at: alias, withDestinationURL: p)
        #expect(refusal(alias, p)?.contains("it is the project folder") == true)
        #expect(refusal(alias.appendingPathComponent("Content"), p)?.contains("it is Content/") == true)

        // OUT a link to a published folder: the site goes to the link's target.
        let target = p.deletingLastPathComponent().appendingPathComponent("srv-\(UUID().uuidString)/site")
        let link = p.appendingPathComponent("_site")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)  // dangling for now
        #expect(try OutputPlacement.resolve(output: link, project: p, home: nil).path == OutputPlacement.realPath(target.path))

        // A link back into Content/ is refused like Content/ itself.
        let sneaky = p.appendingPathComponent("out")
        try FileManager.default.createSymbolicLink(at: sneaky, withDestinationURL: p.appendingPathComponent("Content/notes"))
        #expect(refusal(sneaky, p)?.contains("lies inside Content/") == true)
    }

    @Test func realPathAppliesLinksBeforeDotDot() throws {
        let p = try project()
        let link = p.appendingPathComponent("Content/notes/up")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "../../Templates")
        #expect(OutputPlacement.realPath(link.path + "/..") == OutputPlacement.realPath(p.path))
        #expect(OutputPlacement.realPath(p.path + "/missing/a/../b") == OutputPlacement.realPath(p.path) + "/missing/b")
    }
}
