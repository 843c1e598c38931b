import Build
import Foundation
import Testing

/// Planned maintenance on the dashboard: announced while under way or to come, marked on the
/// uptime strip, listed when recent, left out of the figures, and written to status.json.
@Suite struct MaintenancePageTests {
    func file(_ result: BuildPipeline.Result, _ path: String) -> String { result.files.first { $0.path == path }?.contents ?? "" }

    @Test func theExampleShowsItsPastAndUpcomingWindows() throws {
        let result = BuildPipeline.check(options(repositoryRoot))
        #expect(!result.hasErrors)
        let dashboard = file(result, "dashboard/index.html")
        let banner = try #require(dashboard.range(of: "<section class=\"maintenance-banner\""))
        let components = try #require(dashboard.range(of: "<h2 id=\"components\">"))
        #expect(banner.lowerBound < components.lowerBound, "the banner comes first")
        #expect(dashboard.contains("<strong>Scheduled</strong>\n<time datetime=\"2026-11-28T01:00:00Z\">2026-11-28 01:00 UTC</time>"))
        #expect(dashboard.contains("· score-realtime, nightly-rescore: Move to the new Azure ML workspace"))
        #expect(dashboard.contains("<h3 id=\"maintenance-done\">Recent planned maintenance</h3>"))
        #expect(dashboard.contains("<strong>Done</strong>\n<time datetime=\"2026-11-21T02:00:00Z\">"))
        #expect(dashboard.contains("day day-ok day-planned\" title=\"2026-11-21: "))
        // The customer's sentence and the table agree, and say what was left out.
        #expect(
            dashboard.contains(
                "99.80% available over 7 days, objective &gt; 99.50% — <strong>met</strong>, planned maintenance of 1 hour left out."))
        #expect(dashboard.contains("1 hour of planned maintenance left out"))
        let status = file(result, "status.json")
        #expect(
            status.contains(
                #"{"start":"2026-11-28T01:00:00Z","end":"2026-11-28T03:00:00Z","state":"upcoming","components":["score-realtime","nightly-rescore"]"#))
        #expect(status.contains(#""state":"past""#))
        #expect(status.contains(#""maintenance_seconds":3600"#))
    }

    @Test func aWindowUnderWayIsAnnouncedOnItsComponent() throws {
        let project = try makeProject([
            "Content/site.yaml": "title: Now\n",
            "Content/deployment.yaml": """
            model: { name: m, version: '1' }
            environments: [ { name: p, endpoints: [ { name: api, mode: realtime } ] } ]
            objectives: [ { component: api, name: availability, series: 'up', above: 0.99, window: 24h } ]
            """,
            "Content/dashboard.yaml": """
            maintenance:
              - { start: 2026-11-25T23:00:00Z, duration: 2h, reason: "Failover <test> & drill" }
            """,
            // Down for the last hour: inside the window, so not judged.
            "Content/monitoring/up.csv": "time,up\n2026-11-25T21:00:00Z,1\n2026-11-25T22:00:00Z,1\n2026-11-25T23:00:00Z,0\n2026-11-25T23:30:00Z,0\n",
        ])
        let result = BuildPipeline.check(options(project))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let dashboard = file(result, "dashboard/index.html")
        #expect(dashboard.contains("<strong>Under way</strong>"))
        #expect(dashboard.contains("· every component: Failover &lt;test&gt; &amp; drill"))
        #expect(dashboard.contains("<p class=\"maintenance-note\"><strong>Under way</strong>"))
        #expect(dashboard.contains("100% available over 24 hours, objective &gt; 99% — <strong>met</strong>"), "downtime in the window is not judged")
        #expect(file(result, "status.json").contains(#""state":"current""#))
    }
}
