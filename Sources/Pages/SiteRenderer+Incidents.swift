import Basics
import Model
import SiteGraph
import Templates

/// `incidents/index.html` (`pages/incidents`).
struct IncidentsPage: ViewModel {
    var frame: PageFrame
    var incidents: [IncidentSummaryView]
    var missing: MissingView?

    static let fields = ViewFields<Self>(
        "the incidents page", embedding: PageFrame.self, { $0.frame },
        [
            .models("incidents") { $0.incidents.isEmpty ? nil : $0.incidents },
            .value("hasIncidents") { $0.incidents.isEmpty ? nil : true },
            .model("missing") { $0.missing },
        ])
}

/// One incident (`pages/incident`).
struct IncidentPage: ViewModel {
    var frame: PageFrame
    var incident: IncidentSummaryView?

    static let fields = ViewFields<Self>(
        "an incident page", embedding: PageFrame.self, { $0.frame },
        [
            .model("incident") { $0.incident }
        ])
}

extension SiteRenderer {
    func incidentSummary(_ incident: Incident, from page: Page) -> IncidentSummaryView {
        IncidentSummaryView(
            title: incident.title, impact: BadgeView(.impact(incident.impact), words),
            state: BadgeView(.incidentState(incident), words),
            started: words.date(incident.started), startedISO: incident.started.iso8601,
            duration: duration(of: incident), components: incident.components.joined(separator: words["list.separator"]),
            url: graph.target(forSource: incident.contentPath).map { link(page, $0.outputPath) },
            resolved: incident.resolved.map(words.date), resolvedISO: incident.resolved?.iso8601,
            updates: incident.updates.map {
                IncidentUpdateView(time: words.date($0.at), timeISO: $0.at.iso8601, status: $0.status, text: $0.text)
            })
    }

    func duration(of incident: Incident) -> String {
        guard let end = incident.resolved ?? (incident.isOpen ? model.buildTime : nil) else { return "–" }
        let seconds = Int(end.epochSeconds - incident.started.epochSeconds)
        guard seconds >= 0 else { return "–" }
        let text: String
        if seconds < 3600 {
            text = words.plural("age.minutes", max(1, seconds / 60))
        } else if seconds < 86400 {
            text = words("age.hoursMinutes", ["hours": words.integer(seconds / 3600), "minutes": words.integer((seconds % 3600) / 60)])
        } else {
            text = words("age.daysHours", ["days": words.integer(seconds / 86400), "hours": words.integer((seconds % 86400) / 3600)])
        }
        return incident.isOpen ? words("incidents.soFar", ["duration": text]) : text
    }

    func incidentsPage(_ frame: PageFrame, page: Page) -> IncidentsPage {
        var frame = frame
        frame.page = PageInfo(title: words["nav.incidents"], kind: "incidents", lede: words["incidents.lede"])
        var view = IncidentsPage(frame: frame, incidents: model.incidents.map { incidentSummary($0, from: page) })
        if model.incidents.isEmpty {
            view.missing = missing(
                .incidents,
                example:
                    "---\ntitle: Scoring latency above objective\nstarted: 2026-11-12T03:10:00Z\nresolved: 2026-11-12T04:05:00Z\nimpact: minor\ncomponents: [score-realtime]\n---\n"
            )
        }
        return view
    }

    func incidentPage(_ frame: PageFrame, page: Page) -> IncidentPage {
        var view = IncidentPage(frame: frame)
        guard let index = graph.incidentIndexByOutput[page.outputPath] else { return view }
        let incident = model.incidents[index]
        view.frame.page = PageInfo(title: incident.title, kind: "incident")
        view.incident = incidentSummary(incident, from: page)
        if incident.components.isEmpty { view.incident?.components = nil }
        return view
    }
}
