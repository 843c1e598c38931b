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
        for page in [
            "index.html", "dashboard/index.html", "report/index.html", "architecture/index.html",
            "lifecycle/index.html", "lifecycle/business-understanding/index.html",
            "lifecycle/data-acquisition-and-understanding/index.html", "lifecycle/modeling/index.html",
            "lifecycle/deployment/index.html", "lifecycle/customer-acceptance/index.html",
            "notes/index.html", "notes/data/index.html", "notes/data/sources/index.html",
            "incidents/index.html", "incidents/2026-11-25-nightly-rescore-late/index.html",
            "404.html", "sitemap.xml", "assets/handover.css", "assets/rollout.svg",
        ] {
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
        // The handover document (print/index.html) is several documents, each opening with its h1.
        for file in result.files where file.path.hasSuffix(".html") && file.path != "print/index.html" {
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

@Suite struct SearchAndFeedTests {
    @Test func searchIndexHoldsPagesSectionsAndNames() throws {
        let result = BuildPipeline.check(options(repositoryRoot))
        let indexScript = try #require(result.files.first { $0.path == "search-index.js" }).contents
        // `window.handoverSearchIndex = {…};`: the object is JSON.
        #expect(indexScript.hasPrefix("window.handoverSearchIndex = {") && indexScript.hasSuffix("};\n"))
        let json = indexScript.dropFirst("window.handoverSearchIndex = ".count).dropLast(2)
        let index = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let pages = try #require(index["pages"] as? [[String: Any]])
        let runbook = try #require(pages.first { $0["u"] as? String == "notes/operations/runbook/index.html" })
        #expect(runbook["t"] as? String == "Runbook")
        let sections = try #require(runbook["s"] as? [[String]])
        #expect(sections.contains { $0[0] == "rerun-the-feature-pipeline" && $0[2].contains("az ml job create") })
        let architecture = try #require(pages.first { $0["u"] as? String == "architecture/index.html" })
        #expect("\(architecture["s"] ?? "")".contains("Feature store"))
        #expect(!pages.contains { $0["u"] as? String == "404.html" })
        let script = try #require(result.files.first { $0.path == "search-index.js" })
        #expect(script.contents.hasPrefix("window.handoverSearchIndex = {"))
    }

    @Test func feedListsReleasesAndIncidentsWithAbsoluteLinks() throws {
        let result = BuildPipeline.check(options(repositoryRoot))
        let feed = try #require(result.files.first { $0.path == "feed.xml" }).contents
        #expect(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
        #expect(feed.contains("<title>Release delay-risk 2.1.0</title>"))
        #expect(feed.contains("<title>Nightly rescoring finished five and a half hours late</title>"))
        #expect(feed.contains("href=\"https://docs.northwind.example/delay-risk/incidents/2026-11-25-nightly-rescore-late/index.html\""))
        // Newest first: the incident of 2026-11-25 before the release of 2026-11-02.
        let incident = try #require(feed.range(of: "Nightly rescoring"))
        let release = try #require(feed.range(of: "Release delay-risk 2.1.0"))
        #expect(incident.lowerBound < release.lowerBound)
    }
}

@Suite struct ExampleHealthTests {
    @Test func statusJSONTellsTheStory() throws {
        let result = BuildPipeline.check(options(repositoryRoot))
        let text = try #require(result.files.first { $0.path == "status.json" }).contents
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "degraded")
        #expect(json["as_of"] as? String == "2026-11-25T23:30:00Z")
        let components = try #require(json["components"] as? [[String: Any]])
        func status(_ name: String) -> String? { components.first { $0["name"] as? String == name }?["status"] as? String }
        #expect(status("score-realtime") == "operational")
        #expect(status("nightly-rescore") == "degraded")
        #expect(status("feature-pipeline") == "operational")
        let badge = try #require(result.files.first { $0.path == "badge.svg" }).contents
        #expect(badge.contains("aria-label=\"status: degraded\""))
        let dashboard = try #require(result.files.first { $0.path == "dashboard/index.html" }).contents
        #expect(dashboard.utf8.count < 250_000, "the example dashboard weighs \(dashboard.utf8.count) bytes")
        #expect(dashboard.contains("breached for part of the window"))
        #expect(dashboard.components(separatedBy: "<div class=\"chart-wide\">").count - 1 == 8)
        #expect(dashboard.components(separatedBy: "<div class=\"chart-narrow\">").count - 1 == 8)
    }

    @Test func hostileLabelsAreEscapedInPagesAndJSON() throws {
        let project = try makeProject([
            "Content/site.yaml": "title: T\n",
            "Content/deployment.yaml": """
            model: { name: m, version: '1' }
            environments: [ { name: p, endpoints: [ { name: api, mode: realtime } ] } ]
            objectives: [ { component: api, name: "<script>o</script>", series: 'up{job=~".+"}', above: 0.5, window: 1h } ]
            """,
            "Content/dashboard.yaml": "panels: [ { title: Up, series: 'up' } ]\n",
            "Content/monitoring/up.json":
                #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"<script>alert(1)</script>\"'"},"values":[[1795651000,"1"],[1795651200,"1"]]}]}}"#,
        ])
        let result = BuildPipeline.check(options(project))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        for file in result.files {
            #expect(!file.contents.contains("<script>alert"), "\(file.path)")
            #expect(!file.contents.contains("<script>o"), "\(file.path)")
        }
        let status = try #require(result.files.first { $0.path == "status.json" }).contents
        #expect((try? JSONSerialization.jsonObject(with: Data(status.utf8))) != nil)
    }

    @Test func aBadSnapshotIsAnErrorNamingTheFile() throws {
        let project = try makeProject([
            "Content/site.yaml": "title: T\n",
            "Content/monitoring/error.json": #"{"status":"error","errorType":"timeout","error":"query timed out"}"#,
            "Content/monitoring/scrape.txt": "up{job=\"a\" 1 1000\n",
        ])
        let result = BuildPipeline.build(options(project, output: temporaryOutput()))
        let errors = result.diagnostics.map { "\($0.location): \($0.message)" }
        #expect(errors.contains("Content/monitoring/error.json: Prometheus returned an error (timeout): query timed out"))
        #expect(errors.contains { $0.hasPrefix("Content/monitoring/scrape.txt:1:") })
    }
}

@Suite struct MonitoredSeriesTests {
    @Test func fromDashboardPullsEveryObjectiveAndPanelSeriesOnce() {
        let (series, errors) = BuildPipeline.monitoredSeries(projectURL: repositoryRoot)
        #expect(errors.isEmpty)
        #expect(series.first == #"histogram_quantile(0.95, rate(scoring_request_duration_seconds_bucket{endpoint="score-realtime"}[30m]))"#)
        #expect(series.contains("rate(scoring_requests_total[30m])"))
        #expect(Set(series).count == series.count)
        #expect(series.count == 10)
        #expect(!series.contains { $0.contains("evidently_") }, "Evidently's series come from its reports")
    }
}

/// Empty pages speak to the reader; only the preview (`serve`) tells the author which file to write.
@Suite struct EmptyPageTests {
    static let customerPages = [
        "index.html", "dashboard/index.html", "report/index.html", "architecture/index.html", "api/index.html",
        "incidents/index.html", "lifecycle/modeling/index.html",
    ]

    @Test func aPublishedEmptyProjectNamesNoSourceFile() throws {
        let project = try makeProject(["Content/site.yaml": "title: Empty\n"])
        let result = BuildPipeline.check(options(project))
        #expect(!result.hasErrors)
        for path in Self.customerPages {
            let file = try #require(result.files.first { $0.path == path }, "\(path)")
            let html = file.contents
            for word in ["Content/", ".yaml", ".md<", "For the author"] {
                #expect(!html.contains(word), "\(path) shows \(word)")
            }
        }
        let dashboard = try #require(result.files.first { $0.path == "dashboard/index.html" })
        #expect(dashboard.contents.contains("No monitored component has been described"))
    }

    @Test func thePublishedExampleNamesNoSourceFile() throws {
        let result = BuildPipeline.check(options(repositoryRoot))
        let imported = [
            "azureml/score-realtime-deployment.yml", "models/delay-risk/MLmodel", "models/delay-risk/model-card.json",
            "api/score-swagger.json", "architecture.yaml", "deployment.yaml", "Content/",
        ]
        for path in ["report/index.html", "api/index.html", "architecture/index.html", "dashboard/index.html", "index.html"] {
            let html = try #require(result.files.first { $0.path == path }).contents
            for name in imported { #expect(!html.contains(name), "\(path) names \(name)") }
        }
        var preview = options(repositoryRoot)
        preview.authorHints = true
        let report = try #require(BuildPipeline.check(preview).files.first { $0.path == "report/index.html" }).contents
        #expect(report.contains("<code>Content/azureml/score-realtime-deployment.yml</code>"))
    }

    @Test func thePreviewTellsTheAuthorWhichFileToWrite() throws {
        let project = try makeProject(["Content/site.yaml": "title: Empty\n"])
        var preview = options(project)
        preview.authorHints = true
        let result = BuildPipeline.check(preview)
        let expected = [
            "dashboard/index.html": "Content/deployment.yaml", "architecture/index.html": "Content/architecture.yaml",
            "incidents/index.html": "Content/incidents/", "lifecycle/modeling/index.html": "Content/lifecycle/modeling.md",
            "index.html": "Content/site.yaml",
        ]
        for (path, source) in expected {
            let file = try #require(result.files.first { $0.path == path }, "\(path)")
            let html = file.contents
            #expect(html.contains("<code>\(source)</code>"), "\(path) should name \(source)")
        }
    }
}

/// Documents written as GitHub and TDSP write them (`# Title` first, no front matter): one `h1`
/// a page, whatever the page.
@Suite struct OneTitlePerPageTests {
    @Test func everyPageHasExactlyOneH1() throws {
        let project = try makeProject([
            "Content/site.yaml": "title: T\n",
            "Content/notes/Project/Charter.md": "# Project Charter\n\n## Business background\n\nText.\n",
            "Content/notes/Project/Exit Report.md": "# Exit Report of Project X\n\n# Overview\n\nTwo top headings.\n",
            "Content/lifecycle/modeling.md": "---\nstatus: done\n---\n# Modeling\n\n## Approach\n\nText.\n",
            "Content/lifecycle/deployment.md": "---\nstatus: done\n---\n# How we deployed\n\nText.\n",
            "Content/report/notes.md": "# Caveats\n\n## Data\n\nText.\n",
            "Content/architecture/security.md": "# Security\n\nText.\n",
            "Content/incidents/x.md": "---\ntitle: Outage\nstarted: 2026-11-01T00:00:00Z\nimpact: minor\n---\n# Outage\n\nText.\n",
        ])
        let result = BuildPipeline.check(options(project))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        // The handover document (print/index.html) is several documents, each opening with its h1.
        for file in result.files where file.path.hasSuffix(".html") && file.path != "print/index.html" {
            let count = file.contents.components(separatedBy: "<h1").count - 1
            #expect(count == 1, "\(file.path) has \(count) h1")
        }
        let charter = try #require(result.files.first { $0.path == "notes/Project/Charter/index.html" }).contents
        #expect(charter.contains("<h1>Project Charter</h1>") && charter.contains("<h2 id=\"business-background\">"))
    }
}
