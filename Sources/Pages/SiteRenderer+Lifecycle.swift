import Model
import SiteGraph

extension SiteRenderer {
    func lifecycleContext(_ context: inout [String: Any], page: Page) {
        context["page"] = ["title": "Lifecycle", "kind": "lifecycle",
                           "lede": "Where the project stands in the Team Data Science Process."]
        context["lifecycleSummary"] = lifecycleSummary
        context["stages"] = model.stages.enumerated().map { i, stage -> [String: Any] in
            let artifacts = artifacts(of: stage, from: page)
            var item: [String: Any] = [
                "title": stage.title, "number": i + 1, "key": stage.kind.rawValue,
                "url": link(page, "lifecycle/\(stage.kind.rawValue)/index.html"),
                "status": StatusBadge.stage(stage.status).context,
                "artifactsDone": artifacts.filter { $0["done"] as? Bool == true }.count,
                "artifactsTotal": artifacts.count,
            ]
            if !stage.owners.isEmpty { item["owners"] = stage.owners.joined(separator: ", ") }
            if let dates = dateRange(stage.started, stage.finished) { item["dates"] = dates }
            if let decision = stage.decision {
                var d = StatusBadge.decision(decision.outcome).context
                d["date"] = decision.date?.description
                item["decision"] = d
            }
            return item
        }
    }

    func stageContext(_ context: inout [String: Any], page: Page, kind: StageKind) {
        guard let index = model.stages.firstIndex(where: { $0.kind == kind }) else { return }
        let stage = model.stages[index]
        context["page"] = ["title": stage.title, "kind": "stage", "description": kind.goal]
        var s: [String: Any] = [
            "number": index + 1, "goal": kind.goal, "status": StatusBadge.stage(stage.status).context,
            "artifacts": artifacts(of: stage, from: page),
        ]
        if !stage.owners.isEmpty { s["owners"] = stage.owners.joined(separator: ", ") }
        if let d = stage.started { s["started"] = d.description; s["startedISO"] = d.iso8601 }
        if let d = stage.finished { s["finished"] = d.description; s["finishedISO"] = d.iso8601 }
        if let decision = stage.decision {
            var d = StatusBadge.decision(decision.outcome).context
            d["date"] = decision.date?.description
            d["dateISO"] = decision.date?.iso8601
            d["by"] = decision.by
            d["notes"] = decision.notes
            s["decision"] = d
        }
        if !stage.criteria.isEmpty {
            s["hasCriteria"] = true
            s["criteria"] = stage.criteria.map { c -> [String: Any] in
                switch c.met {
                case true?: return ["name": c.name, "state": "met", "icon": "✓", "label": "Met"]
                case false?: return ["name": c.name, "state": "failed", "icon": "✕", "label": "Not met"]
                case nil: return ["name": c.name, "state": "unmet", "icon": "○", "label": "Not assessed"]
                }
            }
        }
        if !stage.signoffs.isEmpty, kind == .customerAcceptance {
            s["hasSignoffs"] = true
            s["signoffs"] = stage.signoffs.map { signoff -> [String: Any] in
                var row: [String: Any] = ["name": signoff.name, "decision": StatusBadge.signoff(signoff.decision).context]
                row["role"] = signoff.role
                row["date"] = signoff.date?.description
                row["comment"] = signoff.comment
                return row
            }
        }
        if kind == .customerAcceptance { s["exit"] = exitReport(stage, from: page) }
        context["stage"] = s
        if stage.body == nil || stage.body?.isBlank == true {
            context["missing"] = missing("No notes yet",
                                         "Write this stage's notes in Content/lifecycle/\(kind.rawValue).md; its front matter sets status, owners, dates, deliverables and the checkpoint decision.",
                                         example: "---\ntitle: \(kind.defaultTitle)\nstatus: in-progress\nowners: [Your Name]\nstarted: 2026-05-18\n---\n")
        }
        // Previous and next through the cycle, which starts again after acceptance.
        let previous = model.stages[(index + model.stages.count - 1) % model.stages.count]
        let next = model.stages[(index + 1) % model.stages.count]
        context["pager"] = [
            "label": "Lifecycle stages",
            "previous": ["title": previous.title, "url": link(page, "lifecycle/\(previous.kind.rawValue)/index.html")],
            "next": ["title": next.title, "url": link(page, "lifecycle/\(next.kind.rawValue)/index.html")],
        ]
    }

