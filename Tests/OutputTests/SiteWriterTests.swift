import Foundation
import Output
import Testing

@Suite struct SiteWriterTests {
    func tempDir() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("handover-out-\(UUID().uuidString)")
    }

    func read(_ url: URL, _ path: String) -> String? {
        try? String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func writesThenReplacesAtomically() throws {
        let out = tempDir().appendingPathComponent("_site")
        let writer = SiteWriter(outputURL: out)
        try writer.write([.init(path: "index.html", content: .text("one")), .init(path: "a/b/index.html", content: .text("ab"))])
        #expect(read(out, "index.html") == "one")
        #expect(read(out, "a/b/index.html") == "ab")
        try writer.write([.init(path: "index.html", content: .text("two"))])
        #expect(read(out, "index.html") == "two")
        #expect(read(out, "a/b/index.html") == nil)  // the old site is gone as a whole
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        // The replaced site is kept, hidden and ignored by git, for the next build to rewrite.
        #expect(leftovers.sorted() == ["._site.handover-previous", "_site"])
        #expect(read(out.deletingLastPathComponent(), "._site.handover-previous/.gitignore") == "*\n")
    }

    /// The kept site is rewritten in place: what the new site lacks goes, a file where a folder
    /// was and a folder where a file was both work, and the result is exactly the new site.
    @Test func theKeptSiteIsRewrittenInPlaceToExactlyTheNewOne() throws {
        let out = tempDir().appendingPathComponent("_site")
        let writer = SiteWriter(outputURL: out)
        try writer.write([
            .init(path: "index.html", content: .text("one, a longer first text")), .init(path: "a/b/index.html", content: .text("ab")),
            .init(path: "c", content: .text("c as a file")),
        ])
        try writer.write([.init(path: "index.html", content: .text("two")), .init(path: "x.html", content: .text("x"))])
        try writer.write([
            .init(path: "index.html", content: .text("3")), .init(path: "a", content: .text("a as a file")),
            .init(path: "c/index.html", content: .text("c as a folder")),
        ])
        #expect(read(out, "index.html") == "3")
        #expect(read(out, "a") == "a as a file")
        #expect(read(out, "c/index.html") == "c as a folder")
        let files = FileManager.default.enumerator(atPath: out.path)?.allObjects.compactMap { $0 as? String }.sorted()
        #expect(files == [".handover-site", "a", "c", "c/index.html", "index.html"])
        try writer.write([.init(path: "index.html", content: .text("four"))])
        #expect(FileManager.default.enumerator(atPath: out.path)?.allObjects.compactMap { $0 as? String }.sorted() == [".handover-site", "index.html"])
        #expect(read(out, "index.html") == "four")
    }

    /// The previous site is deleted in parallel parts: a symbolic link someone put in it (to a
    /// folder of their own) goes as a link, and nothing it points to is touched.
    @Test func replacingASiteNeverFollowsALinkInIt() throws {
        let root = tempDir()
        let mine = root.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: mine.appendingPathComponent("deep"), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: mine.appendingPathComponent("deep/file.txt"))
        let out = root.appendingPathComponent("_site")
        let writer = SiteWriter(outputURL: out)
        try writer.write([.init(path: "index.html", content: .text("one")), .init(path: "notes/a/index.html", content: .text("a"))])
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("linked"), withDestinationURL: mine)
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("notes/linked"), withDestinationURL: mine)
        try writer.write([.init(path: "index.html", content: .text("two"))])
        #expect(read(out, "index.html") == "two")
        #expect(read(mine, "deep/file.txt") == "keep")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("linked").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["._site.handover-previous", "_site", "mine"])
        // The kept site holds the links: it is not rewritten (nothing is written through a link)
        // but removed, links as links.
        try writer.write([.init(path: "notes/linked/file.txt", content: .text("overwritten?"))])
        #expect(read(mine, "deep/file.txt") == "keep")
        #expect(!FileManager.default.fileExists(atPath: mine.appendingPathComponent("file.txt").path))
        #expect(read(out, "notes/linked/file.txt") == "overwritten?")
    }

    /// A folder of that name that Handover did not write (no marker) is never rewritten or removed.
    @Test func aFolderNamedLikeTheKeptSiteButNotOursIsLeftAlone() throws {
        let root = tempDir()
        let theirs = root.appendingPathComponent("._site.handover-previous")
        try FileManager.default.createDirectory(at: theirs, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: theirs.appendingPathComponent("notes.txt"))
        let out = root.appendingPathComponent("_site")
        let writer = SiteWriter(outputURL: out)
        for text in ["one", "two", "three"] { try writer.write([.init(path: "index.html", content: .text(text))]) }
        #expect(read(out, "index.html") == "three")
        #expect(read(theirs, "notes.txt") == "mine")
        #expect(try FileManager.default.contentsOfDirectory(atPath: theirs.path) == ["notes.txt"])
    }

    @Test func failedWriteKeepsThePreviousSite() throws {
        let out = tempDir().appendingPathComponent("_site")
        let writer = SiteWriter(outputURL: out)
        try writer.write([.init(path: "index.html", content: .text("good"))])
        #expect(throws: (any Error).self) {
            try writer.write([
                .init(path: "index.html", content: .text("bad")),
                .init(path: "asset.png", content: .copy(URL(fileURLWithPath: "/nonexistent/file.png"))),
            ])
        }
        #expect(read(out, "index.html") == "good")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        #expect(leftovers == ["_site"])
    }

    @Test func refusesAFolderItDidNotWrite() throws {
        let out = tempDir()
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: out.appendingPathComponent("thesis.docx"))
        #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter(outputURL: out).write([.init(path: "index.html", content: .text("x"))])
        }
        #expect(read(out, "thesis.docx") == "mine")
    }

    @Test func refusesPathsThatLeaveTheSite() throws {
        let out = tempDir().appendingPathComponent("_site")
        #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter(outputURL: out).write([.init(path: "../escape.html", content: .text("x"))])
        }
    }
}
