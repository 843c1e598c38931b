import Diagnostics
import Health
import Model
import Monitoring

/// Evaluates dashboard.yaml's panels against the series and the health report: the stage
/// between health and rendering (README, "Dashboard").
public struct DashboardEvaluator: Sendable {
    public let store: SeriesStore
    public let health: HealthReport

    public init(store: SeriesStore, health: HealthReport) {
        self.store = store
        self.health = health
    }

    /// - Returns: the data; an error at its YAML place for every panel query Handover cannot read,
    ///   and a warning for every panel or objective that reads a raw counter.
    public func evaluate(_ dashboard: Dashboard?, deployment: Deployment?) -> (DashboardData, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var data = DashboardData(uptime: uptime(maintenance: dashboard?.maintenance ?? []))
        let evaluator = QueryEvaluator(store: store)
        // The health report has each objective's series already; only the query's shape is needed.
        for result in health.objectives {
            let o = result.objective
            guard case .success(let query) = HealthEvaluator.parse(o.series, at: o.seriesLocation) else { continue }
            if let warning = Self.rawCounterWarning(query, result.series, text: o.series, at: o.seriesLocation, what: "objective `\(o.name)`") {
                diagnostics.append(warning)
            }
        }
        guard let dashboard else { return (data, diagnostics) }
        for panel in dashboard.panels {
            let location = panel.seriesLocation ?? SourceLocation(path: "Content/dashboard.yaml")
            let parsed = HealthEvaluator.parse(panel.series, at: location)
            let query = try? parsed.get()
            let series: [Series]
            if let answered = store.answers.answer(for: panel.series) {
                // Prometheus's own answer, when pulled: any PromQL, as Prometheus computed it.
                series = answered.filter { !$0.isEmpty }
            } else if let query {
                series = evaluator.evaluate(query).filter { !$0.isEmpty }
            } else {
                if case .failure(let diagnostic) = parsed { diagnostics.append(diagnostic) }
                continue
            }
            if let query, let warning = Self.rawCounterWarning(query, series, text: panel.series, at: location, what: "panel `\(panel.title)`") {
                diagnostics.append(warning)
            }
            data.panels.append(evaluate(panel, query: query, series: series, window: dashboard.window, deployment: deployment))
        }
        return (data, diagnostics)
    }

    /// Names that Prometheus and OpenMetrics give counters (and the counters of histograms and summaries).
    static func isCounterName(_ name: String) -> Bool {
        ["_total", "_count", "_sum", "_bucket"].contains { name.hasSuffix($0) }
    }

    /// A plain selector over counters: their value only grows with uptime, so a chart or an
    /// objective of it says nothing about now.
    static func rawCounterWarning(_ query: Query, _ series: [Series], text: String, at location: SourceLocation, what: String) -> Diagnostic? {
        guard case .selector = query, let counter = series.first(where: { isCounterName($0.name) })?.name else { return nil }
        return .warning(
            at: location, "\(what) reads the raw counter `\(counter)`, whose value only grows",
            hint: "use its rate, `rate(\(text)[5m])` (per second), or `increase(\(text)[1h])` (per hour)")
    }

    func evaluate(_ panel: Panel, query: Query?, series: [Series], window seconds: Int, deployment: Deployment?) -> PanelData {
        var data = PanelData(panel: panel, series: series)
        data.objective = panel.objective.flatMap { name in deployment?.objectives.first { $0.name == name } }
        data.objectiveHealth = data.objective.flatMap { o in health.objectives.first { $0.objective.name == o.name } }
        guard let newest = series.compactMap(\.timestamps.last).max() else { return data }
        let window = Int64(seconds) * 1000
        let start = newest - window
        data.window = start...newest

        // The tile: its series over the window, and the change against the window before.
        var reading = TileData.Reading.only
        var shown = series[0]
        if series.count > 1 {
            reading = .first(of: series.count)
            if let query, Self.addsUp(query), let sum = Self.sum(series) {
                reading = .sum(of: series.count)
                shown = sum
            }
        }
        var current: [Double] = [], previous: [Double] = []
        var latestTime: Int64?
        for (t, v) in zip(shown.timestamps, shown.values) where v.isFinite {
            if t > start {
                current.append(v)
                latestTime = t
            } else if t > start - window {
                previous.append(v)
            }
        }
        let change =
            current.isEmpty || previous.isEmpty
            ? nil : WindowChange(now: current.reduce(0, +) / Double(current.count), before: previous.reduce(0, +) / Double(previous.count))
        data.tile = TileData(reading: reading, current: current, latestTime: latestTime, change: change)
        return data
    }

    /// Rates and increases of several series add up to the whole (requests per second over all
    /// status codes); gauges and quantiles do not.
    static func addsUp(_ query: Query) -> Bool {
        switch query {
        case .rate, .increase: return true
        case .selector, .histogramQuantile: return false
        }
    }

    /// The series summed at the times every one of them has a value; nil when they share none.
    static func sum(_ series: [Series]) -> Series? {
        var totals: [Int64: (sum: Double, count: Int)] = [:]
        for s in series {
            for (t, v) in zip(s.timestamps, s.values) where v.isFinite {
                totals[t, default: (0, 0)].sum += v
                totals[t, default: (0, 0)].count += 1
            }
        }
        let times = totals.keys.filter { totals[$0]!.count == series.count }.sorted()
        guard !times.isEmpty else { return nil }
        return Series(name: "", timestamps: times, values: times.map { totals[$0]!.sum })
    }

    /// Daily availability for the first availability objective, up to the 90 newest days.
    func uptime(maintenance: [MaintenanceWindow]) -> UptimeData? {
        guard let result = health.objectives.first(where: { $0.availability != nil }), let target = result.objective.above else { return nil }
        var byDay: [Int64: (sum: Double, count: Double)] = [:]
        for s in result.series {
            for (t, v) in zip(s.timestamps, s.values) where v.isFinite {
                let day = t / 86_400_000
                byDay[day, default: (0, 0)].sum += v
                byDay[day, default: (0, 0)].count += 1
            }
        }
        guard let lastDay = byDay.keys.max(), let firstData = byDay.keys.min() else { return nil }
        var days: [UptimeData.Day] = []
        var total = 0.0, count = 0.0
        let windows = maintenance.filter { $0.applies(to: result.objective.component) }
        for day in max(firstData, lastDay - 89)...lastDay {
            let planned = windows.contains { $0.overlap(from: day * 86_400, to: (day + 1) * 86_400) > 0 }
            guard let d = byDay[day] else {
                days.append(.init(day: day, availability: nil, maintenance: planned))
                continue
            }
            total += d.sum
            count += d.count
            days.append(.init(day: day, availability: d.sum / d.count, maintenance: planned))
        }
        return UptimeData(objective: result.objective, target: target, days: days, overall: count > 0 ? total / count : nil)
    }
}
