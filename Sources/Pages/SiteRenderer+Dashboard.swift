import Basics
import Charts
import Health
import Model
import Monitoring
import Panels
import SiteGraph
import Templates

/// `dashboard/index.html`: health, key metrics, components, uptime, panels, incidents (`pages/dashboard`).
struct DashboardPage: ViewModel {
    struct Component: ViewModel {
        var name: String
        var id: String
        var status: BadgeView
        var objectives: [ObjectiveView]
        var note: String?
        /// Planned maintenance going on at the build's time.
        var maintenance: MaintenanceView?

        static let fields = ViewFields<Self>(
            "a component",
            [
                .value("name") { $0.name },
                .value("id") { $0.id },
                .model("status") { $0.status },
                .value("hasObjectives") { !$0.objectives.isEmpty },
                .models("objectives") { $0.objectives },
                .value("note") { $0.note },
                .model("maintenance") { $0.maintenance },
            ])
    }

    /// A planned maintenance window: its words are in `pages/dashboard` and `partials/maintenance`.
    struct MaintenanceView: ViewModel {
        enum State: String { case current, upcoming, past }
        var state: State
        var start: String
        var startISO: String
        var end: String
        var endISO: String
        var duration: String
        var components: [String]
        var reason: String?

        static let fields = ViewFields<Self>(
            "a maintenance window",
            [
                .value("state") { $0.state.rawValue },
                .value("isCurrent") { $0.state == .current ? true : nil },
                .value("isUpcoming") { $0.state == .upcoming ? true : nil },
                .value("isPast") { $0.state == .past ? true : nil },
                .value("start") { $0.start }, .value("startISO") { $0.startISO },
                .value("end") { $0.end }, .value("endISO") { $0.endISO },
                .value("duration") { $0.duration },
                // Names joined as the list they are; a translation may prefer its own separator.
                .value("components") { $0.components.isEmpty ? nil : $0.components.joined(separator: ", ") },
                .value("allComponents") { $0.components.isEmpty ? true : nil },
                .value("reason") { $0.reason },
            ])
    }

    struct Tile: ViewModel {
        var title: String
        var value: String
        /// What the number is: `p95 over 24 hours, as the objective reads it`, `latest, 22:27 UTC`.
        var what: String
        var sparkline: String
        var delta: String
        var status: BadgeView?

        static let fields = ViewFields<Self>(
            "a key-metric tile",
            [
                .value("title") { $0.title },
                .value("value") { $0.value },
                .value("what") { $0.what },
                .value("sparkline") { $0.sparkline },
                .value("delta") { $0.delta },
                .model("status") { $0.status },
            ])
    }

    struct Chart: ViewModel {
        var id: String
        var title: String
        var series: String
        var empty: Bool?
        var svg: String?
        /// The same chart laid out for phones.
        var svgNarrow: String?
        var legend: String?
        var table: String?
        var description: String?
        var note: String?

        static let fields = ViewFields<Self>(
            "a panel",
            [
                .value("id") { $0.id },
                .value("title") { $0.title },
                .value("series") { $0.series },
                .value("empty") { $0.empty },
                .value("svg") { $0.svg },
                .value("svgNarrow") { $0.svgNarrow },
                .value("legend") { $0.legend },
                .value("table") { $0.table },
                .value("description") { $0.description },
                .value("note") { $0.note },
            ])
    }

    struct Uptime: ViewModel {
        struct Day: ViewModel {
            var key: String
            var title: String
            /// Planned maintenance touched the day (left out of its availability).
            var maintenance = false
            static let fields = ViewFields<Self>(
                "a day", [.value("key") { $0.key }, .value("title") { $0.title }, .value("maintenance") { $0.maintenance ? true : nil }])
        }

        var days: [Day]
        var label: String
        var summary: String
        var from: String
        var to: String

        static let fields = ViewFields<Self>(
            "the uptime strip",
            [
                .value("hasPlannedDays") { $0.days.contains(where: \.maintenance) ? true : nil },
                .models("days") { $0.days },
                .value("label") { $0.label },
                .value("summary") { $0.summary },
                .value("from") { $0.from },
                .value("to") { $0.to },
            ])
    }

