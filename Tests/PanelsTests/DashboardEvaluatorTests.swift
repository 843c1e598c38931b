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
