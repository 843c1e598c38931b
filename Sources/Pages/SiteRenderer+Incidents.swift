import Model
import SiteGraph

extension SiteRenderer {
    func incidentSummary(_ incident: Incident, from page: Page) -> [String: Any] {
        let output = graph.target(forSource: incident.contentPath)?.outputPath
        var item: [String: Any] = [
            "title": incident.title, "impact": StatusBadge.impact(incident.impact).context,
            "state": StatusBadge.incidentState(incident).context,
            "started": incident.started.description, "startedISO": incident.started.iso8601,
            "duration": duration(of: incident), "components": incident.components.joined(separator: ", "),
        ]
        if let output { item["url"] = link(page, output) }
        if let resolved = incident.resolved {
            item["resolved"] = resolved.description
            item["resolvedISO"] = resolved.iso8601
        }
        return item
    }

    func duration(of incident: Incident) -> String {
        guard let end = incident.resolved ?? (incident.isOpen ? model.buildTime : nil) else { return "–" }
        let seconds = Int(end.epochSeconds - incident.started.epochSeconds)
        guard seconds >= 0 else { return "–" }
        let text: String
        if seconds < 3600 { text = "\(max(1, seconds / 60)) min" }
        else if seconds < 86400 { text = "\(seconds / 3600) h \((seconds % 3600) / 60) min" }
        else { text = "\(seconds / 86400) d \((seconds % 86400) / 3600) h" }
        return incident.isOpen ? text + " so far" : text
    }

    func incidentsContext(_ context: inout [String: Any], page: Page) {
        context["page"] = ["title": "Incidents", "kind": "incidents",
                           "lede": "Everything that affected the service, newest first."]
        if model.incidents.isEmpty {
            context["missing"] = missing("No incidents recorded",
                                         "Record an incident as a Markdown file in Content/incidents/ with its title, start, impact and the components it touched.",
                                         example: "---\ntitle: Scoring latency above objective\nstarted: 2026-11-12T03:10:00Z\nresolved: 2026-11-12T04:05:00Z\nimpact: minor\ncomponents: [score-realtime]\n---\n")
        } else {
            context["incidents"] = model.incidents.map { incidentSummary($0, from: page) }
            context["hasIncidents"] = true
        }
    }

    func incidentContext(_ context: inout [String: Any], page: Page) {
        guard let index = graph.incidentIndexByOutput[page.outputPath] else { return }
        let incident = model.incidents[index]
        context["page"] = ["title": incident.title, "kind": "incident"]
        var summary = incidentSummary(incident, from: page)
        if incident.components.isEmpty { summary["components"] = nil }
        context["incident"] = summary
    }
}
