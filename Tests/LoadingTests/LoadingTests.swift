import Diagnostics
import Foundation
@testable import Loading
import Testing

@Suite struct FrontMatterTests {
    @Test func splitsAndCountsLines() {
        let split = FrontMatterSplit.split("---\ntitle: A\nweight: 2\n---\n# Body\n")
        #expect(split.yaml == "title: A\nweight: 2\n")
        #expect(split.yamlLineOffset == 1)
        #expect(split.body == "# Body\n")
        #expect(split.bodyLineOffset == 4)
    }

    @Test func noFrontMatter() {
        let split = FrontMatterSplit.split("# Just text\n---\n")
        #expect(split.yaml == nil)
        #expect(split.bodyLineOffset == 0)
    }

    @Test func byteOrderMarkAndCRLF() {
        let split = FrontMatterSplit.split("\u{FEFF}---\r\ntitle: A\r\n---\r\nbody")
        #expect(split.yaml == "title: A\n")
        #expect(split.body == "body")
    }

    @Test func unclosedIsReported() {
        #expect(FrontMatterSplit.split("---\ntitle: A\n").unclosed)
    }
}

@Suite struct YAMLParserTests {
    @Test func nodesCarryLineAndColumn() throws {
        let result = YAMLParser.parse("model:\n  name: churn\n  version: 1.0\n", path: "Content/deployment.yaml")
        let root = try #require(try result.get())
        let version = try #require(root["model"]?["version"])
        #expect(version.location == SourceLocation(path: "Content/deployment.yaml", line: 3, column: 12))
        #expect(version.scalarString == "1.0")
    }

    @Test func syntaxErrorHasLocation() {
        let result = YAMLParser.parse("title: A\nteam: [a, b\nx: 1\n", path: "Content/site.yaml")
        guard case .failure(let diagnostic) = result else {
            Issue.record("expected a syntax error")
            return
        }
        #expect(diagnostic.location.path == "Content/site.yaml")
        #expect(diagnostic.location.line >= 2)
        #expect(diagnostic.message.hasPrefix("invalid YAML"))
    }

    @Test func lineOffsetIsAdded() throws {
        let root = try #require(try YAMLParser.parse("title: A\nstatus: done\n", path: "x.md", lineOffset: 1).get())
        #expect(root["status"]?.location.line == 3)
    }

    @Test func quotedScalarsAreMarked() throws {
        let root = try #require(try YAMLParser.parse("a: \"true\"\nb: true\n", path: "x").get())
        guard case .scalar(_, let quotedA) = root["a"]!.value, case .scalar(_, let quotedB) = root["b"]!.value else {
            Issue.record("expected scalars")
            return
        }
        #expect(quotedA && !quotedB)
    }
}

@Suite struct ContentLoaderTests {
    @Test func readsAProjectAndSkipsEditorFiles() throws {
        let dir = try temporaryProject([
            "Content/site.yaml": "title: T\n",
            "Content/notes/a.md": "---\ntitle: A\n---\nBody\n",
            "Content/notes/.a.md.swp": "junk",
            "Content/notes/a.md~": "junk",
            "Content/assets/logo.svg": "<svg/>",
            "Content/monitoring/up.json": "{}",
            "Templates/pages/note.mustache": "x",
        ])
        let (content, diagnostics) = ContentLoader(projectURL: dir).load()
        #expect(diagnostics.isEmpty)
        #expect(content.markdown.map(\.contentPath) == ["notes/a.md"])
        #expect(content.markdown.first?.bodyLineOffset == 3)
        #expect(content.staticFiles.map(\.contentPath) == ["assets/logo.svg"])
        #expect(content.monitoring.map(\.contentPath) == ["monitoring/up.json"])
        #expect(content.templateOverrides.keys.sorted() == ["pages/note.mustache"])
        #expect(content.yamlFiles["site.yaml"] != nil)
    }

    @Test func symlinkOutsideContentIsRefused() throws {
        let dir = try temporaryProject(["Content/site.yaml": "title: T\n", "secret.txt": "s"])
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("Content/assets").path,
            withDestinationPath: dir.path)
        let (_, diagnostics) = ContentLoader(projectURL: dir).load()
        #expect(diagnostics.contains { $0.location.path == "Content/assets" && $0.message.contains("outside Content/") })
    }

    @Test func missingContentFolder() throws {
        let dir = try temporaryProject(["README.md": "x"])
        let (_, diagnostics) = ContentLoader(projectURL: dir).load()
        #expect(diagnostics.first?.message.contains("no Content/ folder") == true)
    }
}

func temporaryProject(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("handover-test-\(UUID().uuidString)")
    for (path, text) in files {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return dir
}

@Suite struct HostileFolderTests {
    func project() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("handover-loops-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/notes/deep"), withIntermediateDirectories: true)
        try "title: T\n".write(to: root.appendingPathComponent("Content/site.yaml"), atomically: true, encoding: .utf8)
        try "# A\n".write(to: root.appendingPathComponent("Content/notes/deep/a.md"), atomically: true, encoding: .utf8)
        return root
    }

    @Test func loopingLinksAreFollowedOnceAndReportedAtTheLink() throws {
        let root = try project()
        let notes = root.appendingPathComponent("Content/notes")
        try FileManager.default.createSymbolicLink(atPath: notes.appendingPathComponent("loop").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: notes.appendingPathComponent("deep/back").path, withDestinationPath: "../..")
        let (content, diagnostics) = ContentLoader(projectURL: root).load()
        #expect(content.markdown.map(\.contentPath) == ["notes/deep/a.md"])
        let loops = diagnostics.filter { $0.message.contains("loops back") }
        #expect(loops.map(\.location.path).sorted() == ["Content/notes/deep/back", "Content/notes/loop"])
        #expect(loops.allSatisfy { $0.severity == .warning })
    }

    @Test func aLinkToAFolderSeenElsewhereIsReadOnce() throws {
        let root = try project()
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("Content/notes/alias").path, withDestinationPath: "deep")
        let (content, diagnostics) = ContentLoader(projectURL: root).load()
        #expect(content.markdown.count == 1)
        #expect(diagnostics.count == 1)
    }

    @Test func wideTablesAreALocatedError() throws {
        let root = try project()
        let row = "|" + String(repeating: " x |", count: 300)
        try "---\ntitle: Wide\n---\nintro\n\n\(row)\n".write(to: root.appendingPathComponent("Content/notes/wide.md"), atomically: true, encoding: .utf8)
        try "```\n\(row)\n```\n".write(to: root.appendingPathComponent("Content/notes/code.md"), atomically: true, encoding: .utf8)
        let (_, diagnostics) = ContentLoader(projectURL: root).load()
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.location == SourceLocation(path: "Content/notes/wide.md", line: 6, column: 1))
        #expect(errors.first?.message == "table row with more than 256 columns")
    }
}
