import Basics
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
                "as_of":\(time(o.asOf)),"reason":\(jsonString(o.reason))}
                """
            }
            let status = component.objectives.isEmpty ? "unknown" : component.status.name
            components.append(
                "    {\"name\":\(jsonString(component.name)),\"status\":\(jsonString(status)),\"objectives\":[\(objectives.joined(separator: ","))]}")
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
              ]
            }

            """
    }

    /// `badge.svg`: a shields-style badge, the status in words and colour.
    func badgeSVG() -> String {
        let status = monitoring?.health.status ?? .unknown
        let label = "status", value = status.name
        let color: String
        switch status {
        case .operational: color = "#1e7a3c"
        case .degraded: color = "#a15c00"
        case .outage: color = "#b3261e"
        case .unknown: color = "#5f6b7a"
        }
        // Verdana 11px averages about 7 px a character: the width shields.io would give.
        let lw = 10 + label.count * 7, vw = 10 + value.count * 7, w = lw + vw
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(w)" height="20" role="img" aria-label="\(label): \(value)">
            <title>\(label): \(value)</title>
            <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
            <clipPath id="r"><rect width="\(w)" height="20" rx="3" fill="#fff"/></clipPath>
            <g clip-path="url(#r)"><rect width="\(lw)" height="20" fill="#555"/><rect x="\(lw)" width="\(vw)" height="20" fill="\(color)"/><rect width="\(w)" height="20" fill="url(#s)"/></g>
            <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
            <text x="\(lw / 2)" y="14">\(label)</text><text x="\(lw + vw / 2)" y="14">\(value)</text>
            </g>
            </svg>
            """
        return (SVGSanitizer.sanitize(svg) ?? "") + "\n"
    }
}
