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

    /// - Returns: the data, and an error at its YAML place for every panel query Handover cannot read.
    public func evaluate(_ dashboard: Dashboard?, deployment: Deployment?) -> (DashboardData, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var data = DashboardData(uptime: uptime())
        guard let dashboard else { return (data, diagnostics) }
        let evaluator = QueryEvaluator(store: store)
        for panel in dashboard.panels {
            switch HealthEvaluator.parse(panel.series, at: panel.seriesLocation ?? SourceLocation(path: "Content/dashboard.yaml")) {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            case .success(let query):
                data.panels.append(
                    evaluate(panel, series: evaluator.evaluate(query).filter { !$0.isEmpty }, window: dashboard.window, deployment: deployment))
            }
        }
        return (data, diagnostics)
    }

    func evaluate(_ panel: Panel, series: [Series], window seconds: Int, deployment: Deployment?) -> PanelData {
        var data = PanelData(panel: panel, series: series)
        data.objective = panel.objective.flatMap { name in deployment?.objectives.first { $0.name == name } }
        data.objectiveHealth = data.objective.flatMap { o in health.objectives.first { $0.objective.name == o.name } }
        guard let newest = series.compactMap(\.timestamps.last).max() else { return data }
        let window = Int64(seconds) * 1000
        let start = newest - window
        data.window = start...newest

        // The tile: the first series over the window, and its change against the window before.
        let first = series[0]
        var current: [Double] = [], previous: [Double] = []
        for (t, v) in zip(first.timestamps, first.values) where v.isFinite {
            if t > start {
                current.append(v)
            } else if t > start - window {
                previous.append(v)
            }
        }
        let change =
            current.isEmpty || previous.isEmpty
            ? nil : WindowChange(now: current.reduce(0, +) / Double(current.count), before: previous.reduce(0, +) / Double(previous.count))
        data.tile = TileData(current: current, change: change)
        return data
    }

    /// Daily availability for the first availability objective, up to the 90 newest days.
    func uptime() -> UptimeData? {
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
        for day in max(firstData, lastDay - 89)...lastDay {
            guard let d = byDay[day] else {
                days.append(.init(day: day, availability: nil))
                continue
            }
            total += d.sum
            count += d.count
            days.append(.init(day: day, availability: d.sum / d.count))
        }
        return UptimeData(objective: result.objective, target: target, days: days, overall: count > 0 ? total / count : nil)
    }
}
