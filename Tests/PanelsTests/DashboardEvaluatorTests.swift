import Diagnostics
import Health
import Model
import Monitoring
@testable import Panels
import Testing

/// The dashboard's numbers, evaluated before any page is rendered.
@Suite struct DashboardEvaluatorTests {
    let hour: Int64 = 3_600_000
    let day: Int64 = 86_400_000

    func panel(_ series: String, objective: String? = nil, line: Int = 4) -> Panel {
        var p = Panel(title: "Latency", series: series)
        p.seriesLocation = SourceLocation(path: "Content/dashboard.yaml", line: line, column: 13)
        p.objective = objective
        return p
    }

    func dashboard(_ panels: [Panel], window: Int = 86400) -> Dashboard {
        var d = Dashboard()
        d.window = window
        d.panels = panels
        return d
    }

    func evaluate(
        _ series: [Series], _ dashboard: Dashboard?, deployment: Deployment? = nil
    ) -> (DashboardData, [Diagnostic]) {
        let store = SeriesStore(series)
        let (health, _) = HealthEvaluator(store: store, staleAfterSeconds: 86400 * 365, buildTime: nil).evaluate(deployment)
        return DashboardEvaluator(store: store, health: health).evaluate(dashboard, deployment: deployment)
    }

    @Test func unreadableQueryIsAnErrorAtItsPlaceAndTheOtherPanelsStay() {
        let (data, diagnostics) = evaluate(
            [Series(name: "lat", timestamps: [0], values: [1])], dashboard([panel("rate(lat[5m]", line: 4), panel("lat", line: 7)]))
        #expect(data.panels.map(\.panel.series) == ["lat"])
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].severity == .error)
        #expect(diagnostics[0].location.path == "Content/dashboard.yaml")
        #expect(diagnostics[0].location.line == 4)
        #expect(diagnostics[0].location.column > 13)
    }

    @Test func aPanelWithoutDataHasNoWindowAndNoTile() {
        let (data, diagnostics) = evaluate([Series(name: "other", timestamps: [0], values: [1])], dashboard([panel("lat")]))
        #expect(diagnostics.isEmpty)
        #expect(data.panels.count == 1)
        #expect(data.panels[0].window == nil)
        #expect(data.panels[0].tile == nil)
    }

    @Test func tileReadsTheWindowAndComparesItWithTheOneBefore() {
        // 48 hourly samples: the day before averages 1, the last day averages 3.
        let times = (0..<48).map { Int64($0) * hour }
        let values = (0..<48).map { $0 < 24 ? 1.0 : 3.0 }
        let (data, _) = evaluate([Series(name: "lat", timestamps: times, values: values)], dashboard([panel("lat")], window: 86400))
        let p = data.panels[0]
        #expect(p.window == (47 * hour - day)...(47 * hour))
        // The window is (newest − 1 day, newest]: hours 24…47.
        #expect(p.tile?.current == Array(repeating: 3.0, count: 24))
        #expect(p.tile?.latest == 3)
        #expect(p.tile?.change == WindowChange(now: 3, before: 1))
        #expect(p.tile?.change?.isSteady == false)
    }

    @Test func noEarlierWindowMeansNoChange() {
        let (data, _) = evaluate([Series(name: "lat", timestamps: [0, hour], values: [1, .nan])], dashboard([panel("lat")]))
        #expect(data.panels[0].tile?.current == [1])
        #expect(data.panels[0].tile?.change == nil)
    }

    @Test func steadyIsWithinHalfAPercent() {
        #expect(WindowChange(now: 1.004, before: 1).isSteady)
        #expect(!WindowChange(now: 1.006, before: 1).isSteady)
        #expect(WindowChange(now: 0, before: 0).isSteady)
        #expect(WindowChange(now: 1, before: 0).relative == 1)
    }

    @Test func panelIsTiedToItsObjectiveAndItsJudgement() {
        var o = Objective(
            component: "api", name: "p95 latency", series: "lat",
            seriesLocation: SourceLocation(path: "Content/deployment.yaml", line: 9, column: 13), aggregate: .max, window: 86400)
        o.below = 2
        var deployment = Deployment(model: ModelInfo(name: "m", version: "1"))
        deployment.objectives = [o]
        let (data, _) = evaluate(
            [Series(name: "lat", timestamps: [0, hour], values: [1, 3])], dashboard([panel("lat", objective: "p95 latency")]),
            deployment: deployment)
        #expect(data.panels[0].objective?.name == "p95 latency")
        #expect(data.panels[0].objectiveHealth?.status == .outage)
    }

    @Test func uptimeDaysAverageTheAvailabilityObjectiveAndGradeAgainstItsTarget() {
        var o = Objective(
            component: "api", name: "availability", series: "up",
            seriesLocation: SourceLocation(path: "Content/deployment.yaml", line: 9, column: 13), aggregate: .avg, window: 3 * 86400)
        o.above = 0.99
        var deployment = Deployment(model: ModelInfo(name: "m", version: "1"))
        deployment.objectives = [o]
        // Day 0: all up; day 1: no samples; day 2: half up.
        let series = Series(name: "up", timestamps: [0, hour, 2 * day, 2 * day + hour], values: [1, 1, 1, 0])
        let (data, _) = evaluate([series], dashboard([]), deployment: deployment)
        let uptime = try! #require(data.uptime)
        #expect(uptime.days.map(\.day) == [0, 1, 2])
        #expect(uptime.days.map(\.availability) == [1, nil, 0.5])
        #expect(uptime.overall == 0.75)
        #expect(uptime.grade(1) == .ok)
        #expect(uptime.grade(0.95) == .warn)
        #expect(uptime.grade(0.5) == .bad)
    }

    @Test func noDashboardStillHasTheUptimeOfTheObjectives() {
        let (data, diagnostics) = evaluate([], nil)
        #expect(data.panels.isEmpty && data.uptime == nil && diagnostics.isEmpty)
    }
}