    var frame: PageFrame
    var health: BadgeView
    var healthText: String
    var asOf: String?
    var components: [Component] = []
    var missing: MissingView?
    var tiles: [Tile] = []
    var charts: [Chart] = []
    var uptime: Uptime?
    var activeIncidents: [IncidentSummaryView] = []
    var pastIncidents: [IncidentSummaryView] = []
    /// Current and upcoming maintenance (the banner), and past maintenance within the window.
    var maintenance: [MaintenanceView] = []
    /// The Evidently reports of `monitoring/`.
    var drift: [DriftView] = []

    static let fields = ViewFields<Self>(
        "the dashboard", embedding: PageFrame.self, { $0.frame },
        [
            .models("maintenanceNow") { p in p.maintenance.filter { $0.state != .past }.nilIfEmpty },
            .value("hasMaintenanceNow") { p in p.maintenance.contains { $0.state != .past } ? true : nil },
            .models("maintenancePast") { p in p.maintenance.filter { $0.state == .past }.nilIfEmpty },
            .value("hasMaintenancePast") { p in p.maintenance.contains { $0.state == .past } ? true : nil },
            .model("health") { $0.health },
            .value("healthKey") { $0.health.key },
            .value("healthText") { $0.healthText },
            .value("asOf") { $0.asOf },
            .models("components") { $0.components.isEmpty ? nil : $0.components },
            .value("hasComponents") { $0.components.isEmpty ? nil : true },
            .model("missing") { $0.missing },
            .models("tiles") { $0.tiles.isEmpty ? nil : $0.tiles },
            .value("hasTiles") { $0.tiles.isEmpty ? nil : true },
            .models("charts") { $0.charts.isEmpty ? nil : $0.charts },
            .value("hasCharts") { $0.charts.isEmpty ? nil : true },
            .model("uptime") { $0.uptime },
            .models("drift") { $0.drift.nilIfEmpty },
            .value("hasDrift") { $0.drift.isEmpty ? nil : true },
            .models("activeIncidents") { $0.activeIncidents.isEmpty ? nil : $0.activeIncidents },
            .value("hasActiveIncidents") { $0.activeIncidents.isEmpty ? nil : true },
            .models("pastIncidents") { $0.pastIncidents.isEmpty ? nil : $0.pastIncidents },
            .value("hasPastIncidents") { $0.pastIncidents.isEmpty ? nil : true },
        ])
}

/// An objective of deployment.yaml; on the dashboard, with what was observed.
struct ObjectiveView: ViewModel {
    var name: String
    var component: String
    var series: String
    var aggregate: String
    var threshold: String
    var window: String
    var status: BadgeView?
    var observed: String?
    var reason: String?
    var availability: String?
    var budget: String?
    var asOf: String?
    /// Planned maintenance left out of the figures, in words (`1 hour`).
    var maintenance: String?
    /// The sentence a customer reads (`partials/sla`): met, at risk, missed or not known.
    var outcome: Outcome?
    var isAvailability = false

    enum Outcome: String { case met, atRisk, missed, unknown }

    static let fields = ViewFields<Self>(
        "an objective",
        [
            .value("maintenance") { $0.maintenance },
            .value("isAvailability") { $0.isAvailability ? true : nil },
            .value("isMet") { $0.outcome == .met ? true : nil },
            .value("isAtRisk") { $0.outcome == .atRisk ? true : nil },
            .value("isMissed") { $0.outcome == .missed ? true : nil },
            .value("isUnknown") { $0.outcome == .unknown ? true : nil },
            .value("name") { $0.name },
            .value("component") { $0.component },
            .value("series") { $0.series },
            .value("aggregate") { $0.aggregate },
            .value("threshold") { $0.threshold },
            .value("window") { $0.window },
            .model("status") { $0.status },
            .value("observed") { $0.observed },
            .value("reason") { $0.reason },
            .value("availability") { $0.availability },
            .value("budget") { $0.budget },
            .value("asOf") { $0.asOf },
        ])
}

extension SiteRenderer {
    /// "All systems operational · as of 2026-11-24 22:27 UTC (data 12 min old at build)".
    var healthSummary: String {
        guard let health = monitoring?.health, health.asOf != nil else { return healthDetail }
        switch health.status {
        case .operational: return healthDetail
        case .degraded: return words("health.summary.degraded", ["detail": healthDetail])
        case .outage: return words("health.summary.outage", ["detail": healthDetail])
        case .unknown: return words("health.summary.unknown", ["detail": healthDetail])
        }
    }

