import Basics
import Diagnostics
import Model
import Monitoring

/// Evaluates every objective over its window ending at the newest sample (README, "Health").
public struct HealthEvaluator: Sendable {
    public let store: SeriesStore
    public let staleAfterSeconds: Int
    /// Milliseconds; data older than `staleAfter` at this time is unknown.
    public let buildTime: Int64?
    /// Planned maintenance (`dashboard.yaml`): its samples are not judged.
    public let maintenance: [MaintenanceWindow]

    public init(store: SeriesStore, staleAfterSeconds: Int, buildTime: Int64?, maintenance: [MaintenanceWindow] = []) {
        self.store = store
        self.staleAfterSeconds = staleAfterSeconds
        self.buildTime = buildTime
        self.maintenance = maintenance
    }

    /// Seconds of `from..<to` inside any of the windows (overlapping windows counted once).
    static func coveredSeconds(_ windows: [MaintenanceWindow], from: Int64, to: Int64) -> Int64 {
        var total: Int64 = 0
        var reached = from
        for w in windows.sorted(by: { $0.start < $1.start }) {
            let start = max(w.start, reached), end = min(w.end, to)
            if end > start {
                total += end - start
                reached = end
            }
        }
        return total
    }

    /// The series without the samples inside the windows: what planned downtime does not count against.
    static func excluding(_ windows: [MaintenanceWindow], from series: [Series]) -> [Series] {
        guard !windows.isEmpty else { return series }
        return series.map { s in
            var kept = s
            kept.timestamps = []
            kept.values = []
            for (t, v) in zip(s.timestamps, s.values) where !windows.contains(where: { $0.contains(milliseconds: t) }) {
                kept.timestamps.append(t)
                kept.values.append(v)
            }
            return kept
        }
    }

    /// - Returns: the report, and an error for every series that is not a query Handover reads.
    public func evaluate(_ deployment: Deployment?) -> (HealthReport, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var components: [ComponentHealth] = []
        let objectives = deployment?.objectives ?? []
        var names = deployment?.componentNames ?? []
        for o in objectives where !names.contains(o.component) { names.append(o.component) }
        let evaluator = QueryEvaluator(store: store)
        for name in names {
            var results: [ObjectiveHealth] = []
            for objective in objectives where objective.component == name {
                // Prometheus's own answer, when pulled, is what the expression means.
                if let answered = store.answers.answer(for: objective.series) {
                    results.append(evaluate(objective, series: answered))
                    continue
                }
                switch Self.parse(objective.series, at: objective.seriesLocation) {
                case .failure(let diagnostic):
                    diagnostics.append(diagnostic)
                    results.append(ObjectiveHealth(objective: objective, status: .unknown, reason: .unreadable, series: []))
                case .success(let query):
                    results.append(evaluate(objective, series: evaluator.evaluate(query)))
                }
            }
            // A component without objectives has nothing to be judged by: unknown only if none has any.
            let status = results.map(\.status).max() ?? .unknown
            components.append(ComponentHealth(name: name, status: status, objectives: results))
        }
        let judged = components.filter { !$0.objectives.isEmpty }
        let overall = judged.map(\.status).max() ?? .unknown
        let report = HealthReport(
            status: overall, components: components, asOf: store.newestTimestamp,
            buildTime: buildTime, staleAfterSeconds: staleAfterSeconds)
        return (report, diagnostics)
    }

    /// Parses a series from the YAML, reporting an error at its column in the file.
    public static func parse(_ text: String, at location: SourceLocation) -> Result<Query, Diagnostic> {
        do {
            return .success(try SelectorParser.parse(text))
        } catch {
            // The scalar starts after its quote when quoted: near enough for a click in an editor.
            var place = location
            place.column += error.column
            return .failure(
                .error(
                    at: place, "series `\(text)`: \(error.message)",
                    hint:
                        "write a PromQL selector such as up{job=\"scoring\"}, or rate(x_total[5m]) or histogram_quantile(0.95, rate(x_bucket[5m])); any other PromQL works once `handover pull prometheus --from-dashboard` has pulled Prometheus's answer to it"
                ))
        }
    }