/// Tiles of panels with several series, raw counters, and legends.
@Suite struct PanelSeriesTests {
    let minute: Int64 = 60_000

    func run(_ series: [Series], _ query: String, deployment: Deployment? = nil) -> (DashboardData, [Diagnostic]) {
        var panel = Panel(title: "Requests", series: query)
        panel.seriesLocation = SourceLocation(path: "Content/dashboard.yaml", line: 5, column: 13)
        var dashboard = Dashboard()
        dashboard.window = 3600
        dashboard.panels = [panel]
        let store = SeriesStore(series)
        let (health, _) = HealthEvaluator(store: store, staleAfterSeconds: 86400, buildTime: nil).evaluate(deployment)
        return DashboardEvaluator(store: store, health: health).evaluate(dashboard, deployment: deployment)
    }

    func counter(_ code: String, perMinute: Double) -> Series {
        Series(
            name: "http_requests_total", labels: ["code": code], timestamps: (0..<30).map { Int64($0) * minute },
            values: (0..<30).map { Double($0) * perMinute })
    }

    @Test func ratesOfSeveralSeriesAddUp() throws {
        let (data, diagnostics) = run([counter("200", perMinute: 60), counter("500", perMinute: 6)], "rate(http_requests_total[5m])")
        #expect(diagnostics.isEmpty)
        let tile = try #require(data.panels[0].tile)
        #expect(tile.reading == .sum(of: 2))
        #expect(abs(tile.latest! - 1.1) < 1e-9, "1 + 0.1 requests per second")
    }

    @Test func gaugesDoNotAddUpAndTheTileSaysWhichItShows() throws {
        let a = Series(name: "cpu", labels: ["host": "a"], timestamps: [0, minute], values: [10, 20])
        let b = Series(name: "cpu", labels: ["host": "b"], timestamps: [0, minute], values: [50, 60])
        let (data, _) = run([a, b], "cpu")
        let tile = try #require(data.panels[0].tile)
        #expect(tile.reading == .first(of: 2))
        #expect(tile.latest == 20)
        #expect(tile.latestTime == minute)
    }

    @Test func aRawCounterIsAWarningAtItsPlace() throws {
        let (_, diagnostics) = run([counter("200", perMinute: 60)], "http_requests_total")
        let warning = try #require(diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.location.line == 5)
        #expect(warning.message.contains("raw counter `http_requests_total`"))
        #expect(warning.hint?.contains("rate(http_requests_total[5m])") == true)
        // The same counter behind rate() is what it should be.
        #expect(run([counter("200", perMinute: 60)], "rate(http_requests_total[5m])").1.isEmpty)
    }

    @Test func anObjectiveOnARawCounterIsAWarningToo() throws {
        let objective = Objective(
            component: "api", name: "requests", series: "http_requests_total",
            seriesLocation: SourceLocation(path: "Content/deployment.yaml", line: 40, column: 20), aggregate: .avg, window: 3600)
        var deployment = Deployment(model: ModelInfo(name: "m", version: "1"))
        deployment.objectives = [objective]
        let (_, diagnostics) = run([counter("200", perMinute: 60)], "rate(http_requests_total[5m])", deployment: deployment)
        #expect(diagnostics.map(\.location.path) == ["Content/deployment.yaml"])
        #expect(diagnostics.first?.message.contains("objective `requests`") == true)
    }

    @Test func legendsShowWhatTellsTheSeriesApartOnce() {
        let panel = Panel(title: "Requests", series: "x")
        let a = Series(name: "", labels: ["endpoint": "score", "code": "200"])
        let b = Series(name: "", labels: ["endpoint": "score", "code": "500"])
        #expect(SeriesLegend.labels([a, b], panel: panel) == ["code=200", "code=500"])
        #expect(SeriesLegend.labels([a], panel: panel) == ["Requests"], "one series: the panel's title, not {endpoint=\"score\"}")
        // The same labels from two files: numbered, not listed twice alike.
        #expect(SeriesLegend.labels([a, a], panel: panel) == ["Requests (1)", "Requests (2)"])
        var templated = panel
        templated.legend = "{{endpoint}} {{ code }}"
        #expect(SeriesLegend.labels([a, b], panel: templated) == ["score 200", "score 500"])
        #expect(SeriesLegend.expand("{{__name__}} on {{host}}", Series(name: "up", labels: ["host": "a"])) == "up on a")
    }
}