    /// The health sentence without its status word, for beside a status badge:
    /// "delay-risk data drift share · as of 2026-11-25 23:30 UTC (data 30 min old at build time)".
    var healthDetail: String {
        guard let health = monitoring?.health, let asOf = health.asOf else {
            return words["health.noData"]
        }
        let what = health.status == .operational ? words["health.allMet"] : worstReasons(health, health.status)
        if let age = health.dataAgeSeconds {
            return words("health.detailWithAge", ["what": what, "time": words.dateTime(asOf), "age": words.age(age)])
        }
        return words("health.detail", ["what": what, "time": words.dateTime(asOf)])
    }

    func worstReasons(_ health: HealthReport, _ status: HealthStatus) -> String {
        let names = health.objectives.filter { $0.status == status }.map { "\($0.objective.component) \($0.objective.name)" }
        return names.isEmpty ? words["health.noneEvaluated"] : names.joined(separator: words["list.separator"])
    }

    func unit(forObjective name: String) -> String {
        model.dashboard?.panels.first { $0.objective == name }?.unit ?? ""
    }

    /// What an objective's aggregate is, in words: `highest`, `average`, `95th percentile`.
    func aggregateWords(_ aggregate: Objective.Aggregate) -> String {
        words["aggregate.\(aggregate.rawValue)"]
    }

    /// A value an objective reads, in its unit: availability as a percentage, times as durations.
    func objectiveValueText(_ value: Double, _ objective: Objective) -> String {
        HealthEvaluator.isAvailability(objective) ? words.percent(value) : words.quantity(value, unit: unit(forObjective: objective.name))
    }

    /// `< 300 ms`, `> 99.5%`, `< 26 hours and > 2 hours`.
    func thresholdText(_ objective: Objective) -> String {
        var parts: [String] = []
        if let below = objective.below { parts.append("< " + objectiveValueText(below, objective)) }
        if let above = objective.above { parts.append("> " + objectiveValueText(above, objective)) }
        return parts.joined(separator: words["threshold.and"])
    }

    /// `42.5% left`, or `exhausted — 13.5× the allowed errors`.
    func budgetText(_ left: Double) -> String {
        left >= 0
            ? words("budget.left", ["percent": words.percent(left)])
            : words("budget.exhausted", ["times": words.readable(1 - left, significant: 3)])
    }

    /// Why an objective has its status, in words.
    func reasonText(_ result: ObjectiveHealth) -> String {
        switch result.reason {
        case .unreadable: return words["reason.unreadable"]
        case .noData: return words["reason.noData"]
        case .noSamples(let window): return words("reason.noSamples", ["window": words.period(window)])
        case .stale(let newest, let age, let staleAfter):
            return words("reason.stale", ["time": words.dateTime(newest), "age": words.age(age), "staleAfter": words.period(staleAfter)])
        case .breached(let observed):
            return words(
                "reason.breached",
                [
                    "aggregate": aggregateWords(result.objective.aggregate), "value": objectiveValueText(observed, result.objective),
                    "threshold": thresholdText(result.objective),
                ])
        case .warning: return words["reason.warning"]
        case .partlyBreached(let fraction): return words("reason.partlyBreached", ["percent": words.percent(fraction)])
        case .met: return words["reason.met"]
        case .none: return ""
        }
    }

    /// How an objective reads to a customer: met, at risk (degraded), missed (breached), not known.
    func outcome(_ status: HealthStatus) -> ObjectiveView.Outcome {
        switch status {
        case .operational: return .met
        case .degraded: return .atRisk
        case .outage: return .missed
        case .unknown: return .unknown
        }
    }

    /// Every maintenance window of `dashboard.yaml` worth showing: going on or to come at the
    /// build's time, or done within the dashboard's window.
    var maintenanceShown: [(window: MaintenanceWindow, view: DashboardPage.MaintenanceView)] {
        guard let windows = model.dashboard?.maintenance, !windows.isEmpty else { return [] }
        let now = model.buildTime?.epochSeconds ?? Int64.max
        let shownFrom = now == .max ? Int64.min : now - Int64(model.dashboard?.window ?? 7 * 86400)
        return windows.compactMap { w in
            let state: DashboardPage.MaintenanceView.State = w.end <= now ? .past : w.start <= now ? .current : .upcoming
            if state == .past, w.end < shownFrom { return nil }
            return (
                w,
                DashboardPage.MaintenanceView(
                    state: state, start: words.dateTime(w.start * 1000), startISO: Basics.rfc3339Text(epochSeconds: w.start),
                    end: words.dateTime(w.end * 1000), endISO: Basics.rfc3339Text(epochSeconds: w.end),
                    duration: words.period(Int(w.end - w.start)), components: w.components, reason: w.reason)
            )
        }
    }

