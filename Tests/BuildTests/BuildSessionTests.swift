import Build
import Pages
import Diagnostics
import Foundation
import Testing

/// `serve` rebuilds with a `BuildSession`: after every kind of edit, the folder it maintains must
/// be byte for byte what a full `handover build` of the same inputs writes.
@Suite struct BuildSessionTests {
    /// A copy of the example project (its `Content/` only) in a temporary folder.
    func exampleCopy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("handover-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Content"), to: dir.appendingPathComponent("Content"))
        return dir
    }

    func expectSameAsFullBuild(_ project: URL, _ served: URL, _ comment: Comment, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let fresh = temporaryOutput()
        let result = BuildPipeline.build(options(project, output: fresh))
        #expect(!result.hasErrors, sourceLocation: sourceLocation)
        let expected = try snapshot(fresh)
        let actual = try snapshot(served)
        #expect(Set(actual.keys) == Set(expected.keys), "\(comment): files differ", sourceLocation: sourceLocation)
        let different = expected.keys.filter { actual[$0] != nil && actual[$0] != expected[$0] }.sorted()
        #expect(different.isEmpty, "\(comment): contents differ in \(different)", sourceLocation: sourceLocation)
    }

    func edit(_ project: URL, _ path: String, _ change: (String) -> String) throws -> String {
        let url = project.appendingPathComponent("Content/" + path)
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(change(text).utf8).write(to: url)
        return url.path
    }

    func applied(_ session: inout BuildSession, _ paths: Set<String>, deferSearchIndex: Bool = false) throws -> BuildSession.Outcome {
        let outcome = session.apply(changedPaths: paths, deferSearchIndex: deferSearchIndex)
        return try #require(outcome)
    }

    @Test func bodyEditsAreIncrementalAndEqualToAFullBuild() throws {
        let project = try exampleCopy()
        // Without a description, the section page shows the note's first paragraph.
        _ = try edit(project, "notes/data/training-data.md") {
            $0.replacingOccurrences(of: "description: The frozen data set the production model was trained and tested on.\n", with: "")
        }
        let output = temporaryOutput()
        var session = BuildSession(options: options(project, output: output))
        let first = session.rebuildAll()
        #expect(!first.hasErrors && !first.incremental)

        let summary = try edit(project, "notes/data/training-data.md") {
            $0.replacingOccurrences(of: "The data set `shipments-2023-2026` is frozen", with: "The data set `shipments-2023-2026` (rebuilt) is frozen")
        }
        let outcome = try applied(&session, [summary])
        #expect(outcome.incremental)
        #expect(
            Set(outcome.written) == [
                "notes/data/training-data/index.html", "notes/data/index.html",
                "search-index.js",
            ])
        try expectSameAsFullBuild(project, output, "after editing a note's first paragraph")

        // A body of each kind: a note, a section's index, a report section, an incident, a stage, the home page.
        let edits: [(String, String)] = [
            ("notes/data/sources.md", "\n## Added while serving\n\nA paragraph with *emphasis* and a [link](quality-report.md#findings).\n"),
            ("notes/data/index.md", "\nOne more sentence about the data notes.\n"),
            ("report/evaluation.md", "\n## A late finding\n\nCalibration holds on the December sample.\n"),
            ("incidents/2026-11-03-latency-spike.md", "\nFollow-up: the autoscaler limit was raised.\n"),
            ("lifecycle/modeling.md", "\n## Retrospective\n\nWhat we would do again.\n"),
            ("index.md", "\nA line for the home page.\n"),
        ]
        for (path, addition) in edits {
            let changed = try edit(project, path) { $0 + addition }
            let outcome = try applied(&session, [changed])
            #expect(!outcome.hasErrors, "\(DiagnosticFormatter(format: .text).format(outcome.diagnostics))")
            #expect(outcome.incremental, "\(path) changed only its body")
            #expect(outcome.written.contains("search-index.js"))
            #expect(outcome.written.count < 8, "\(path) rewrote \(outcome.written)")
            try expectSameAsFullBuild(project, output, "after editing \(path)")
        }
    }

    @Test func aDeferredSearchIndexCatchesUpEvenWhenEditsOvertakeIt() throws {
        let project = try exampleCopy()
        let output = temporaryOutput()
        var session = BuildSession(options: options(project, output: output))
        #expect(!session.rebuildAll().hasErrors)

        let first = try edit(project, "notes/data/sources.md") { $0 + "\nThe first deferred edit.\n" }
        var outcome = try applied(&session, [first], deferSearchIndex: true)
        #expect(outcome.written == ["notes/data/sources/index.html"])
        #expect(session.hasDeferredWork)

        // The index is assembled while another edit lands: installing it leaves it stale.
        let job = try #require(session.searchIndexJob())
        let second = try edit(project, "notes/data/sources.md") { $0 + "\nThe second deferred edit.\n" }
        outcome = try applied(&session, [second], deferSearchIndex: true)
        #expect(session.install(try job.run()) == ["search-index.js"])
        #expect(session.hasDeferredWork, "the index lacks the second edit")
        #expect(try String(contentsOf: output.appendingPathComponent("search-index.js"), encoding: .utf8).contains("first deferred edit"))

        #expect(session.finishDeferredWork() == ["search-index.js"])
        #expect(!session.hasDeferredWork)
        try expectSameAsFullBuild(project, output, "after the deferred index caught up")

        // An index assembled before a full build is thrown away, not written over the newer one.
        let third = try edit(project, "notes/data/sources.md") { $0 + "\nThe third deferred edit.\n" }
        _ = try applied(&session, [third], deferSearchIndex: true)
        let stale = try #require(session.searchIndexJob())
        let yaml = try edit(project, "site.yaml") { $0 + "\n" }
        #expect(try applied(&session, [yaml]).incremental == false)
        #expect(session.install(try stale.run()).isEmpty)
        try expectSameAsFullBuild(project, output, "after a full build overtook the index")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.contains("handover-tmp") }
        #expect(leftovers.isEmpty)
    }

    /// A large site's sharded index under `serve`: an edit rewrites only the shards and fragments
    /// it changes, and the result is the full build's.
    @Test func aShardedIndexIsUpdatedShardByShard() throws {
        var files: [String: String] = ["Content/site.yaml": "title: Large\n"]
        for i in 0..<(SiteRenderer.shardAbovePages + 10) {
            files["Content/notes/n\(i).md"] = "---\ntitle: Note \(i)\n---\nshipment lane \(i)\n"
        }
        let project = try makeProject(files)
        let output = temporaryOutput()
        var session = BuildSession(options: options(project, output: output))
        #expect(!session.rebuildAll().hasErrors)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("search/index.js").path))

        let changed = try edit(project, "notes/n7.md") { $0 + "\nThe word xylophone.\n" }
        _ = try applied(&session, [changed], deferSearchIndex: true)
        let written = session.finishDeferredWork()
        #expect(written.contains("search/t/78-79.js"), "the new word's shard: \(written)")
        #expect(written.contains { $0.hasPrefix("search/f/") })
        #expect(written.count < 10, "only what changed is written: \(written)")
        #expect(try String(contentsOf: output.appendingPathComponent("search/t/78-79.js"), encoding: .utf8).contains("xylophone"))
        try expectSameAsFullBuild(project, output, "after a sharded index caught up")
    }

    @Test func metadataEditsAddedAndRemovedFilesRebuildInFull() throws {
        let project = try exampleCopy()
        let output = temporaryOutput()
        var session = BuildSession(options: options(project, output: output))
        #expect(!session.rebuildAll().hasErrors)

        // A changed title shows in the navigation of every page of the section.
        let retitled = try edit(project, "notes/data/sources.md") { $0.replacingOccurrences(of: "title: ", with: "title: Renamed — ") }
        var outcome = try applied(&session, [retitled])
        #expect(!outcome.incremental && !outcome.hasErrors)
        #expect(outcome.written.count > 3)
        try expectSameAsFullBuild(project, output, "after a title change")

        // A new note, then removing it.
        let added = project.appendingPathComponent("Content/notes/data/new-note.md")
        try Data("---\ntitle: A new note\n---\n\nFresh text.\n".utf8).write(to: added)
        outcome = try applied(&session, [added.path])
        #expect(!outcome.incremental && outcome.written.contains("notes/data/new-note/index.html"))
        try expectSameAsFullBuild(project, output, "after adding a note")
        try FileManager.default.removeItem(at: added)
        outcome = try applied(&session, [added.path])
        #expect(outcome.removed.contains("notes/data/new-note/index.html"))
        try expectSameAsFullBuild(project, output, "after removing a note")

        // YAML.
        let yaml = try edit(project, "site.yaml") { $0.replacingOccurrences(of: "title: ", with: "title: Edited ") }
        outcome = try applied(&session, [yaml])
        #expect(!outcome.incremental && !outcome.hasErrors && !outcome.reusedNotePages)
        try expectSameAsFullBuild(project, output, "after editing site.yaml")

        // Deployment data: the documents change, the note pages are reused.
        let deployment = try edit(project, "deployment.yaml") { $0.replacingOccurrences(of: "value: 0.874", with: "value: 0.875") }
        outcome = try applied(&session, [deployment])
        #expect(outcome.reusedNotePages && !outcome.hasErrors)
        #expect(outcome.written.contains("report/index.html"))
        #expect(!outcome.written.contains { $0.hasPrefix("notes/") })
        try expectSameAsFullBuild(project, output, "after editing deployment.yaml")

        let architecture = try edit(project, "architecture.yaml") { $0.replacingOccurrences(of: "name: Weather feed", with: "name: Weather service") }
        outcome = try applied(&session, [architecture])
        #expect(outcome.reusedNotePages && outcome.written.contains("architecture/index.html"))
        try expectSameAsFullBuild(project, output, "after editing architecture.yaml")

        let card = try edit(project, "models/delay-risk/model-card.json") { $0.replacingOccurrences(of: "Priya Raman", with: "Priya R.") }
        outcome = try applied(&session, [card])
        #expect(outcome.reusedNotePages && outcome.written.contains("report/index.html"))
        try expectSameAsFullBuild(project, output, "after editing the model card")

    }

    /// `serve` with a language: switching it, and editing the project's catalog, rewrite every
    /// page with the new words, as a full build does.
    @Test func aCatalogEditReachesEveryPage() throws {
        let project = try exampleCopy()
        let output = temporaryOutput()
        var session = BuildSession(options: options(project, output: output))
        #expect(!session.rebuildAll().hasErrors)
        let site = try edit(project, "site.yaml") { $0.replacingOccurrences(of: "\nlanguage: en", with: "\nlanguage: ko") }
        var outcome = try applied(&session, [site])
        #expect(!outcome.hasErrors && outcome.written.contains("dashboard/index.html"))
        try expectSameAsFullBuild(project, output, "after switching to Korean")
        let catalog = project.appendingPathComponent("Templates/i18n/ko.yaml")
        try FileManager.default.createDirectory(at: catalog.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("nav.report: 리포트\n".utf8).write(to: catalog)
        outcome = try applied(&session, [catalog.path])
        #expect(!outcome.hasErrors)
        let home = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains(">리포트</a>"))
        try expectSameAsFullBuild(project, output, "after editing Templates/i18n/ko.yaml")
    }

    @Test func deploymentDataThatMovesTheBuildTimeRendersEverything() throws {
        // Without SOURCE_DATE_EPOCH the build time is the newest date of the inputs, on every page.
        let project = try exampleCopy()
        let output = temporaryOutput()
        var unpinned = options(project, output: output)
        unpinned.sourceDateEpoch = nil
        var session = BuildSession(options: unpinned)
        #expect(!session.rebuildAll().hasErrors)
        let release = try edit(project, "deployment.yaml") {
            $0.replacingOccurrences(of: "releases:\n", with: "releases:\n  - { version: 2.2.0, date: 2027-01-15, by: Ana Pérez, notes: Later }\n")
        }
        let outcome = try applied(&session, [release])
        #expect(!outcome.reusedNotePages && !outcome.hasErrors)
        #expect(outcome.written.contains { $0.hasPrefix("notes/") }, "the footer's time changed on every page")
        let fresh = temporaryOutput()
        var fullOptions = options(project, output: fresh)
        fullOptions.sourceDateEpoch = nil
        #expect(!BuildPipeline.build(fullOptions).hasErrors)
        #expect(try snapshot(fresh) == snapshot(output))

        // Paths that are no input change nothing.
        #expect(session.apply(changedPaths: ["/elsewhere/file.md", project.appendingPathComponent("Content/.hidden.swp").path]) == nil)
    }

    @Test func aFailedRebuildKeepsTheLastGoodSiteAndTheNextOneIsFull() throws {
        let project = try exampleCopy()
        let output = temporaryOutput()
        var session = BuildSession(options: options(project, output: output))
        #expect(!session.rebuildAll().hasErrors)
        let good = try snapshot(output)

        // A heading that another page links to disappears: the link elsewhere breaks.
        let quality = try edit(project, "notes/data/quality-report.md") { $0.replacingOccurrences(of: "## Findings", with: "## Results") }
        var outcome = try applied(&session, [quality])
        #expect(outcome.incremental && outcome.hasErrors)
        let broken = outcome.diagnostics.first { $0.message.contains("#findings") }
        #expect(broken?.location.path == "Content/lifecycle/data-acquisition-and-understanding.md")
        #expect((broken?.location.line ?? 0) > 0)
        #expect(try snapshot(output) == good, "a failed rebuild writes nothing")

        // Broken front matter elsewhere, then a body edit: still failing, never hidden.
        let charter = try edit(project, "notes/charter.md") { "---\ntitle: [unclosed\n---\n" + $0 }
        outcome = try applied(&session, [charter])
        #expect(outcome.hasErrors)
        #expect(outcome.diagnostics.contains { $0.location.path == "Content/notes/charter.md" && $0.location.line > 0 })

        // Fixing both recovers with a full rebuild equal to a clean build.
        _ = try edit(project, "notes/data/quality-report.md") { $0.replacingOccurrences(of: "## Results", with: "## Findings") }
        _ = try edit(project, "notes/charter.md") { String($0.dropFirst("---\ntitle: [unclosed\n---\n".count)) }
        outcome = try applied(&session, [quality, charter])
        #expect(!outcome.hasErrors && !outcome.incremental)
        // The inputs are as before: only what the failed update rendered but never wrote is written again.
        #expect(
            Set(outcome.written).isSubset(of: ["notes/data/quality-report/index.html", "search-index.js"]),
            "\(outcome.written)")
        try expectSameAsFullBuild(project, output, "after recovering")
    }
}
