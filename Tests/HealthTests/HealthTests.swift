import Diagnostics
@testable import Health
import Model
import Monitoring
import Testing

/// Health tables: each objective state of the README's "Health" table from hand-made series.
@Suite struct HealthTests {
    let hour: Int64 = 3_600_000

    func objective(
        below: Double? = nil, above: Double? = nil, warnBelow: Double? = nil,
        aggregate: Objective.Aggregate = .max, name: String = "latency", series: String = "lat"
    ) -> Objective {
        var o = Objective(
            component: "api", name: name, series: series,
            seriesLocation: SourceLocation(path: "Content/deployment.yaml", line: 3, column: 40),
            aggregate: aggregate, window: 86400)
        o.below = below
        o.above = above
        o.warnBelow = warnBelow
        return o
    }

    func deployment(_ objectives: [Objective]) -> Deployment {
        var d = Deployment(model: ModelInfo(name: "m", version: "1"))
        var env = Environment(name: "prod")
        env.endpoints = [Endpoint(name: "api", mode: .realtime)]
        d.environments = [env]
        d.objectives = objectives
        return d
    }

    func evaluate(_ values: [Double], _ o: Objective, name: String = "lat", buildAt: Int64? = nil) -> ObjectiveHealth {
        let series = Series(name: name, timestamps: values.indices.map { Int64($0) * hour }, values: values)
        let (report, _) = HealthEvaluator(
            store: SeriesStore([series]), staleAfterSeconds: 86400,
            buildTime: buildAt ?? Int64(values.count) * hour
        ).evaluate(deployment([o]))
        return report.components.first { $0.name == "api" }!.objectives[0]
    }

    @Test func met() {
        let r = evaluate([0.1, 0.2, 0.15], objective(below: 0.3))
        #expect(r.status == .operational)
        #expect(r.observed == 0.2)
    }

    @Test func warn() {
        #expect(evaluate([0.1, 0.27], objective(below: 0.3, warnBelow: 0.25)).status == .degraded)
    }

    @Test func breach() {
        let r = evaluate([0.1, 0.35], objective(below: 0.3))
        #expect(r.status == .outage)
        #expect(r.reason == .breached(observed: 0.35))
    }

    @Test func partialBreachIsDegraded() {
        let r = evaluate([0.1, 0.5, 0.1, 0.1], objective(below: 0.3, aggregate: .last))
        #expect(r.status == .degraded)
        #expect(r.breachedFraction == 0.25)
    }

    @Test func staleDataIsUnknown() {
        let r = evaluate([0.1, 0.1], objective(below: 0.3), buildAt: 100 * hour)
        #expect(r.status == .unknown)
        #expect(r.observed == 0.1)
        #expect(r.reason == .stale(newest: hour, age: 99 * 3600, staleAfter: 86400))
    }

    @Test func noDataIsUnknown() {
        let r = evaluate([0.1], objective(below: 0.3), name: "other")
        #expect(r.status == .unknown)
        #expect(r.reason == .noData)
    }

    @Test func windowEndsAtTheNewestSample() {
        // The breach 30 hours before the newest sample is outside the 24 h window.
        var values = [Double](repeating: 0.1, count: 31)
        values[0] = 0.9
        #expect(evaluate(values, objective(below: 0.3)).status == .operational)
    }

    @Test func availabilityAndErrorBudget() {
        let values = [Double](repeating: 1, count: 999) + [0]
        let series = Series(name: "up", labels: ["job": "x"], timestamps: values.indices.map { Int64($0) * 60_000 }, values: values)
        var o = objective(above: 0.995, aggregate: .avg, name: "availability", series: "up{job=\"x\"}")
        o.window = 7 * 86400
        let (report, _) = HealthEvaluator(store: SeriesStore([series]), staleAfterSeconds: 86400, buildTime: nil).evaluate(deployment([o]))
        let r = report.objectives[0]
        #expect(r.status == .operational)
        #expect(r.availability == 0.999)
        #expect(abs(r.errorBudgetLeft! - 0.8) < 1e-9)  // 0.1 % spent of a 0.5 % budget
    }