    var maintenanceViews: [DashboardPage.MaintenanceView] { maintenanceShown.map(\.view) }

    var maintenanceNow: [(window: MaintenanceWindow, view: DashboardPage.MaintenanceView)] {
        maintenanceShown.filter { $0.view.state == .current }
    }

    func dashboardPage(_ frame: PageFrame, page: Page) -> DashboardPage {
        var frame = frame
        frame.page = PageInfo(title: words[Deliverable.dashboard.titleKey], kind: "dashboard", lede: words["dashboard.lede"])
        let health = monitoring?.health
        var view = DashboardPage(
            frame: frame, health: BadgeView(.health(health?.status ?? .unknown), words), healthText: healthSummary,
            asOf: health?.asOf.map(words.dateTime))
        let openIncidentComponents = Set(model.incidents.filter(\.isOpen).flatMap(\.components))
        view.components = (health?.components ?? []).map { component in
            var note: String?
            if component.objectives.isEmpty {
                note = words["dashboard.notMonitored"]
            } else if component.status >= .degraded, !openIncidentComponents.contains(component.name) {
                note = words["dashboard.noIncidentDeclared"]
            }
            return DashboardPage.Component(
                name: component.name, id: anchorID(component.name),
                status: BadgeView(component.objectives.isEmpty ? .notMonitored : .health(component.status), words),
                objectives: component.objectives.map { result in
                    var o = objectiveView(result.objective)
                    o.status = BadgeView(.health(result.status), words)
                    o.observed = result.observed.map { objectiveValueText($0, result.objective) } ?? words["objective.noData"]
                    o.reason = reasonText(result)
                    o.availability = result.availability.map(words.percent)
                    o.budget = result.errorBudgetLeft.map(budgetText)
                    o.asOf = result.asOf.map(words.dateTime)
                    o.maintenance = result.maintenanceSeconds > 0 ? words.period(Int(result.maintenanceSeconds)) : nil
                    o.isAvailability = HealthEvaluator.isAvailability(result.objective)
                    o.outcome = outcome(result.status)
                    return o
                },
                note: note,
                maintenance: maintenanceNow.first { $0.window.applies(to: component.name) }?.view)
        }
        view.maintenance = maintenanceViews
        if view.components.isEmpty {
            view.missing = missing(.dashboard)
        }
        (view.tiles, view.charts) = panels(page: page)
        view.uptime = uptimeStrip()
        view.drift = driftViews()
        view.activeIncidents = model.incidents.filter(\.isOpen).map { incidentSummary($0, from: page) }
        view.pastIncidents = model.incidents.filter { !$0.isOpen }.prefix(10).map { incidentSummary($0, from: page) }
        return view
    }

    /// KPI tiles and charts, one per evaluated panel.
    func panels(page: Page) -> ([DashboardPage.Tile], [DashboardPage.Chart]) {
        guard let dashboard = model.dashboard, let data = monitoring?.dashboard else { return ([], []) }
        var tiles: [DashboardPage.Tile] = [], charts: [DashboardPage.Chart] = []
        for (index, panelData) in data.panels.enumerated() {
            let panel = panelData.panel, series = panelData.series
            let unit = panel.unit ?? ""
            let id = "chart-\(index + 1)"
            guard let window = panelData.window, let tile = panelData.tile else {
                charts.append(.init(id: id, title: panel.title, series: panel.series, empty: true))
                continue
            }
            var thresholds: [LineChart.Threshold] = []
            if let o = panelData.objective {
                let text = { (v: Double) in words.quantity(v, unit: unit) }
                func label(_ key: String, _ v: Double) -> String { words(key, ["value": text(v)]) }
                if let v = o.below { thresholds.append(.init(value: v, kind: .breach, badSide: .above, label: label("chart.objectiveBelow", v))) }
                if let v = o.warnBelow { thresholds.append(.init(value: v, kind: .warn, badSide: .above, label: label("chart.warning", v))) }
                if let v = o.above { thresholds.append(.init(value: v, kind: .breach, badSide: .below, label: label("chart.objectiveAbove", v))) }
                if let v = o.warnAbove { thresholds.append(.init(value: v, kind: .warn, badSide: .below, label: label("chart.warning", v))) }
            }
            let labels = SeriesLegend.labels(Array(series.prefix(8)), panel: panel)
            let lines = zip(series.prefix(8), labels).map { s, label in
                LineChart.Line(label: label, points: zip(s.timestamps, s.values).map { ChartPoint(t: $0, v: $1) })
            }
            let chart = LineChart(
                id: id, title: panel.title, unit: unit, lines: lines, thresholds: thresholds, start: window.lowerBound, end: window.upperBound,
                words: words)
            charts.append(
                .init(
                    id: id, title: panel.title, series: panel.series, svg: chart.svg(), svgNarrow: chart.narrowLayout().svg(), legend: chart.legend(),
                    table: chart.dataTable(), description: panel.description,
                    note: series.count > 8 ? words.plural("chart.showingSeries", series.count, ["shown": "8"]) : nil))
            let (value, what) = tileReading(panelData, tile: tile, unit: unit, firstLabel: labels.first ?? panel.title)
            tiles.append(
                .init(
                    title: panel.title, value: value, what: what, sparkline: sparkline(tile.current),
                    delta: deltaText(tile.change, unit: unit, window: dashboard.window),
                    status: panelData.objectiveHealth.map { BadgeView(.health($0.status), words) }))
        }
        return (tiles, charts)
    }

