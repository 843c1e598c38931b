import Model
import SiteGraph

extension SiteRenderer {
    func homeContext(_ context: inout [String: Any]) {
        let page = graph.page(at: "index.html")!
        context["page"] = ["title": model.config.title, "kind": "home", "description": model.config.description ?? ""]
        if let deployment = model.deployment {
            context["model"] = ["name": deployment.model.name, "version": deployment.model.version]
            if let release = deployment.latestRelease {
                context["latestRelease"] = ["version": release.version, "date": release.date.description,
                                            "iso": release.date.iso8601]
            }
        }
        context["health"] = StatusBadge.health(monitoring?.health.status ?? .unknown).context
        context["healthText"] = healthSummary
        context["lifecycleSummary"] = lifecycleSummary
        context["stages"] = stageSteps(from: page)
        context["deliverables"] = [
            ["title": "Status dashboard", "url": link(page, "dashboard/index.html"),
             "text": "System health and key metrics: objectives, availability, incidents."],
            ["title": "Final modeling report", "url": link(page, "report/index.html"),
             "text": "The model, its evaluation against objectives, and how it is deployed."],
            ["title": "Solution architecture", "url": link(page, "architecture/index.html"),
             "text": "Components, data flows, endpoints and environments."],
        ]
        if model.deployment?.endpoints.contains(where: { $0.endpoint.api != nil }) == true {
            var deliverables = context["deliverables"] as? [[String: String]] ?? []
            deliverables.append(["title": "API consumer guide", "url": link(page, "api/index.html"),
                                 "text": "How applications, dashboards and spreadsheets call the model."])
            context["deliverables"] = deliverables
        }
        let open = model.incidents.filter(\.isOpen)
        if !open.isEmpty {
            context["openIncidents"] = open.map { incidentSummary($0, from: page) }
            context["hasOpenIncidents"] = true
        }
        context["hasTeam"] = !model.config.team.isEmpty
    }

    /// `3 of 5 stages done · now: Deployment`
    var lifecycleSummary: String {
        let done = model.stages.filter { $0.status == .done }.count
        var text = "\(done) of \(model.stages.count) stages done"
        if let blocked = model.stages.first(where: { $0.status == .blocked }) {
            text += " · blocked: \(blocked.title)"
        } else if let current = model.stages.first(where: { $0.status == .inProgress }) {
            text += " · now: \(current.title)"
        }
        return text
    }

    func stageSteps(from page: Page) -> [[String: Any]] {
        model.stages.enumerated().map { i, stage in
            ["title": stage.title, "number": i + 1, "key": stage.kind.rawValue,
             "url": link(page, "lifecycle/\(stage.kind.rawValue)/index.html"),
             "status": StatusBadge.stage(stage.status).context]
        }
    }
}