    func evaluate(_ objective: Objective, series measured: [Series]) -> ObjectiveHealth {
        let windows = maintenance.filter { $0.applies(to: objective.component) }
        let series = Self.excluding(windows, from: measured)
        let withData = series.filter { !$0.isEmpty }
        guard let newest = withData.compactMap(\.timestamps.last).max() else {
            return ObjectiveHealth(objective: objective, status: .unknown, reason: .noData, series: series)
        }
        let windowStart = newest - Int64(objective.window) * 1000
        var values: [Double] = []
        var lasts: [Double] = []
        for s in withData {
            var last: Double?
            for (t, v) in zip(s.timestamps, s.values) where t > windowStart && t <= newest && !v.isNaN {
                values.append(v)
                last = v
            }
            if let last { lasts.append(last) }
        }
        var result = ObjectiveHealth(objective: objective, status: .unknown, asOf: newest, reason: .none, series: series)
        // Maintenance up to the newest sample counts; a window still going on counts to its end.
        let (from, to) = (windowStart / 1000, max(newest / 1000, (buildTime ?? newest) / 1000))
        result.maintenance = windows.filter { $0.overlap(from: from, to: to) > 0 }
        result.maintenanceSeconds = Self.coveredSeconds(result.maintenance, from: from, to: newest / 1000)
        guard !values.isEmpty else {
            result.reason = .noSamples(window: objective.window)
            return result
        }
        let observed = Self.aggregate(objective.aggregate, values, lasts: lasts)
        result.observed = observed
        let breaching = values.filter { breaches($0, objective) }.count
        result.breachedFraction = Double(breaching) / Double(values.count)
        let isAvailability = Self.isAvailability(objective)
        if isAvailability, let target = objective.above {
            result.availability = observed
            result.errorBudgetLeft = 1 - (1 - observed) / (1 - target)
        } else if objective.name.lowercased().contains("error"), let target = objective.below, target > 0 {
            result.errorBudgetLeft = 1 - observed / target
        }

        if let buildTime, buildTime - newest > Int64(staleAfterSeconds) * 1000 {
            result.status = .unknown
            result.reason = .stale(newest: newest, age: (buildTime - newest) / 1000, staleAfter: staleAfterSeconds)
        } else if breaches(observed, objective) {
            result.status = .outage
            result.reason = .breached(observed: observed)
        } else if warns(observed, objective) {
            result.status = .degraded
            result.reason = .warning
        } else if breaching > 0, !isAvailability, objective.aggregate == .avg || objective.aggregate == .last {
            result.status = .degraded
            result.reason = .partlyBreached(fraction: result.breachedFraction!)
        } else {
            result.status = .operational
            result.reason = .met
        }
        return result
    }

    func breaches(_ v: Double, _ o: Objective) -> Bool {
        if let below = o.below, !(v < below) { return true }
        if let above = o.above, !(v > above) { return true }
        return false
    }

    func warns(_ v: Double, _ o: Objective) -> Bool {
        if let warn = o.warnBelow, !(v < warn) { return true }
        if let warn = o.warnAbove, !(v > warn) { return true }
        return false
    }

    /// An objective on the share of time up: `above` a target under 1, named for availability or
    /// reading `up{…}`. Its values are fractions, shown as percentages.
    public static func isAvailability(_ objective: Objective) -> Bool {
        guard let target = objective.above, target < 1 else { return false }
        return objective.name.lowercased().contains("availab") || isUpSeries(objective.series)
    }

    static func isUpSeries(_ series: String) -> Bool {
        series.hasPrefix("up{") || series == "up" || series.hasPrefix("up ")
    }

    static func aggregate(_ kind: Objective.Aggregate, _ values: [Double], lasts: [Double]) -> Double {
        switch kind {
        case .avg: return values.reduce(0, +) / Double(values.count)
        case .min: return values.min()!
        case .max: return values.max()!
        case .sum: return values.reduce(0, +)
        case .last: return lasts.isEmpty ? values.last! : lasts.reduce(0, +) / Double(lasts.count)
        case .p50: return percentile(values, 0.50)
        case .p90: return percentile(values, 0.90)
        case .p95: return percentile(values, 0.95)
        case .p99: return percentile(values, 0.99)
        }
    }

    /// Linear interpolation between closest ranks.
    static func percentile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = Int(position.rounded(.up))
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
