import Build
import Foundation
import Testing

/// An incident's `updates:`: a timeline on its page, the latest on the dashboard while it is
/// open, and every update in the feed, whose entry is as new as the newest update.
@Suite struct IncidentUpdateTests {
    func file(_ result: BuildPipeline.Result, _ path: String) -> String { result.files.first { $0.path == path }?.contents ?? "" }

    @Test func theExampleIncidentShowsItsTimeline() throws {
        let result = BuildPipeline.check(options(repositoryRoot))
        let page = file(result, "incidents/2026-11-25-nightly-rescore-late/index.html")
        #expect(page.contains("<h2 id=\"updates\">Updates</h2>"))
        #expect(page.components(separatedBy: "<li class=\"timeline-item update-").count - 1 == 4)
        let investigating = try #require(page.range(of: "Investigating"))
        let resolved = try #require(page.range(of: "<strong class=\"update-status\">Resolved</strong>"))
        #expect(investigating.lowerBound < resolved.lowerBound)
        // A resolved incident is not on the dashboard's active list.
        #expect(!file(result, "dashboard/index.html").contains("incident-latest"))
        let feed = file(result, "feed.xml")
        #expect(feed.contains("2026-11-25 02:40 UTC (Identified): The weather feed delivered an empty file for one region."))
    }

    @Test func anOpenIncidentShowsItsLatestUpdateOnTheDashboard() throws {
        let project = try makeProject([
            "Content/site.yaml": "title: Open\n",
            "Content/deployment.yaml": "model: { name: m, version: '1' }\nenvironments: [ { name: p, endpoints: [ { name: api, mode: realtime } ] } ]\n",
            "Content/incidents/open.md": """
            ---
            title: Errors on <api>
            started: 2026-11-25T10:00:00Z
            impact: major
            components: [api]
            updates:
              - { at: 2026-11-25T10:20:00Z, status: identified, text: "A bad <script>alert(1)</script> release & rollback" }
              - { at: 2026-11-25T10:05:00Z, status: investigating, text: Looking. }
            ---
            Body.
            """,
        ])
        let result = BuildPipeline.check(options(project))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let dashboard = file(result, "dashboard/index.html")
        #expect(
            dashboard.contains(
                "Latest update, <time datetime=\"2026-11-25T10:20:00Z\">2026-11-25 10:20 UTC</time> · <strong>Identified</strong>: A bad &lt;script&gt;alert(1)&lt;/script&gt; release &amp; rollback"
            ))
        #expect(!dashboard.contains("<script>alert"))
        let feed = file(result, "feed.xml")
        #expect(feed.contains("<updated>2026-11-25T10:20:00Z</updated>"))
        #expect(!feed.contains("<script>alert"))
    }
}
