import Foundation
import Charts
import Diagrams
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
            if !m.candidates.isEmpty { info["candidateChart"] = candidateChart(m) }
            if !m.featureImportance.isEmpty {
                let sorted = m.featureImportance.sorted { ($1.importance, $0.feature) < ($0.importance, $1.feature) }
                info["features"] = sorted.map { ["name": $0.feature, "value": formatNumber($0.importance)] }
                info["hasFeatures"] = true
                info["featureChart"] = BarChart(title: "Feature importance", description: "Importance of each feature, largest first: "
                                                + sorted.map { "\($0.feature) \(formatNumber($0.importance))" }.joined(separator: ", "),
                                                groups: [.init(title: nil, bars: sorted.map { .init(label: $0.feature, value: $0.importance) })])
                    .svg(id: "feature-chart")
            }
            if let mlflow = m.mlflow {
                info["mlflow"] = mlflowContext(mlflow, page: page)
                if let flavor = mlflow.flavors.first(where: { $0.name != "python_function" }) { info["flavor"] = flavor.name }
                info["featureCount"] = mlflow.inputs.isEmpty ? nil : "\(mlflow.inputs.count) input column\(mlflow.inputs.count == 1 ? "" : "s")"
            }
            if let card = m.card {
                info["card"] = cardContext(card, page: page)
                info["architecture"] = card.architecture
            }
            context["model"] = info
            toc += [("Summary", "summary", 2), ("Metrics against objectives", "metrics", 2)]
            if !m.candidates.isEmpty { toc.append(("Candidate models", "candidates", 2)) }
            if !m.featureImportance.isEmpty { toc.append(("Feature importance", "feature-importance", 2)) }
            if m.mlflow?.hasSignature == true { toc.append(("Model signature", "signature", 2)) }
            addDeploymentFacts(&context, deployment, page: page)
            if context["hasEndpoints"] != nil { toc.append(("Deployment details", "deployment", 2)) }
            if !deployment.releases.isEmpty { toc.append(("Releases", "releases", 2)) }
            if !deployment.objectives.isEmpty { toc.append(("Monitoring plan", "monitoring-plan", 2)) }
            if !deployment.consumers.isEmpty { toc.append(("Consumers", "consumers", 2)) }
            if m.card.map({ !$0.considerations.isEmpty || !$0.metrics.isEmpty }) == true { toc.append(("Considerations", "considerations", 2)) }
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
        if !rows.isEmpty {
            let diagram = ArchitectureDiagram(architecture: model.architecture, deployment: model.deployment)
            if case .success(let svg) = Graphviz.shared.svg(dot: diagram.dot(anchor: anchorID)) {
                let description = "\(diagram.nodes.count) components and \(diagram.edges.count) flows, grouped by zone; "
                    + "dashed arrows are batch flows, dotted ones streams, bold ones real-time calls. The tables below list the same."
                context["diagram"] = InlineSVG.make(svg, id: "architecture-diagram", title: "Solution architecture diagram",
                                                    description: description)
                toc.insert(("Diagram", "diagram", 2), at: 0)
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
        let azure = azureMLContext(deployment)
        if !azure.isEmpty { context["azureml"] = azure }
        if deployment.endpoints.contains(where: { $0.endpoint.api != nil }) { context["hasAPI"] = true }
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

    func candidateChart(_ m: ModelInfo) -> String {
        var names: [String] = []
        for c in m.candidates { for metric in c.metrics where !names.contains(metric.name) { names.append(metric.name) } }
        let groups = names.map { name in
            BarChart.Group(title: name, bars: m.candidates.compactMap { c in
                c.metrics.first { $0.name == name }.map { BarChart.Bar(label: c.name, value: $0.value, highlighted: c.chosen) }
            })
        }
        let chosen = m.candidates.first(where: \.chosen)?.name
        return BarChart(title: "Candidate models by metric",
                        description: "Each metric's values for every candidate" + (chosen.map { "; the chosen model, \($0), is drawn darker" } ?? "")
                            + ". The table below has the same numbers.",
                        groups: groups).svg(id: "candidate-chart")
    }

    func mlflowContext(_ mlflow: MLflowModel, page: Page) -> [String: Any] {
        func fields(_ list: [MLflowModel.Field]) -> [[String: Any]] {
            list.map { f in
                var row: [String: Any] = ["name": f.name ?? "(unnamed)", "type": f.type, "required": f.required ? "yes" : "no"]
                row["default"] = f.defaultValue
                return row
            }
        }
        var facts: [[String: String]] = []
        func fact(_ label: String, _ value: String?) { if let value { facts.append(["label": label, "value": value]) } }
        fact("Flavors", mlflow.flavors.map(\.name).joined(separator: ", "))
        for flavor in mlflow.flavors where flavor.name == "python_function" {
            fact("Loader", flavor.details.first { $0.key == "loader_module" }?.value)
            fact("Python", flavor.details.first { $0.key == "python_version" }?.value)
        }
        fact("MLflow run", mlflow.runID)
        fact("Model UUID", mlflow.modelUUID)
        fact("Logged", mlflow.created)
        fact("MLflow version", mlflow.mlflowVersion)
        fact("Size", mlflow.modelSizeBytes.map { String(format: "%.1f MB", Double($0) / 1_000_000) })
        var context: [String: Any] = ["facts": facts, "file": mlflow.path]
        if !mlflow.inputs.isEmpty { context["inputs"] = fields(mlflow.inputs); context["hasInputs"] = true }
        if !mlflow.outputs.isEmpty { context["outputs"] = fields(mlflow.outputs); context["hasOutputs"] = true }
        if !mlflow.params.isEmpty { context["params"] = fields(mlflow.params); context["hasParams"] = true }
        context["hasSignature"] = mlflow.hasSignature
        return context
    }

    func cardContext(_ card: ModelCard, page: Page) -> [String: Any] {
        var context: [String: Any] = ["file": card.path]
        context["overview"] = card.overview
        var facts: [[String: String]] = []
        func fact(_ label: String, _ value: String?) { if let value, !value.isEmpty { facts.append(["label": label, "value": value]) } }
        fact("Owners", card.owners.joined(separator: "; "))
        fact("Card version", [card.version, card.versionDate.map { "dated \($0)" }].compactMap { $0 }.joined(separator: ", "))
        fact("Licence", card.licenses.joined(separator: "; "))
        fact("Architecture", card.architecture)
        fact("Data sets", card.datasets.joined(separator: "; "))
        context["facts"] = facts
        context["hasCardFacts"] = !facts.isEmpty
        context["hasCardMetrics"] = !card.metrics.isEmpty
        if !card.metrics.isEmpty {
            context["metrics"] = card.metrics.map { m -> [String: Any] in
                var row: [String: Any] = ["type": m.type, "value": m.value, "slice": m.slice ?? "–"]
                row["interval"] = m.confidenceInterval ?? "–"
                return row
            }
        }
        var groups: [[String: Any]] = []
        for kind in ["Intended users", "Use cases", "Limitations", "Trade-offs", "Ethical considerations"] {
            let items = card.considerations.filter { $0.kind == kind }
            guard !items.isEmpty else { continue }
            groups.append(["kind": kind, "items": items.map { c -> [String: Any] in
                var item: [String: Any] = ["text": c.text]
                item["mitigation"] = c.mitigation
                return item
            }])
        }
        if !groups.isEmpty { context["considerations"] = groups }
        return context
    }

    /// What the Azure ML YAML of each endpoint and batch job says.
    func azureMLContext(_ deployment: Deployment) -> [[String: Any]] {
        var specs: [(String, AzureMLSpec)] = deployment.endpoints.compactMap { _, e in e.azureML.map { (e.name, $0) } }
        specs += deployment.batchJobs.compactMap { _, j in j.azureML.map { (j.name, $0) } }
        return specs.map { component, spec in
            var item: [String: Any] = ["component": component, "kind": spec.kind.rawValue, "file": spec.path,
                                       "facts": spec.facts.map { ["label": $0.label, "value": $0.value] }]
            item["name"] = spec.name
            return item
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