    @Test func worstComponentAndSite() {
        let ok = Series(name: "a", timestamps: [0, hour], values: [1, 1])
        let bad = Series(name: "b", timestamps: [0, hour], values: [9, 9])
        var o1 = objective(below: 5, series: "a"); o1.name = "one"
        var o2 = objective(below: 5, series: "b"); o2.name = "two"
        let (report, _) = HealthEvaluator(store: SeriesStore([ok, bad]), staleAfterSeconds: 86400, buildTime: hour).evaluate(deployment([o1, o2]))
        #expect(report.components.first { $0.name == "api" }?.status == .outage)
        #expect(report.status == .outage)
    }

    @Test func badSeriesIsAnErrorAtItsColumn() {
        let o = objective(below: 1, series: "sum(rate(x[5m]))")
        let (_, diagnostics) = HealthEvaluator(store: SeriesStore(), staleAfterSeconds: 60, buildTime: nil).evaluate(deployment([o]))
        #expect(diagnostics.first?.location.description == "Content/deployment.yaml:3:41")
        #expect(diagnostics.first?.message.contains("`sum` is not supported") == true)
    }
}

/// Planned maintenance: its samples are not judged, and how much of the window it covered is told.
@Suite struct MaintenanceTests {
    let hour: Int64 = 3_600_000

    func availability(window: MaintenanceWindow?) -> ObjectiveHealth {
        var o = Objective(
            component: "api", name: "availability", series: "up", seriesLocation: SourceLocation(path: "Content/deployment.yaml"),
            aggregate: .avg, window: 86400)
        o.above = 0.99
        // 24 hourly samples, down (0) in hours 10 and 11: the maintenance of 10:00 to 12:00.
        let values = (0..<24).map { $0 == 10 || $0 == 11 ? 0.0 : 1.0 }
        let series = Series(name: "up", timestamps: values.indices.map { Int64($0 + 1) * hour }, values: values)
        var d = Deployment(model: ModelInfo(name: "m", version: "1"))
        var env = Environment(name: "prod")
        env.endpoints = [Endpoint(name: "api", mode: .realtime), Endpoint(name: "other", mode: .realtime)]
        d.environments = [env]
        d.objectives = [o]
        let (report, _) = HealthEvaluator(
            store: SeriesStore([series]), staleAfterSeconds: 86400, buildTime: 25 * hour,
            maintenance: window.map { [$0] } ?? []
        ).evaluate(d)
        return report.components.first { $0.name == "api" }!.objectives[0]
    }

    func window(_ fromHour: Int64, _ toHour: Int64, components: [String] = []) -> MaintenanceWindow {
        var w = MaintenanceWindow(start: fromHour * 3600, end: toHour * 3600, location: SourceLocation(path: "Content/dashboard.yaml"))
        w.components = components
        return w
    }

    @Test func downtimeInsideAWindowIsNotCounted() throws {
        let unplanned = availability(window: nil)
        #expect(unplanned.status == .outage)
        #expect(abs(try #require(unplanned.availability) - 22.0 / 24) < 1e-9)
        let planned = availability(window: window(11, 13))
        #expect(planned.status == .operational, "\(planned.reason)")
        #expect(planned.availability == 1)
        #expect(planned.errorBudgetLeft == 1)
        #expect(planned.maintenanceSeconds == 7200)
        #expect(planned.maintenance.count == 1)
        #expect(planned.series[0].timestamps.count == 22)
    }

    @Test func aWindowForAnotherComponentChangesNothing() {
        let other = availability(window: window(11, 13, components: ["other"]))
        #expect(other.status == .outage && other.maintenanceSeconds == 0)
        let all = availability(window: window(11, 13))
        #expect(all.status == .operational)
    }

    @Test func overlappingWindowsCountOnce() {
        let a = window(11, 13), b = window(12, 14)
        #expect(HealthEvaluator.coveredSeconds([a, b], from: 0, to: 100 * 3600) == 3 * 3600)
        #expect(HealthEvaluator.coveredSeconds([a, b], from: 12 * 3600, to: 13 * 3600) == 3600)
    }
}
