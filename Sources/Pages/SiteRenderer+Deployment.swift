import Model
import SiteGraph

/// First versions of the three deployment artifacts, showing what the metadata holds.
extension SiteRenderer {
    /// Every component of the deployment, in the order deployment.yaml names them.
    var componentNames: [String] { model.deployment?.componentNames ?? [] }

    func objectiveContext(_ objective: Objective) -> [String: Any] {
        ["name": objective.name, "component": objective.component, "series": objective.series,
         "aggregate": objective.aggregate.rawValue, "threshold": objective.thresholdDescription,
         "window": formatDuration(objective.window)]
    }

    func anchorID(_ name: String) -> String {
        String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    func reportContext(_ context: inout [String: Any], page: Page, bodies: [String: SiteRenderer.Body]) {
        context["page"] = ["title": "Final modeling report", "kind": "report"]
        var toc: [(String, String, Int)] = []
        if let deployment = model.deployment {
            let m = deployment.model
            var info: [String: Any] = ["name": m.name, "version": m.version]
            info["task"] = m.task
            info["framework"] = m.framework
            info["owner"] = m.owner
            info["description"] = m.description
            if let t = m.trainedAt { info["trainedAt"] = t.description; info["trainedAtISO"] = t.iso8601 }
            if let data = m.trainingData {
                var d: [String: Any] = ["name": data.name]
                if let rows = data.rows { d["rows"] = groupedNumber(rows) }
                d["url"] = artifactURL(data.link, from: page)
                info["trainingData"] = d
            }
            info["metrics"] = m.metrics.map { metric -> [String: Any] in
                ["name": metric.name, "value": formatNumber(metric.value),
                 "objective": metric.objective?.description ?? "–",
                 "result": StatusBadge.metric(metric.objective.map { $0.isMet(by: metric.value) }).context]
            }
            info["hasMetrics"] = !m.metrics.isEmpty
            if !m.candidates.isEmpty {
                var metricNames: [String] = []
                for c in m.candidates { for (name, _) in c.metrics where !metricNames.contains(name) { metricNames.append(name) } }
                info["candidateMetrics"] = metricNames
                info["candidates"] = m.candidates.map { c -> [String: Any] in
                    ["name": c.name, "chosen": c.chosen,
                     "values": metricNames.map { name in c.metrics.first { $0.name == name }.map { formatNumber($0.value) } ?? "–" }]
                }
                info["hasCandidates"] = true
            }
            context["model"] = info
            toc += [("Summary", "summary", 2), ("Metrics against objectives", "metrics", 2)]
            if !m.candidates.isEmpty { toc.append(("Candidate models", "candidates", 2)) }
            addDeploymentFacts(&context, deployment, page: page)
            if context["hasEndpoints"] != nil { toc.append(("Deployment details", "deployment", 2)) }
            if !deployment.releases.isEmpty { toc.append(("Releases", "releases", 2)) }
            if !deployment.objectives.isEmpty { toc.append(("Monitoring plan", "monitoring-plan", 2)) }
            if !deployment.consumers.isEmpty { toc.append(("Consumers", "consumers", 2)) }
        } else {
            context["missing"] = missing("No deployment metadata yet",
                                         "Describe the model and its deployment in Content/deployment.yaml; this report is generated from it.",
                                         example: "model:\n  name: loan-default\n  version: 1.0.0\n")
        }
        context["sections"] = documentSections(model.reportSections, bodies: bodies, toc: &toc)
        setTOC(&context, toc)
    }

    func architectureContext(_ context: inout [String: Any], page: Page, bodies: [String: SiteRenderer.Body]) {
        context["page"] = ["title": "Solution architecture", "kind": "architecture"]
        var toc: [(String, String, Int)] = []
        var rows: [[String: Any]] = []
        var seen = Set<String>()
        for c in model.architecture?.components ?? [] {
            seen.insert(c.id)
            var row: [String: Any] = ["name": c.name, "anchor": anchorID(c.id), "source": "architecture.yaml"]
            row["kind"] = c.kind
            row["tech"] = c.tech
            row["zone"] = c.zone
            row["description"] = c.description
            rows.append(row)
        }
        if let deployment = model.deployment {
            // Components deployment.yaml names appear even when architecture.yaml leaves them out.
            var named: [(String, String)] = [(deployment.model.name, "model")]
            named += deployment.endpoints.map { ($0.endpoint.name, "endpoint (\($0.endpoint.mode.rawValue))") }
            named += deployment.batchJobs.map { ($0.job.name, "batch job") }
            named += deployment.pipelines.map { ($0.name, "pipeline") }
            named += deployment.consumers.map { ($0.name, "consumer (\($0.kind.rawValue))") }
            for (name, kind) in named where !seen.contains(name) {
                seen.insert(name)
                rows.append(["name": name, "anchor": anchorID(name), "kind": kind, "source": "deployment.yaml"])
            }
        }
        if rows.isEmpty {
            context["missing"] = missing("No components yet",
                                         "List the solution's components and flows in Content/architecture.yaml.",
                                         example: "components:\n  - { id: loans-db, name: Loans database, kind: datastore, zone: data }\n")
        } else {
            context["components"] = rows
            context["hasComponents"] = true
            toc.append(("Components", "components", 2))
        }
        let names = Dictionary((model.architecture?.components ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        if let flows = model.architecture?.flows, !flows.isEmpty {
            context["flows"] = flows.map { flow -> [String: Any] in
                var f: [String: Any] = ["from": names[flow.from] ?? flow.from, "to": names[flow.to] ?? flow.to]
                f["label"] = flow.label
                f["mode"] = flow.mode?.rawValue
                return f
            }
            context["hasFlows"] = true
            toc.append(("Flows", "flows", 2))
        }
        if let deployment = model.deployment {
            addDeploymentFacts(&context, deployment, page: page)
            if context["hasEndpoints"] != nil { toc.append(("Endpoints and environments", "endpoints", 2)) }
        }
        context["sections"] = documentSections(model.architectureSections, bodies: bodies, toc: &toc)
        setTOC(&context, toc)
    }

    func addDeploymentFacts(_ context: inout [String: Any], _ deployment: Deployment, page: Page) {
        var endpoints: [[String: Any]] = deployment.endpoints.map { env, e in
            var row: [String: Any] = ["environment": env, "name": e.name, "mode": e.mode.rawValue]
            row["url"] = e.url
            row["auth"] = e.auth
            if let c = e.compute {
                var parts: [String] = []
                if let sku = c.sku { parts.append(sku) }
                if let n = c.instances { parts.append("\(n) instance\(n == 1 ? "" : "s")") }
                if let a = c.autoscale { parts.append("autoscale \(a)") }
                row["compute"] = parts.joined(separator: " · ")
            }
            return row
        }
        endpoints += deployment.batchJobs.map { env, job in
            var row: [String: Any] = ["environment": env, "name": job.name, "mode": "batch job"]
            row["schedule"] = job.schedule ?? "on demand"
            let io = [job.input.map { "in: \($0)" }, job.output.map { "out: \($0)" }].compactMap { $0 }
            if !io.isEmpty { row["io"] = io.joined(separator: " · ") }
            return row
        }
        if !endpoints.isEmpty {
            context["endpoints"] = endpoints
            context["hasEndpoints"] = true
        }
        if !deployment.releases.isEmpty {
            context["releases"] = deployment.releases.sorted { $0.date > $1.date }.map { r -> [String: Any] in
                var item: [String: Any] = ["version": r.version, "date": r.date.description, "iso": r.date.iso8601]
                item["by"] = r.by
                item["notes"] = r.notes
                return item
            }
            context["hasReleases"] = true
        }
        if !deployment.objectives.isEmpty {
            context["objectives"] = deployment.objectives.map(objectiveContext)
            context["hasObjectives"] = true
        }
        if !deployment.consumers.isEmpty {
            context["consumers"] = deployment.consumers.map { c -> [String: Any] in
                var item: [String: Any] = ["name": c.name, "kind": c.kind.rawValue, "uses": c.uses.joined(separator: ", ")]
                item["description"] = c.description
                return item
            }
            context["hasConsumers"] = true
        }
    }

    func documentSections(_ notes: [Note], bodies: [String: SiteRenderer.Body],
                          toc: inout [(String, String, Int)]) -> [[String: Any]] {
        notes.map { note in
            let id = SiteGraph.sectionID(note.contentPath)
            toc.append((note.title, id + "-title", 2))
            return ["id": id, "title": note.title, "content": bodies[note.contentPath]?.html ?? ""]
        }
    }

    func groupedNumber(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }
}
