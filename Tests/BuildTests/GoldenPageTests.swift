import Build
import Foundation
import Testing

/// One page of each template, compared byte for byte with a recorded golden file.
///
/// Recording is explicit: `HANDOVER_RECORD_GOLDEN=1 swift test` writes the files and fails,
/// so that a new baseline is never accepted silently.
@Suite struct GoldenPageTests {
    static let pages = [
        "index.html", "dashboard/index.html", "report/index.html", "architecture/index.html", "api/index.html",
        "lifecycle/customer-acceptance/index.html",
        "lifecycle/index.html", "lifecycle/modeling/index.html", "notes/guide/index.html",
        "notes/guide/setup/index.html", "incidents/index.html", "incidents/outage/index.html", "404.html", "print/index.html", "sitemap.xml",
    ]

    @Test(arguments: pages) func pageMatchesGolden(_ page: String) throws {
        let project = fixturesURL.appendingPathComponent("golden-project")
        let result = BuildPipeline.check(options(project))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let file = try #require(result.files.first { $0.path == page })
        let golden = fixturesURL.appendingPathComponent("golden").appendingPathComponent(page.replacingOccurrences(of: "/", with: "__"))
        if ProcessInfo.processInfo.environment["HANDOVER_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: golden)
            Issue.record("recorded \(golden.lastPathComponent); run again without HANDOVER_RECORD_GOLDEN")
            return
        }
        let expected = try? String(contentsOf: golden, encoding: .utf8)
        #expect(expected != nil, "no golden file for \(page): record with HANDOVER_RECORD_GOLDEN=1")
        if let expected, expected != file.contents {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = file.contents.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(a, b)).firstIndex { $0 != $1 } ?? min(a.count, b.count)
            Issue.record("\(page) differs from its golden file at line \(line + 1):\n- \(line < a.count ? a[line] : "")\n+ \(line < b.count ? b[line] : "")")
        }
    }
}
