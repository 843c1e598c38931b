import Build
import Diagnostics
import Foundation
import Testing

/// `build --release`: one archive per release under `releases/<version>/`, never rewritten.
@Suite struct ReleaseArchiveTests {
    /// A copy of the golden fixture project in a fresh folder.
    func project() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("handover-release-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: fixturesURL.appendingPathComponent("golden-project/Content"), to: dir.appendingPathComponent("Content"))
        return dir
    }

    func release(_ project: URL, epoch: Int64, force: Bool = false) -> BuildPipeline.Result {
        var o = options(project, epoch: epoch)
        o.release = true
        o.force = force
        return BuildPipeline.build(o)
    }

    func edit(_ project: URL, _ path: String, _ change: (String) -> String) throws {
        let url = project.appendingPathComponent("Content/" + path)
        try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
    }

    func text(_ result: BuildPipeline.Result) -> String { DiagnosticFormatter(format: .text).format(result.diagnostics) }

    @Test func twoReleasesInTurnKeepTheFirstByteForByte() throws {
        let dir = try project()
        let first = release(dir, epoch: 1_795_651_200)
        #expect(!first.hasErrors, "\(text(first))")
        if case .created(let version, let files)? = first.archived {
            #expect(version == "1.2.0")
            #expect(files > 20)
        } else {
            Issue.record("no archive: \(text(first))")
        }
        let archive = dir.appendingPathComponent("releases/1.2.0")
        let published = try snapshot(archive)
        #expect(published["report/index.html"] != nil)
        let facts = try #require(published["release.json"].flatMap { String(data: $0, encoding: .utf8) })
        #expect(facts.contains("\"version\" : \"1.2.0\"") && facts.contains("\"builtAt\" : 1795651200"))
        // The archive carries its manifest: every file but itself, as sha256sum writes it.
        let manifest = try #require(published["SHA256SUMS"].flatMap { String(data: $0, encoding: .utf8) })
        #expect(manifest.split(separator: "\n").count == published.count - 1)
        #expect(manifest.contains("  report/index.html\n") && manifest.contains("  release.json\n"))

        // The same inputs a day later: rendered again at the archive's own time, nothing to do.
        let again = release(dir, epoch: 1_795_737_600)
        #expect(again.archived == .unchanged(version: "1.2.0"), "\(text(again))")
        #expect(try snapshot(archive) == published)

        // A second release with a better model.
        try edit(dir, "deployment.yaml") {
            $0.replacingOccurrences(of: "version: 1.2.0\n", with: "version: 1.3.0\n")
                .replacingOccurrences(of: "{ name: AUC, value: 0.81,", with: "{ name: AUC, value: 0.83,")
                .replacingOccurrences(
                    of: "releases:\n", with: "releases:\n  - { version: 1.3.0, date: 2026-10-01, by: Ana, notes: Retrained on September data }\n")
        }
        let second = release(dir, epoch: 1_796_000_000)
        #expect(!second.hasErrors, "\(text(second))")
        if case .created(let version, _)? = second.archived { #expect(version == "1.3.0") } else { Issue.record("no new archive: \(text(second))") }
        #expect(try snapshot(archive) == published, "the first release's archive changed")

        let site = try snapshot(dir.appendingPathComponent("_site"))
        #expect(site["releases/1.2.0/report/index.html"] == published["report/index.html"])
        #expect(site["releases/1.3.0/release.json"] != nil)
        let versions = try #require(site["releases/versions.js"].flatMap { String(data: $0, encoding: .utf8) })
        #expect(versions.contains("\"latest\":\"1.3.0\""))
        #expect(versions.range(of: "1.3.0")!.lowerBound < versions.range(of: "\"1.2.0\"")!.lowerBound)
        let latest = try #require(site["releases/latest/index.html"].flatMap { String(data: $0, encoding: .utf8) })
        #expect(latest.contains("url=../1.3.0/index.html"))

        // What changed, computed from the archived previous release, in the report and the exit report.
        let report = try #require(site["report/index.html"].flatMap { String(data: $0, encoding: .utf8) })
        #expect(report.contains("What changed since release 1.2.0"))
        #expect(report.contains("+0.02"))
        #expect(report.contains("Retrained on September data"))
        let acceptance = try #require(site["lifecycle/customer-acceptance/index.html"].flatMap { String(data: $0, encoding: .utf8) })
        #expect(acceptance.contains("id=\"exit-changes\""))
        // Every page loads the list of releases; an archived page from beside its own folder.
        #expect(report.contains("src=\"../releases/versions.js\""))
        let archived = try #require(site["releases/1.3.0/report/index.html"].flatMap { String(data: $0, encoding: .utf8) })
        #expect(archived.contains("src=\"../../versions.js\""))
        #expect(archived.contains("class=\"archive-banner\""))
    }

    @Test func aRebuildThatWouldChangeAPublishedReleaseIsAnError() throws {
        let dir = try project()
        #expect(!release(dir, epoch: 1_795_651_200).hasErrors)
        let archive = dir.appendingPathComponent("releases/1.2.0")
        let published = try snapshot(archive)
        let site = try snapshot(dir.appendingPathComponent("_site"))

        try edit(dir, "lifecycle/modeling.md") { $0 + "\nA late addition.\n" }
        let refused = release(dir, epoch: 1_795_651_200)
        #expect(refused.hasErrors)
        let message = text(refused)
        #expect(message.contains("Content/deployment.yaml:"), "\(message)")
        #expect(message.contains("release 1.2.0 is published") && message.contains("lifecycle/modeling/index.html"), "\(message)")
        #expect(message.contains("--force"))
        #expect(try snapshot(archive) == published)
        #expect(try snapshot(dir.appendingPathComponent("_site")) == site, "a refused release build must leave the site as it was")

        // A plain build is not a release: it publishes, and leaves the archive alone.
        let plain = BuildPipeline.build(options(dir))
        #expect(!plain.hasErrors)
        #expect(try snapshot(archive) == published)

        let forced = release(dir, epoch: 1_795_700_000, force: true)
        #expect(!forced.hasErrors, "\(text(forced))")
        if case .replaced? = forced.archived {} else { Issue.record("expected the archive to be replaced") }
        let replaced = try snapshot(archive)
        #expect(replaced["lifecycle/modeling/index.html"] != published["lifecycle/modeling/index.html"])
        #expect(String(data: replaced["release.json"]!, encoding: .utf8)!.contains("1795700000"))
    }

    /// A folder of that name that Handover did not write is the user's: never replaced, not even with --force.
    @Test func aFolderHandoverDidNotWriteIsNeverReplaced() throws {
        let dir = try project()
        let mine = dir.appendingPathComponent("releases/1.2.0/notes.txt")
        try FileManager.default.createDirectory(at: mine.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("my own notes\n".utf8).write(to: mine)
        for force in [false, true] {
            let result = release(dir, epoch: 1_795_651_200, force: force)
            #expect(result.hasErrors)
            #expect(text(result).contains("it was not written by Handover"), "\(text(result))")
        }
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my own notes\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mine.deletingLastPathComponent().path) == ["notes.txt"])
    }

    @Test func aReleaseBuildNeedsARelease() throws {
        let dir = try project()
        try edit(dir, "deployment.yaml") { $0.replacingOccurrences(of: "  - { version: 1.2.0, date: 2026-09-01, by: Ana, notes: First release }\n", with: "") }
        let result = release(dir, epoch: 1_795_651_200)
        #expect(result.hasErrors)
        #expect(text(result).contains("lists no release to archive"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("releases").path))
    }
}
