import Basics
import Templates
import Sanitizing
import Charts
import Diagnostics
import Health
import Model

extension SiteRenderer {
    /// `status.json`: the computed health for wikis, portals and spreadsheets (schema in the README).
    func statusJSON() -> String {
        let health = monitoring?.health
        func time(_ ms: Int64?) -> String { ms.map { jsonString(DateValue(epochSeconds: $0 / 1000, hasTime: true).iso8601) } ?? "null" }
        func number(_ v: Double?) -> String {
            guard let v, v.isFinite else { return "null" }
            return formatNumber(v)
        }
        var components: [String] = []
        for component in health?.components ?? [] {
            let objectives = component.objectives.map { o in
                """
                {"name":\(jsonString(o.objective.name)),"status":\(jsonString(o.status.name)),"series":\(jsonString(o.objective.series)),\
                "aggregate":\(jsonString(o.objective.aggregate.rawValue)),"window":\(jsonString(formatDuration(o.objective.window))),\
                "below":\(number(o.objective.below)),"above":\(number(o.objective.above)),"observed":\(number(o.observed)),\
                "availability":\(number(o.availability)),"error_budget_left":\(number(o.errorBudgetLeft)),\
                "as_of":\(time(o.asOf)),"maintenance_seconds":\(o.maintenanceSeconds),"reason":\(jsonString(o.reason.code)),\
                "reason_text":\(jsonString(reasonText(o)))}
                """
            }
            let status = component.objectives.isEmpty ? "unknown" : component.status.name
            components.append(
                "    {\"name\":\(jsonString(component.name)),\"status\":\(jsonString(status)),\"objectives\":[\(objectives.joined(separator: ","))]}")
        }
        let maintenance = maintenanceShown.map { w, view in
            let names = w.components.map { jsonString($0) }.joined(separator: ",")
            return """
                    {"start":\(time(w.start * 1000)),"end":\(time(w.end * 1000)),"state":\(jsonString(view.state.rawValue)),\
                "components":[\(names)],"reason":\(w.reason.map { jsonString($0) } ?? "null")}
                """
        }
        return """
            {
              "schema": "handover-status/1",
              "site": \(jsonString(model.config.title)),
              "status": \(jsonString((health?.status ?? .unknown).name)),
              "as_of": \(time(health?.asOf)),
              "built_at": \(time(model.buildTime.map { $0.epochSeconds * 1000 })),
              "components": [
            \(components.joined(separator: ",\n"))
              ],
              "maintenance": [\(maintenance.isEmpty ? "" : "\n" + maintenance.joined(separator: ",\n") + "\n  ")]
            }

            """
    }

    /// `badge.svg`: a shields-style badge, the status in words and colour.
    func badgeSVG() -> String {
        let status = monitoring?.health.status ?? .unknown
        let label = words["badge.label"], value = words["health.status.\(status.name)"]
        let color: String
        switch status {
        case .operational: color = "#1e7a3c"
        case .degraded: color = "#a15c00"
        case .outage: color = "#b3261e"
        case .unknown: color = "#5f6b7a"
        }
        // Verdana 11px averages about 7 px a character: the width shields.io would give.
        // Hangul and CJK characters are about twice as wide.
        func width(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 12 : 7) } }
        let lw = 10 + width(label), vw = 10 + width(value)
        var svg = theme.render("files/badge.svg", BadgeSVGView(label: label, value: value, color: color, labelWidth: lw, valueWidth: vw))
        while svg.last?.isNewline == true { svg.removeLast() }
        return (SVGSanitizer.sanitize(svg) ?? "") + "\n"
    }
}

/// `badge.svg` (`files/badge.svg`): a shields-style status badge.
struct BadgeSVGView: ViewModel {
    var label: String
    var value: String
    var color: String
    var labelWidth: Int
    var valueWidth: Int

    static let fields = ViewFields<Self>(
        "the badge",
        [
            .value("label") { $0.label }, .value("value") { $0.value }, .value("color") { $0.color },
            .value("labelWidth") { $0.labelWidth }, .value("valueWidth") { $0.valueWidth },
            .value("width") { $0.labelWidth + $0.valueWidth },
            .value("labelX") { $0.labelWidth / 2 }, .value("valueX") { $0.labelWidth + $0.valueWidth / 2 },
        ])
}
