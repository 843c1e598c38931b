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
        for prefix in [
            "Content/site.yaml:2:11", "Content/deployment.yaml:1:8", "Content/architecture.yaml:1:30",
            "Content/dashboard.yaml:1:9", "Content/lifecycle/modeling.md:2:9", "Content/incidents/x.md:",
        ] {
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

    @Test func anEmptyProjectStillBuildsPagesThatSayWhatIsMissing() throws {
        let project = try makeProject(["Content/site.yaml": "title: Just started\n"])
        let result = BuildPipeline.check(options(project))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let report = try #require(result.files.first { $0.path == "report/index.html" })
        #expect(report.contents.contains("No deployment details yet"))
    }
}

/// No input, however malformed, crashes or hangs a build: it ends with diagnostics.
@Suite struct RobustnessTests {
    static let hostile: [String: String] = [
        "Content/site.yaml": "title: [[[[[[[[[[[[\n",
        "Content/deployment.yaml": "model: &a { name: *a }\n",
        "Content/architecture.yaml": String(repeating: "- ", count: 5000) + "x\n",
        "Content/dashboard.yaml":
            "panels: [ { title: x, series: 'rate(x[0s])' }, { title: y, series: '{' }, { title: z, series: 'histogram_quantile(2, x)' } ]\n",
        "Content/lifecycle/modeling.md": "---\n---\n",
        "Content/lifecycle/deployment.md": "---\nstatus: done\n",
        "Content/notes/a.md": "\u{0}\u{1}\u{2}[x](\u{7f}) ![y](%zz) [z](#) [w](../../../../)",
        "Content/notes/a/index.md": "# collides with a.md\n",
        "Content/incidents/index.md": "---\ntitle: not an incident\n---\n",
        "Content/incidents/x.md": "---\ntitle: t\nstarted: 9999-12-31T23:59:59Z\nresolved: 0001-01-01\nimpact: none\n---\n",
        "Content/monitoring/a.json": "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[1e300,\"1\"]]}]}}",
        "Content/monitoring/b.csv": "time,a\n99999999999999999999,1\n,\n\"unterminated\n",
        "Content/monitoring/c.om": "# TYPE x histogram\nx_bucket{le=\"a\"} 1 1\n# EOF\n",
        "Content/monitoring/d.prom": "x{" + String(repeating: "a=\"b\",", count: 2000) + "} 1 1\n",
    ]

    @Test func hostileProjectEndsWithDiagnostics() throws {
        let project = try makeProject(Self.hostile)
        let output = temporaryOutput()
        let result = BuildPipeline.build(options(project, output: output))
        #expect(result.hasErrors)
        #expect(result.diagnostics.allSatisfy { !$0.location.path.isEmpty })
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func collidingPagesAreAnError() throws {
        let project = try makeProject(["Content/site.yaml": "title: T\n", "Content/notes/a.md": "A\n", "Content/notes/a/index.md": "B\n"])
        let result = BuildPipeline.check(options(project))
        #expect(result.diagnostics.contains { $0.message.contains("would both be written to notes/a/index.html") })
    }
}

@Suite struct InitTests {
    @Test func initThenBuildHasNoWarnings() throws {
        let project = try makeProject([:])
        let written = try ProjectInitializer.create(at: project)
        #expect(written.contains("Content/site.yaml"))
        #expect(written.filter { $0.hasPrefix("Content/lifecycle/") }.count == 5)
        let result = BuildPipeline.check(options(project))
        #expect(result.diagnostics.isEmpty, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        #expect(result.files.contains { $0.path == "lifecycle/customer-acceptance/index.html" })
    }

