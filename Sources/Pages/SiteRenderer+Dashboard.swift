import Charts
import Health
import Model
import Monitoring
import SiteGraph

extension SiteRenderer {
    /// "All systems operational · as of 2026-11-24 22:27 UTC (data 12 min old at build)".
    var healthSummary: String {
        guard let health = monitoring?.health, let asOf = health.asOf else {
            return "No monitoring data: add snapshots to Content/monitoring/ to evaluate the objectives."
        }
        var text: String
        switch health.status {
        case .operational: text = "All objectives met"
        case .degraded: text = "Degraded: " + worstReasons(health, .degraded)
        case .outage: text = "Outage: " + worstReasons(health, .outage)
        case .unknown: text = "Health unknown: " + worstReasons(health, .unknown)
        }
        text += " · as of \(Scale.fullTime(asOf))"
        if let age = health.dataAgeSeconds { text += " (data \(ageText(age)) old at build time)" }
        return text
    }

    func worstReasons(_ health: HealthReport, _ status: HealthStatus) -> String {
        let names = health.objectives.filter { $0.status == status }.map { "\($0.objective.component) \($0.objective.name)" }
        return names.isEmpty ? "no objective could be evaluated" : names.joined(separator: ", ")
    }

    func ageText(_ seconds: Int64) -> String {
        if seconds < 60 { return "less than a minute" }
        if seconds < 3600 { return "\(seconds / 60) min" }
        if seconds < 172_800 { return "\(seconds / 3600) h \((seconds % 3600) / 60) min" }
        return "\(seconds / 86400) days"
    }

    func unit(forObjective name: String) -> String {
        model.dashboard?.panels.first { $0.objective == name }?.unit ?? ""
    }

    func percentText(_ fraction: Double) -> String {
        let p = fraction * 100
        if p >= 99.9 && p < 100 { return String(format: "%.3f%%", p) }
        return String(format: "%.2f%%", p).replacingOccurrences(of: ".00%", with: "%")
    }

    func dashboardContext(_ context: inout [String: Any], page: Page) {
        context["page"] = ["title": "Status dashboard", "kind": "dashboard",
                           "lede": "System health and key metrics of the deployed model."]
        let health = monitoring?.health
        context["health"] = StatusBadge.health(health?.status ?? .unknown).context
        context["healthKey"] = StatusBadge.health(health?.status ?? .unknown).tone.rawValue
        context["healthText"] = healthSummary
        if let asOf = health?.asOf { context["asOf"] = Scale.fullTime(asOf) }

        var components: [[String: Any]] = []
        for component in health?.components ?? [] {
            var item: [String: Any] = ["name": component.name, "id": anchorID(component.name),
                                       "status": StatusBadge.health(component.objectives.isEmpty ? .unknown : component.status).context,
                                       "hasObjectives": !component.objectives.isEmpty]
            item["objectives"] = component.objectives.map { result -> [String: Any] in
                var o = objectiveContext(result.objective)
                let unit = unit(forObjective: result.objective.name)
                o["status"] = StatusBadge.health(result.status).context
                o["observed"] = result.observed.map { Scale.format($0) + (unit.isEmpty ? "" : " " + unit) } ?? "no data"
                o["reason"] = result.reason
                if let a = result.availability { o["availability"] = percentText(a) }
                if let b = result.errorBudgetLeft { o["budget"] = percentText(b) + " left" }
                if let asOf = result.asOf { o["asOf"] = Scale.fullTime(asOf) }
                return o
            }
            if component.objectives.isEmpty { item["note"] = "No objective is defined for this component." }
            components.append(item)
        }
        if components.isEmpty {
            context["missing"] = missing("No components yet",
                                         "Describe the deployment in Content/deployment.yaml and what healthy means under `objectives`.")
        } else {
            context["components"] = components
            context["hasComponents"] = true
        }
        let (tiles, charts) = panels(page: page)
        if !tiles.isEmpty { context["tiles"] = tiles; context["hasTiles"] = true }
        if !charts.isEmpty { context["charts"] = charts; context["hasCharts"] = true }
        if let strip = uptimeStrip() { context["uptime"] = strip }
        let open = model.incidents.filter(\.isOpen), past = model.incidents.filter { !$0.isOpen }
        if !open.isEmpty { context["activeIncidents"] = open.map { incidentSummary($0, from: page) }; context["hasActiveIncidents"] = true }
        if !past.isEmpty { context["pastIncidents"] = past.prefix(10).map { incidentSummary($0, from: page) }; context["hasPastIncidents"] = true }
    }

