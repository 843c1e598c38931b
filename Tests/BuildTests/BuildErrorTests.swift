import Build
import Diagnostics
import Foundation
import Testing

@Suite struct BuildErrorTests {
    func locations(_ result: BuildPipeline.Result) -> [String] {
        result.diagnostics.filter { $0.severity == .error }.map { "\($0.location): \($0.message)" }
    }

    @Test func brokenLinksAndAnchorsHaveTheirLocation() throws {
        let project = try makeProject([
            "Content/site.yaml": "title: T\n",
            "Content/notes/a.md": "---\ntitle: A\n---\n## Here\n\nSee [b](b.md), [missing](nope.md)\nand [bad anchor](a.md#there) and [up](../../x.md).\n",
            "Content/notes/b.md": "B\n",
        ])
        let result = BuildPipeline.check(options(project))
        let errors = locations(result)
        #expect(errors.contains { $0.hasPrefix("Content/notes/a.md:6:16: broken link") && $0.contains("nope.md") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("Content/notes/a.md:7:5: broken link") && $0.contains("a.md#there") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("Content/notes/a.md:7:34: link `../../x.md` leaves Content/") }, "\(errors)")
        #expect(errors.count == 3)
    }

    @Test func everyErrorOfEveryFileInOneRun() throws {
        let project = try makeProject([
            "Content/site.yaml": "title: T\nraw_html: maybe\n",
            "Content/deployment.yaml": "model: { name: m }\n",
            "Content/architecture.yaml": "components: [ { id: a, name: [x] } ]\n",
            "Content/dashboard.yaml": "window: forever\n",
            "Content/lifecycle/modeling.md": "---\nstatus: finished\n---\n",
            "Content/incidents/x.md": "---\ntitle: [\n---\n",
        ])
        let errors = locations(BuildPipeline.build(options(project, output: temporaryOutput())))
        for prefix in ["Content/site.yaml:2:11", "Content/deployment.yaml:1:8", "Content/architecture.yaml:1:30",
                       "Content/dashboard.yaml:1:9", "Content/lifecycle/modeling.md:2:9", "Content/incidents/x.md:"] {
            #expect(errors.contains { $0.hasPrefix(prefix) }, "no error at \(prefix) in \(errors)")
        }
    }

    @Test func aFailedBuildLeavesThePreviousSiteByteIdentical() throws {
        let project = try makeProject(["Content/site.yaml": "title: T\n", "Content/notes/a.md": "Fine\n"])
        let output = temporaryOutput()
        let first = BuildPipeline.build(options(project, output: output))
        #expect(!first.hasErrors)
        let before = try snapshot(output)
        try Data("---\ntitle: [broken\n---\n".utf8).write(to: project.appendingPathComponent("Content/notes/a.md"))
        let second = BuildPipeline.build(options(project, output: output))
        #expect(second.hasErrors)
        #expect(try snapshot(output) == before)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
        #expect(siblings == ["_site"])
    }

    @Test func strictTurnsWarningsIntoFailure() throws {
        let project = try makeProject(["Content/site.yaml": "title: T\ncolour: blue\n"])
        var strict = options(project, output: temporaryOutput())
        #expect(!BuildPipeline.build(strict).hasErrors)
        strict.strict = true
        #expect(BuildPipeline.build(strict).hasErrors)
    }

    @Test func projectTemplatesOverrideTheTheme() throws {
        let project = try makeProject([
            "Content/site.yaml": "title: T\n",
            "Templates/pages/404.mustache": "{{<layouts.base}}{{$main}}<h1>Custom not found</h1>{{/main}}{{/layouts.base}}",
        ])
        let result = BuildPipeline.check(options(project))
        #expect(result.files.first { $0.path == "404.html" }?.contents.contains("Custom not found") == true)
    }

    @Test func anEmptyProjectStillBuildsPagesThatSayWhatToAdd() throws {
        let project = try makeProject(["Content/site.yaml": "title: Just started\n"])
        let result = BuildPipeline.check(options(project))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let report = try #require(result.files.first { $0.path == "report/index.html" })
        #expect(report.contents.contains("No deployment metadata yet"))
    }
}