    /// Every starter builds cleanly: Korean built in; another language, the English starter with
    /// the English catalog to translate, so that nothing is missing until the team changes it.
    @Test(arguments: ["ko", "de-CH"])
    func initInALanguageThenBuildHasNoWarnings(language: String) throws {
        let project = try makeProject([:])
        let written = try ProjectInitializer.create(at: project, language: language)
        let site = try String(contentsOf: project.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
        #expect(site.contains("\nlanguage: \(language == "ko" ? "ko" : "de-CH") "))
        #expect(written.contains("Templates/i18n/de-CH.yaml") == (language == "de-CH"))
        let result = BuildPipeline.check(options(project))
        #expect(result.diagnostics.isEmpty, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        let home = try #require(result.files.first { $0.path == "index.html" }).contents
        #expect(home.contains("<html lang=\"\(language)\">"))
        #expect(home.contains(language == "ko" ? "수명 주기 진행 상황" : "Lifecycle progress"))
    }

    @Test func initRefusesToOverwrite() throws {
        let project = try makeProject(["Content/site.yaml": "title: Mine\n"])
        #expect(throws: ProjectInitializer.Refusal.self) { try ProjectInitializer.create(at: project) }
        #expect(try String(contentsOf: project.appendingPathComponent("Content/site.yaml"), encoding: .utf8) == "title: Mine\n")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("Content/deployment.yaml").path))
    }
}

/// Hostile monitoring data in an otherwise valid project: diagnostics, never a crash.
@Suite struct MonitoringRobustnessTests {
    @Test(arguments: [
        "a.json":
            #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up"},"values":[[1e300,"1"],[-1e300,"2"],[1,"1e308"],[2,"-1e308"]]}]}}"#,
        "b.prom": "up 1 99999999999999999\nup 1 -9223372036854775808\n",
        "c.om": "up 1 1e300\n# EOF\n",
        "d.csv": "time,up\n1e300,1\n99999999999999999999,1\n-5,1\n",
        "e.json":
            #"{"value":[{"name":{"value":"x"},"timeseries":[{"data":[{"timeStamp":"0000-01-01T00:00:00Z","average":1e308},{"timeStamp":"9999-12-31T23:59:59Z","maximum":-1e308}]}]}]}"#,
        "f.csv": "time,up\n1,1e308\n2,-1e308\n3,NaN\n4,+Inf\n",
    ])
    func extremeValuesNeverCrash(_ file: String, _ text: String) throws {
        let project = try makeProject([
            "Content/site.yaml": "title: T\n",
            "Content/deployment.yaml":
                "model: { name: m, version: '1' }\nenvironments: [ { name: p, endpoints: [ { name: api, mode: realtime } ] } ]\nobjectives: [ { component: api, name: up, series: 'up', above: 0.5, window: 1h } ]\n",
            "Content/dashboard.yaml": "panels: [ { title: Up, series: 'up' }, { title: R, series: 'rate(up[5m])' }, { title: X, series: 'x' } ]\n",
            "Content/monitoring/" + file: text,
        ])
        let result = BuildPipeline.check(options(project))
        #expect(result.files.contains { $0.path == "dashboard/index.html" } || result.hasErrors)
    }
}

/// Mutated YAML and front matter through the whole pipeline: diagnostics, never a crash.
@Suite struct PipelineFuzzTests {
    @Test func mutatedInputsNeverCrash() throws {
        let deployment = """
            model: { name: m, version: '1', metrics: [ { name: AUC, value: 0.8, objective: ">= 0.7" } ] }
            environments: [ { name: p, endpoints: [ { name: api, mode: realtime, url: "https://x.example" } ] } ]
            releases: [ { version: '1', date: 2026-01-01 } ]
            objectives: [ { component: api, name: up, series: 'up{job="a"}', above: 0.5, window: 1h } ]
            """
        let stage =
            "---\nstatus: done\nowners: [A]\nstarted: 2026-01-01\nartifacts: [ { name: R, link: report } ]\ndecision: { outcome: go }\n---\n## T\n[x](../notes/a.md#t)\n"
        var state: UInt64 = 99
        func random(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let alphabet = Array("{}[]:,'\"-#\n x9")
        func mutate(_ s: String) -> String {
            var chars = Array(s)
            for _ in 0..<(1 + random(4)) where !chars.isEmpty {
                let i = random(chars.count)
                switch random(3) {
                case 0: chars[i] = alphabet[random(alphabet.count)]
                case 1: chars.remove(at: i)
                default: chars.insert(alphabet[random(alphabet.count)], at: i)
                }
            }
            return String(chars)
        }
        for _ in 0..<40 {
            let project = try makeProject([
                "Content/site.yaml": mutate("title: T\nteam: [ { name: A, role: B } ]\n"),
                "Content/deployment.yaml": mutate(deployment),
                "Content/lifecycle/modeling.md": mutate(stage),
                "Content/notes/a.md": "## T\n",
            ])
            _ = BuildPipeline.check(options(project))
        }
    }
}
