import Build
import Diagnostics
import Foundation
import Testing

/// The example project in `Content/` is the end-to-end fixture: it must build cleanly and
/// every page kind and every internal link must be there.
@Suite struct ExampleSiteTests {
    @Test func buildsWithoutErrorsOrWarnings() throws {
        let output = temporaryOutput()
        let result = BuildPipeline.build(options(repositoryRoot, output: output))
        #expect(result.diagnostics.isEmpty, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        #expect(result.internalFailure == nil)
        let files = try snapshot(output)
        for page in ["index.html", "dashboard/index.html", "report/index.html", "architecture/index.html",
                     "lifecycle/index.html", "lifecycle/business-understanding/index.html",
                     "lifecycle/data-acquisition-and-understanding/index.html", "lifecycle/modeling/index.html",
                     "lifecycle/deployment/index.html", "lifecycle/customer-acceptance/index.html",
                     "notes/index.html", "notes/data/index.html", "notes/data/sources/index.html",
                     "incidents/index.html", "incidents/2026-11-21-nightly-rescore-late/index.html",
                     "404.html", "sitemap.xml", "assets/handover.css", "assets/rollout.svg"] {
            #expect(files[page] != nil, "missing \(page)")
        }
    }

    @Test func everyInternalLinkAndAnchorResolves() {
        let result = BuildPipeline.check(options(repositoryRoot))
        #expect(!result.hasErrors, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        #expect(result.pageCount > 20)
    }

    @Test func everyPageHasOneH1AndOnlyRelativeLinks() {
        let result = BuildPipeline.check(options(repositoryRoot))
        for file in result.files where file.path.hasSuffix(".html") {
            #expect(file.contents.components(separatedBy: "<h1").count == 2, "\(file.path) must have one h1")
            #expect(!file.contents.contains("href=\"/"), "\(file.path) has a root-relative link")
            #expect(!file.contents.contains("src=\"/"), "\(file.path) has a root-relative source")
        }
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let a = temporaryOutput(), b = temporaryOutput()
        _ = BuildPipeline.build(options(repositoryRoot, output: a))
        _ = BuildPipeline.build(options(repositoryRoot, output: b))
        let first = try snapshot(a), second = try snapshot(b)
        #expect(first.count > 20)
        #expect(first == second)
    }

    @Test func buildTimeComesFromSourceDateEpoch() throws {
        let output = temporaryOutput()
        _ = BuildPipeline.build(options(repositoryRoot, output: output, epoch: 1_795_651_200))
        let home = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("<time datetime=\"2026-11-26T00:00:00Z\">2026-11-26 00:00 UTC</time>"))
    }
}