    /// The stage's deliverables; the deployment stage always lists the three artifacts Handover generates.
    func artifacts(of stage: LifecycleStage, from page: Page) -> [[String: Any]] {
        var items: [[String: Any]] = stage.artifacts.map { artifact in
            var item: [String: Any] = ["name": artifact.name, "done": artifact.done]
            if let url = artifactURL(artifact.link, from: page) { item["url"] = url }
            return item
        }
        if stage.kind == .deployment {
            let generated: [(String, String, Bool)] = [
                ("Status dashboard", "dashboard", model.dashboard != nil || !(model.deployment?.objectives.isEmpty ?? true)),
                ("Final modeling report", "report", model.deployment != nil),
                ("Final solution architecture document", "architecture", model.architecture != nil || model.deployment != nil),
            ]
            for (name, path, available) in generated {
                let target = path + "/index.html"
                let listed = stage.artifacts.firstIndex { a in
                    a.name.lowercased() == name.lowercased() || a.link.map { ["\(path)", "\(path)/", target].contains($0) } == true
                        || (path == "architecture" && a.name.lowercased().contains("architecture"))
                        || (path == "report" && a.name.lowercased().contains("report") && a.name.lowercased().contains("model"))
                        || (path == "dashboard" && a.name.lowercased().contains("dashboard"))
                }
                if let listed {
                    items[listed]["url"] = items[listed]["url"] ?? link(page, target)
                    items[listed]["generated"] = true
                    if available { items[listed]["done"] = true }
                } else {
                    items.append(["name": name, "url": link(page, target), "done": available, "generated": true])
                }
            }
        }
        return items
    }

    func artifactURL(_ link: String?, from page: Page) -> String? {
        guard let link else { return nil }
        let lower = link.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") { return link }
        var path = link
        var fragment = ""
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[hash...])
            path = String(path[..<hash])
        }
        if let target = graph.target(forSource: path) {
            return self.link(page, target.outputPath) + (fragment.isEmpty ? target.fragment.map { "#" + $0 } ?? "" : fragment)
        }
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        if graph.page(at: trimmed + "/index.html") != nil { return self.link(page, trimmed + "/index.html") + fragment }
        return self.link(page, path) + fragment
    }

    func dateRange(_ start: DateValue?, _ end: DateValue?) -> String? {
        switch (start, end) {
        case let (s?, e?): return "\(s.description) – \(e.description)"
        case let (s?, nil): return "since \(s.description)"
        case let (nil, e?): return "until \(e.description)"
        default: return nil
        }
    }

    /// The acceptance stage's exit report, generated from the inputs: what was delivered, the
    /// model's metrics against their objectives, current health, open incidents, sign-off state.
    func exitReport(_ stage: LifecycleStage, from page: Page) -> [String: Any] {
        var exit: [String: Any] = [:]
        var delivered: [[String: Any]] = [
            ["name": "Status dashboard", "url": link(page, "dashboard/index.html")],
            ["name": "Final modeling report", "url": link(page, "report/index.html")],
            ["name": "Solution architecture document", "url": link(page, "architecture/index.html")],
        ]
        if let deployment = model.deployment {
            if deployment.endpoints.contains(where: { $0.endpoint.api != nil }) {
                delivered.append(["name": "API consumer guide", "url": link(page, "api/index.html")])
            }
            var model: [String: Any] = ["name": deployment.model.name, "version": deployment.model.version]
            if let release = deployment.latestRelease { model["released"] = release.date.description }
            exit["model"] = model
            let running = deployment.endpoints.map { "\($0.endpoint.name) (\($0.environment), \($0.endpoint.mode.rawValue))" }
                + deployment.batchJobs.map { "\($0.job.name) (\($0.environment), batch)" }
            if !running.isEmpty { exit["running"] = running.joined(separator: "; ") }
            exit["metrics"] = deployment.model.metrics.map { metric -> [String: Any] in
                ["name": metric.name, "value": formatNumber(metric.value), "objective": metric.objective?.description ?? "–",
                 "result": StatusBadge.metric(metric.objective.map { $0.isMet(by: metric.value) }).context]
            }
            exit["hasMetrics"] = !deployment.model.metrics.isEmpty
            let met = deployment.model.metrics.filter { $0.objective?.isMet(by: $0.value) == true }.count
            let judged = deployment.model.metrics.filter { $0.objective != nil }.count
            exit["metricsSummary"] = "\(met) of \(judged) metric objectives met"
        }
        exit["delivered"] = delivered
        exit["health"] = StatusBadge.health(monitoring?.health.status ?? .unknown).context
        exit["healthText"] = healthSummary
        if let components = monitoring?.health.components, !components.isEmpty {
            exit["components"] = components.map { c -> [String: Any] in
                ["name": c.name, "status": StatusBadge.health(c.status).context]
            }
            exit["hasComponents"] = true
        }
        let open = model.incidents.filter(\.isOpen)
        exit["openIncidents"] = open.map { incidentSummary($0, from: page) }
        exit["hasOpenIncidents"] = !open.isEmpty
        exit["incidentsURL"] = link(page, "incidents/index.html")
        let approved = stage.signoffs.filter { $0.decision == .approved }.count
        exit["signoffSummary"] = stage.signoffs.isEmpty ? "No sign-offs listed yet"
            : "\(approved) of \(stage.signoffs.count) sign-offs approved"
        return exit
    }
}