    /// The tile's number and what it is. A panel drawn against an objective shows what the
    /// objective reads (the number in the components table); others their newest value.
    func tileReading(_ data: PanelData, tile: TileData, unit: String, firstLabel: String) -> (value: String, what: String) {
        if let result = data.objectiveHealth, let observed = result.observed {
            let o = result.objective
            return (
                objectiveValueText(observed, o),
                words("tile.aggregateOver", ["aggregate": aggregateWords(o.aggregate), "window": words.period(o.window)])
            )
        }
        guard let latest = tile.latest else { return ("–", words["tile.noData"]) }
        let value = words.quantity(latest, unit: unit)
        let time = tile.latestTime.map(words.dateTime)
        switch tile.reading {
        case .only: return (value, time.map { words("tile.latestAt", ["time": $0]) } ?? words["tile.latest"])
        case .sum(let count):
            return (value, words.plural(time == nil ? "tile.latestSum" : "tile.latestAtSum", count, ["time": time ?? ""]))
        case .first(let count):
            return (
                value, words.plural(time == nil ? "tile.latestFirst" : "tile.latestAtFirst", count, ["time": time ?? "", "series": firstLabel])
            )
        }
    }

    /// "↑ 0.012 s (+4.1%) on average against the previous 7 days".
    func deltaText(_ change: WindowChange?, unit: String, window: Int) -> String {
        guard let change else { return words["delta.noEarlier"] }
        var text: String
        if change.isSteady {
            text = words["delta.steady"]
        } else {
            let difference = change.difference
            text = "\(difference > 0 ? "↑" : "↓") \(words.quantity(abs(difference), unit: unit))"
            if change.before != 0 {
                text += " (\(difference >= 0 ? "+" : "−")\(words.localized(String(format: "%.1f", change.relative * 100)))%)"
            }
        }
        return words("delta.against", ["change": text, "window": words.period(window)])
    }

    /// The uptime strip, laid out from the evaluated days.
    func uptimeStrip() -> DashboardPage.Uptime? {
        guard let uptime = monitoring?.dashboard.uptime, let first = uptime.days.first, let last = uptime.days.last else { return nil }
        let date = { (day: Int64) in words.day(day * 86_400_000) }
        let days = uptime.days.map { day -> DashboardPage.Uptime.Day in
            guard let availability = day.availability else {
                return .init(key: "unknown", title: words("uptime.dayNoData", ["day": date(day.day)]), maintenance: day.maintenance)
            }
            return .init(
                key: uptime.grade(availability).rawValue,
                title: words("uptime.day", ["day": date(day.day), "percent": words.percent(availability)]),
                maintenance: day.maintenance)
        }
        let overall = uptime.overall.map(words.percent) ?? "–"
        return .init(
            days: days, label: "\(uptime.objective.component) \(uptime.objective.name)",
            summary: words.plural(
                "uptime.summary", days.count,
                ["percent": overall, "target": words.percent(uptime.target), "window": words.period(uptime.objective.window)]),
            from: date(first.day), to: date(last.day))
    }
}

extension Collection {
    /// nil when empty: a Mustache section over it is skipped and its `has…` flag absent.
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
