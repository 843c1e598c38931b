import Build
import Diagnostics
import Foundation
import Testing

/// The "incremental equals full build" rule over random sequences of edits of every kind the
/// change classifier knows (body, front matter, site.yaml, deployment data, monitoring,
/// templates, assets, files added and removed), one or two at a time.
@Suite struct IncrementalSequenceTests {
    /// SplitMix64: the same seed gives the same sequence on every machine.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    let notes = ["notes/charter.md", "notes/data/sources.md", "notes/data/index.md", "notes/data/quality-report.md", "report/evaluation.md", "index.md"]

    /// One edit of the project: its description and the absolute paths it touched.
    func randomEdit(_ project: URL, step: Int, kind: Int, using random: inout SeededGenerator) throws -> (String, [String]) {
        let content = project.appendingPathComponent("Content")
        func rewrite(_ path: String, _ change: (String) -> String) throws -> String {
            let url = content.appendingPathComponent(path)
            try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
            return url.path
        }
        func toggle(_ url: URL, _ text: String) throws -> String {
            if FileManager.default.fileExists(atPath: url.path) {
                try FileManager.default.removeItem(at: url)
            } else {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            return url.path
        }
        switch kind {
        case 0:
            let note = notes.randomElement(using: &random)!
            return ("body of \(note)", [try rewrite(note) { $0 + "\nParagraph \(step) added while serving.\n" }])
        case 1:
            let note = notes.filter { $0 != "index.md" }.randomElement(using: &random)!
            return (
                "title of \(note)",
                [try rewrite(note) { $0.replacingOccurrences(of: "title: ", with: "title: S\(step) ", options: [], range: $0.range(of: "title: ")) }]
            )
        case 2:
            return (
                "site.yaml",
                [try rewrite("site.yaml") { $0.replacingOccurrences(of: "title: Delivery delay risk", with: "title: Delivery delay risk \(step)") }]
            )
        case 3:
            return (
                "deployment.yaml",
                [
                    try rewrite("deployment.yaml") {
                        $0.replacingOccurrences(of: #"(name: AUC, value: )[0-9.]+"#, with: "$1 0.8\(step)", options: .regularExpression)
                    }
                ]
            )
        case 4:
            // The newest sample of the batch freshness export moves.
            return (
                "monitoring",
                [
                    try rewrite("monitoring/scheduler-batch-freshness.csv") {
                        $0.replacingOccurrences(of: #",[0-9.]+\n$"#, with: ",\(step).5\n", options: .regularExpression)
                    }
                ]
            )
        case 5:
            let url = project.appendingPathComponent("Templates/partials/pager.mustache")
            let builtIn = try String(contentsOf: repositoryRoot.appendingPathComponent("Templates/partials/pager.mustache"), encoding: .utf8)
            return ("template override", [try toggle(url, "<!-- overridden -->\n" + builtIn)])
        case 6:
            return ("asset", [try toggle(content.appendingPathComponent("assets/attachment.txt"), "Attached at step \(step).\n")])
        default:
            return (
                "a note added or removed",
                [try toggle(content.appendingPathComponent("notes/data/late-note.md"), "---\ntitle: Late note\n---\n\nWritten at step \(step).\n")]
            )
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomEditsKeepTheServedSiteEqualToAFullBuild(seed: UInt64) throws {
        let project = try BuildSessionTests().exampleCopy()
        let output = temporaryOutput()
        var session = BuildSession(options: options(project, output: output))
        #expect(!session.rebuildAll().hasErrors)
        var random = SeededGenerator(state: seed)
        var history: [String] = []
        for step in 1...10 {
            let kind = Int.random(in: 0..<8, using: &random)
            var (what, paths) = try randomEdit(project, step: step, kind: kind, using: &random)
            // A second edit of another kind (the same toggle twice would change nothing).
            if Bool.random(using: &random) {
                let (other, more) = try randomEdit(project, step: step, kind: (kind + Int.random(in: 1..<8, using: &random)) % 8, using: &random)
                what += " and " + other
                paths += more
            }
            history.append(what)
            let applied = session.apply(changedPaths: Set(paths))
            let outcome = try #require(applied, "seed \(seed): \(history)")
            #expect(!outcome.hasErrors, "seed \(seed), \(history): \(DiagnosticFormatter(format: .text).format(outcome.diagnostics))")
            try BuildSessionTests().expectSameAsFullBuild(project, output, "seed \(seed) after \(history)")
        }
    }
}