    /// KPI tiles and charts, one per panel of dashboard.yaml.
    func panels(page: Page) -> ([[String: Any]], [[String: Any]]) {
        guard let dashboard = model.dashboard, let monitoring else { return ([], []) }
        let evaluator = QueryEvaluator(store: monitoring.store)
        var tiles: [[String: Any]] = [], charts: [[String: Any]] = []
        for (index, panel) in dashboard.panels.enumerated() {
            guard let query = try? SelectorParser.parse(panel.series) else { continue }
            let series = evaluator.evaluate(query).filter { !$0.isEmpty }
            let unit = panel.unit ?? ""
            let id = "chart-\(index + 1)"
            guard let newest = series.compactMap(\.timestamps.last).max() else {
                charts.append(["id": id, "title": panel.title, "empty": true, "series": panel.series])
                continue
            }
            let window = Int64(dashboard.window) * 1000
            let start = newest - window
            let objective = panel.objective.flatMap { name in model.deployment?.objectives.first { $0.name == name } }
            var thresholds: [LineChart.Threshold] = []
            if let o = objective {
                if let v = o.below { thresholds.append(.init(value: v, kind: .breach, badSide: .above, label: "objective < \(Scale.format(v))")) }
                if let v = o.warnBelow { thresholds.append(.init(value: v, kind: .warn, badSide: .above, label: "warning \(Scale.format(v))")) }
                if let v = o.above { thresholds.append(.init(value: v, kind: .breach, badSide: .below, label: "objective > \(Scale.format(v))")) }
                if let v = o.warnAbove { thresholds.append(.init(value: v, kind: .warn, badSide: .below, label: "warning \(Scale.format(v))")) }
            }
            let lines = series.prefix(8).map { s in
                LineChart.Line(label: seriesLabel(s, among: series), points: zip(s.timestamps, s.values).map { ChartPoint(t: $0, v: $1) })
            }
            let chart = LineChart(id: id, title: panel.title, unit: unit, lines: lines, thresholds: thresholds, start: start, end: newest)
            var item: [String: Any] = ["id": id, "title": panel.title, "svg": chart.svg(), "legend": chart.legend(),
                                       "table": chart.dataTable(), "series": panel.series]
            item["description"] = panel.description
            if series.count > 8 { item["note"] = "Showing 8 of \(series.count) series." }
            charts.append(item)

            // The tile: the newest value of the first series, and the change against the previous window.
            let first = series[0]
            let current = first.values.enumerated().filter { first.timestamps[$0.offset] > start && $0.element.isFinite }.map(\.element)
            let previous = first.values.enumerated().filter {
                first.timestamps[$0.offset] > start - window && first.timestamps[$0.offset] <= start && $0.element.isFinite
            }.map(\.element)
            var tile: [String: Any] = ["title": panel.title, "value": (current.last.map(Scale.format) ?? "–") + (unit.isEmpty ? "" : " " + unit),
                                       "sparkline": sparkline(current)]
            if !current.isEmpty, !previous.isEmpty {
                let now = current.reduce(0, +) / Double(current.count), before = previous.reduce(0, +) / Double(previous.count)
                let change = now - before
                let relative = before != 0 ? abs(change / before) : (change == 0 ? 0 : 1)
                let text: String
                if relative < 0.005 {
                    text = "→ steady (within 0.5%)"
                } else {
                    let arrow = change > 0 ? "↑" : "↓"
                    var t = "\(arrow) \(Scale.format(abs(change)))\(unit.isEmpty ? "" : " " + unit)"
                    if before != 0 { t += " (\(change >= 0 ? "+" : "−")\(String(format: "%.1f", relative * 100))%)" }
                    text = t
                }
                tile["delta"] = text + " on average against the previous \(formatDuration(dashboard.window))"
            } else {
                tile["delta"] = "no earlier window to compare"
            }
            if let o = objective, let result = monitoring.health.objectives.first(where: { $0.objective.name == o.name }) {
                tile["status"] = StatusBadge.health(result.status).context
            }
            tiles.append(tile)
        }
        return (tiles, charts)
    }

    /// A series' label in a legend: the labels that tell it from the others.
    func seriesLabel(_ s: Series, among all: [Series]) -> String {
        guard all.count > 1 else { return s.name.isEmpty ? (s.labels.isEmpty ? "value" : Series.key(name: "", labels: s.labels)) : s.key }
        let varying = Set(all.flatMap(\.labels.keys)).filter { key in Set(all.map { $0.labels[key] ?? "" }).count > 1 }
        let parts = varying.sorted().compactMap { key in s.labels[key].map { "\(key)=\($0)" } }
        return parts.isEmpty ? s.key : parts.joined(separator: ", ")
    }

    /// Daily availability, Statuspage-style, for the first availability objective (up to 90 days).
    func uptimeStrip() -> [String: Any]? {
        guard let monitoring,
              let result = monitoring.health.objectives.first(where: { $0.availability != nil }),
              let target = result.objective.above else { return nil }
        var byDay: [Int64: (sum: Double, count: Double)] = [:]
        for s in result.series {
            for (t, v) in zip(s.timestamps, s.values) where v.isFinite {
                let day = t / 86_400_000
                byDay[day, default: (0, 0)].sum += v
                byDay[day, default: (0, 0)].count += 1
            }
        }
        guard let lastDay = byDay.keys.max(), let firstData = byDay.keys.min() else { return nil }
        let firstDay = max(firstData, lastDay - 89)
        var days: [[String: Any]] = []
        var total = 0.0, count = 0.0
        for day in firstDay...lastDay {
            let date = String(Scale.fullTime(day * 86_400_000).prefix(10))
            guard let d = byDay[day] else {
                days.append(["key": "unknown", "title": "\(date): no data"])
                continue
            }
            let availability = d.sum / d.count
            total += d.sum
            count += d.count
            let key = availability > target ? "ok" : availability > target - (1 - target) * 9 ? "warn" : "bad"
            days.append(["key": key, "title": "\(date): \(percentText(availability)) available"])
        }
        let overall = count > 0 ? percentText(total / count) : "–"
        return ["days": days, "label": "\(result.objective.component) \(result.objective.name)",
                "summary": "\(overall) available over \(days.count) day\(days.count == 1 ? "" : "s") (objective > \(percentText(target)))",
                "from": String(Scale.fullTime(firstDay * 86_400_000).prefix(10)),
                "to": String(Scale.fullTime(lastDay * 86_400_000).prefix(10))]
    }
}
