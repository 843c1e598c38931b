import Basics
import Foundation
import Charts
import Diagrams
import Model
import SiteGraph
import Templates

/// `report/index.html`: the final modeling report (`pages/report`).
struct ReportPage: ViewModel {
    var frame: PageFrame
    var model: ReportModel?
    var missing: MissingView?
    var facts: DeploymentFacts?
    var sections: [DocumentSection]
    /// The registered model's versions, pulled from MLflow.
    var registry: RegistryView?
    /// The latest release against the archived previous one.
    var changes: ReleaseChangesView?

    static let fields = ViewFields<Self>(
        "the report", embedding: PageFrame.self, { $0.frame },
        [
            .model("model") { $0.model }, .model("missing") { $0.missing }, .models("sections") { $0.sections }, .model("registry") { $0.registry },
            .model("changes") { $0.changes },
        ]
            + ViewField.keys(of: DeploymentFacts.self) { $0.facts })
}

/// `architecture/index.html`: the final solution architecture document (`pages/architecture`).
struct ArchitecturePage: ViewModel {
    struct Component: ViewModel {
        var name: String
        var anchor: String
        var source: String
        var kind: String?
        var tech: String?
        var zone: String?
        var description: String?

        static let fields = ViewFields<Self>(
            "a component",
            [
                .value("name") { $0.name }, .value("anchor") { $0.anchor }, .value("source") { $0.source },
                .value("kind") { $0.kind }, .value("tech") { $0.tech }, .value("zone") { $0.zone },
                .value("description") { $0.description },
            ])
    }

    struct Flow: ViewModel {
        var from: String
        var to: String
        var label: String?
        var mode: String?

        static let fields = ViewFields<Self>(
            "a flow",
            [
                .value("from") { $0.from }, .value("to") { $0.to }, .value("label") { $0.label }, .value("mode") { $0.mode },
            ])
    }

    var frame: PageFrame
    var diagram: String?
    var missing: MissingView?
    var components: [Component] = []
    var flows: [Flow] = []
    var facts: DeploymentFacts?
    var sections: [DocumentSection] = []
    /// Run → model version → deployment → endpoint, from a registry pulled from MLflow.
    var registry: RegistryView?

    static let fields = ViewFields<Self>(
        "the architecture document", embedding: PageFrame.self, { $0.frame },
        [
            .model("registry") { $0.registry },
            .value("diagram") { $0.diagram },
            .model("missing") { $0.missing },
            .models("components") { $0.components.isEmpty ? nil : $0.components },
            .value("hasComponents") { $0.components.isEmpty ? nil : true },
            .models("flows") { $0.flows.isEmpty ? nil : $0.flows },
            .value("hasFlows") { $0.flows.isEmpty ? nil : true },
            .models("sections") { $0.sections },
        ] + ViewField.keys(of: DeploymentFacts.self) { $0.facts })
}

/// A note of `Content/report/` or `Content/architecture/`, shown as a section of its document.
struct DocumentSection: ViewModel {
    var id: String
    var title: String
    var content: String

    static let fields = ViewFields<Self>(
        "a document section",
        [
            .value("id") { $0.id }, .value("title") { $0.title }, .value("content") { $0.content },
        ])
}

/// What deployment.yaml says about where and how the model runs: shared by the report and the architecture.
struct DeploymentFacts: ViewModel {
    struct EndpointRow: ViewModel {
        var environment: String
        var name: String
        var mode: String
        var url: String?
        var auth: String?
        var compute: String?
        var schedule: String?
        var io: String?

        static let fields = ViewFields<Self>(
            "an endpoint or batch job",
            [
                .value("environment") { $0.environment }, .value("name") { $0.name }, .value("mode") { $0.mode },
                .value("url") { $0.url }, .value("auth") { $0.auth }, .value("compute") { $0.compute },
                .value("schedule") { $0.schedule }, .value("io") { $0.io },
            ])
    }

    struct AzureDeploymentRow: ViewModel {
        var environment: String
        var component: String
        var name: String
        var traffic: String?
        /// False only for a deployment its endpoint gives 0 % of the traffic (kept warm, or drained).
        var isLive: Bool
        var isDefault: Bool
        var instanceType: String?
        var instanceCount: String?
        var model: String?
        static let fields = ViewFields<Self>(
            "an Azure ML deployment",
            [
                .value("environment") { $0.environment }, .value("component") { $0.component }, .value("name") { $0.name },
                .value("traffic") { $0.traffic }, .value("isLive") { $0.isLive }, .value("isDefault") { $0.isDefault },
                .value("instanceType") { $0.instanceType }, .value("instanceCount") { $0.instanceCount },
                .value("model") { $0.model },
            ])
    }

    struct AzureMLView: ViewModel {
        var id: String
        var component: String
        var kind: String
        var file: String
        var facts: [FactView]
        var name: String?

        static let fields = ViewFields<Self>(
            "an Azure ML file",
            [
                .value("id") { $0.id }, .value("component") { $0.component }, .value("kind") { $0.kind },
                .value("file") { $0.file },
                .models("facts") { $0.facts }, .value("name") { $0.name },
            ])
    }

    struct ReleaseRow: ViewModel {
        var version: String
        var date: String
        var iso: String
        var by: String?
        var notes: String?

        static let fields = ViewFields<Self>(
            "a release",
            [
                .value("version") { $0.version }, .value("date") { $0.date }, .value("iso") { $0.iso },
                .value("by") { $0.by }, .value("notes") { $0.notes },
            ])
    }

    struct ConsumerRow: ViewModel {
        var name: String
        var kind: String
        var uses: String
        var description: String?

        static let fields = ViewFields<Self>(
            "a consumer",
            [
                .value("name") { $0.name }, .value("kind") { $0.kind }, .value("uses") { $0.uses },
                .value("description") { $0.description },
            ])
    }

    var endpoints: [EndpointRow]
    var azureml: [AzureMLView]
    var azureDeployments: [AzureDeploymentRow]
    var hasAPI: Bool
    var releases: [ReleaseRow]
    var objectives: [ObjectiveView]
    var consumers: [ConsumerRow]

    static let fields = ViewFields<Self>(
        "the deployment",
        [
            .models("endpoints") { $0.endpoints.isEmpty ? nil : $0.endpoints },
            .value("hasEndpoints") { $0.endpoints.isEmpty ? nil : true },
            .models("azureml") { $0.azureml.isEmpty ? nil : $0.azureml },
            .models("azureDeployments") { $0.azureDeployments.isEmpty ? nil : $0.azureDeployments },
            .value("hasAzureDeployments") { $0.azureDeployments.isEmpty ? nil : true },
            .value("hasAPI") { $0.hasAPI ? true : nil },
            .models("releases") { $0.releases.isEmpty ? nil : $0.releases },
            .value("hasReleases") { $0.releases.isEmpty ? nil : true },
            .models("objectives") { $0.objectives.isEmpty ? nil : $0.objectives },
            .value("hasObjectives") { $0.objectives.isEmpty ? nil : true },
            .models("consumers") { $0.consumers.isEmpty ? nil : $0.consumers },
            .value("hasConsumers") { $0.consumers.isEmpty ? nil : true },
        ])
}

/// A metric of the chosen model against its objective.
struct MetricRow: ViewModel {
    var name: String
    var value: String
    var objective: String
    var result: BadgeView

    static let fields = ViewFields<Self>(
        "a metric",
        [
            .value("name") { $0.name }, .value("value") { $0.value }, .value("objective") { $0.objective },
            .model("result") { $0.result },
        ])
}

/// The model as the report shows it.
struct ReportModel: ViewModel {
    struct TrainingData: ViewModel {
        var name: String
        var rows: String?
        var url: String?
        static let fields = ViewFields<Self>(
            "the training data",
            [
                .value("name") { $0.name }, .value("rows") { $0.rows }, .value("url") { $0.url },
            ])
    }

    struct Candidate: ViewModel {
        var name: String
        var chosen: Bool
        var values: [String]
        static let fields = ViewFields<Self>(
            "a candidate model",
            [
                .value("name") { $0.name }, .value("chosen") { $0.chosen }, .value("values") { $0.values },
            ])
    }

    struct Feature: ViewModel {
        var name: String
        var value: String
        static let fields = ViewFields<Self>("a feature", [.value("name") { $0.name }, .value("value") { $0.value }])
    }

    var name: String
    var version: String
    var task: String?
    var framework: String?
    var owner: String?
    var description: String?
    var trainedAt: String?
    var trainedAtISO: String?
    var trainingData: TrainingData?
    var metrics: [MetricRow]
    var candidateMetrics: [String] = []
    var candidates: [Candidate] = []
    var candidateChart: String?
    var features: [Feature] = []
    var featureChart: String?
    var mlflow: MLflowView?
    var flavor: String?
    var featureCount: String?
    var card: CardView?
    var architecture: String?

    static let fields = ViewFields<Self>(
        "the model",
        [
            .value("name") { $0.name },
            .value("version") { $0.version },
            .value("task") { $0.task },
            .value("framework") { $0.framework },
            .value("owner") { $0.owner },
            .value("description") { $0.description },
            .value("trainedAt") { $0.trainedAt },
            .value("trainedAtISO") { $0.trainedAtISO },
            .model("trainingData") { $0.trainingData },
            .models("metrics") { $0.metrics },
            .value("hasMetrics") { !$0.metrics.isEmpty },
            .value("candidateMetrics") { $0.candidates.isEmpty ? nil : $0.candidateMetrics },
            .models("candidates") { $0.candidates.isEmpty ? nil : $0.candidates },
            .value("hasCandidates") { $0.candidates.isEmpty ? nil : true },
            .value("candidateChart") { $0.candidateChart },
            .models("features") { $0.features.isEmpty ? nil : $0.features },
            .value("hasFeatures") { $0.features.isEmpty ? nil : true },
            .value("featureChart") { $0.featureChart },
            .model("mlflow") { $0.mlflow },
            .value("flavor") { $0.flavor },
            .value("featureCount") { $0.featureCount },
            .model("card") { $0.card },
            .value("architecture") { $0.architecture },
        ])
}

/// What an MLflow `MLmodel` file says: packaging facts, flavors with their library versions, and
/// the signature. Words are the template's; these are the values.
struct MLflowView: ViewModel {
    struct Column: ViewModel {
        var name: String?
        var type: String
        var required: Bool
        var `default`: String?
        static let fields = ViewFields<Self>(
            "a column",
            [
                .value("name") { $0.name }, .value("type") { $0.type }, .value("required") { $0.required },
                .value("default") { $0.default },
            ])
    }

    /// A flavor: `sklearn` with `sklearn_version: 1.5.2`, `python_function` with its loader.
    struct Flavor: ViewModel {
        struct Version: ViewModel {
            /// The library, from the key (`lgb_version` → `lgb`).
            var library: String
            var version: String
            static let fields = ViewFields<Self>(
                "a library version", [.value("library") { $0.library }, .value("version") { $0.version }])
        }
        var name: String
        var versions: [Version]
        /// Everything else the flavor says that fits on a line, as `key: value`.
        var details: [FactView]
        static let fields = ViewFields<Self>(
            "a flavor",
            [
                .value("name") { $0.name }, .models("versions") { $0.versions.isEmpty ? nil : $0.versions },
                .models("details") { $0.details.isEmpty ? nil : $0.details },
            ])
    }

    var file: String
    var flavors: [Flavor]
    var pythonVersion: String?
    var loader: String?
    var mlflowVersion: String?
    var runID: String?
    var modelUUID: String?
    var created: String?
    var size: String?
    var sizeBytes: String?
    var inputs: [Column]
    var outputs: [Column]
    var params: [Column]
    var hasSignature: Bool

    static let fields = ViewFields<Self>(
        "the MLflow model",
        [
            .value("file") { $0.file },
            .models("flavors") { $0.flavors.isEmpty ? nil : $0.flavors },
            .value("hasFlavors") { !$0.flavors.isEmpty },
            .value("pythonVersion") { $0.pythonVersion },
            .value("loader") { $0.loader },
            .value("mlflowVersion") { $0.mlflowVersion },
            .value("runID") { $0.runID },
            .value("modelUUID") { $0.modelUUID },
            .value("created") { $0.created },
            .value("size") { $0.size },
            .value("sizeBytes") { $0.sizeBytes },
            .models("inputs") { $0.inputs.isEmpty ? nil : $0.inputs },
            .value("hasInputs") { $0.inputs.isEmpty ? nil : true },
            .models("outputs") { $0.outputs.isEmpty ? nil : $0.outputs },
            .value("hasOutputs") { $0.outputs.isEmpty ? nil : true },
            .models("params") { $0.params.isEmpty ? nil : $0.params },
            .value("hasParams") { $0.params.isEmpty ? nil : true },
            .value("hasSignature") { $0.hasSignature },
        ])
}

/// What a Model Card Toolkit card says.
struct CardView: ViewModel {
    struct Metric: ViewModel {
        var type: String
        var value: String
        var slice: String
        var interval: String
        static let fields = ViewFields<Self>(
            "a card metric",
            [
                .value("type") { $0.type }, .value("value") { $0.value }, .value("slice") { $0.slice },
                .value("interval") { $0.interval },
            ])
    }

    struct Group: ViewModel {
        struct Item: ViewModel {
            var text: String
            var mitigation: String?
            static let fields = ViewFields<Self>(
                "a consideration",
                [
                    .value("text") { $0.text }, .value("mitigation") { $0.mitigation },
                ])
        }

        var kind: String
        var items: [Item]
        static let fields = ViewFields<Self>(
            "a group of considerations",
            [
                .value("kind") { $0.kind }, .models("items") { $0.items },
            ])
    }

    struct Dataset: ViewModel {
        var name: String
        var link: String?
        var role: ModelCard.Dataset.Role?
        static let fields = ViewFields<Self>(
            "a data set of the card",
            [
                .value("name") { $0.name }, .value("link") { $0.link },
                .value("isTrain") { $0.role == .train }, .value("isEval") { $0.role == .eval },
            ])
    }

    struct Reference: ViewModel {
        var text: String
        /// Only http(s) references become links; anything else is shown as text.
        var url: String?
        static let fields = ViewFields<Self>(
            "a reference", [.value("text") { $0.text }, .value("url") { $0.url }])
    }

    var file: String
    var overview: String?
    var schemaVersion: String?
    var facts: [FactView]
    var metrics: [Metric]
    var considerations: [Group]
    var datasets: [Dataset]
    var references: [Reference]
    var citations: [String]

    static let fields = ViewFields<Self>(
        "the model card",
        [
            .value("file") { $0.file },
            .value("schemaVersion") { $0.schemaVersion },
            .value("hasDatasets") { !$0.datasets.isEmpty },
            .models("datasets") { $0.datasets.isEmpty ? nil : $0.datasets },
            .value("hasReferences") { !$0.references.isEmpty },
            .models("references") { $0.references.isEmpty ? nil : $0.references },
            .value("citations") { $0.citations.isEmpty ? nil : $0.citations },
            .value("overview") { $0.overview },
            .models("facts") { $0.facts },
            .value("hasCardFacts") { !$0.facts.isEmpty },
            .value("hasCardMetrics") { !$0.metrics.isEmpty },
            .models("metrics") { $0.metrics.isEmpty ? nil : $0.metrics },
            .models("considerations") { $0.considerations.isEmpty ? nil : $0.considerations },
        ])
}

/// First versions of the three deployment artifacts, showing what the metadata holds.
extension SiteRenderer {
    /// Every component of the deployment, in the order deployment.yaml names them.
    var componentNames: [String] { model.deployment?.componentNames ?? [] }

    func objectiveView(_ objective: Objective) -> ObjectiveView {
        ObjectiveView(
            name: objective.name, component: objective.component, series: objective.series,
            aggregate: aggregateWords(objective.aggregate), threshold: thresholdText(objective),
            window: words.period(objective.window))
    }

    func anchorID(_ name: String) -> String { anchorSlug(name) }

    /// `≥ 0.85`, `≤ 0.1`: a metric's objective as a reader writes it, not as YAML does.
    func comparisonText(_ objective: MetricObjective) -> String {
        let symbol =
            switch objective.comparison {
            case .atLeast: "≥"
            case .atMost: "≤"
            case .above: ">"
            case .below: "<"
            case .equal: "="
            }
        return "\(symbol) \(words.readable(objective.threshold))"
    }

    func metricRows(_ metrics: [ModelMetric]) -> [MetricRow] {
        metrics.map { metric in
            MetricRow(
                name: metric.name, value: formatNumber(metric.value), objective: metric.objective.map(comparisonText) ?? "–",
                result: BadgeView(.metric(metric.objective.map { $0.isMet(by: metric.value) }), words))
        }
    }

    func reportPage(_ frame: PageFrame, page: Page, bodies: [String: SiteRenderer.Body]) -> ReportPage {
        var frame = frame
        frame.page = PageInfo(title: words[Deliverable.report.titleKey], kind: "report")
        var view = ReportPage(frame: frame, sections: [])
        var toc: [(String, String, Int)] = []
        if let deployment = model.deployment {
            let m = deployment.model
            var info = ReportModel(
                name: m.name, version: m.version, task: m.task, framework: m.framework, owner: m.owner,
                description: m.description, trainedAt: m.trainedAt.map(words.date),
                trainedAtISO: m.trainedAt?.iso8601,
                trainingData: m.trainingData.map { data in
                    .init(name: data.name, rows: data.rows.map(groupedNumber), url: artifactURL(data.link, from: page))
                },
                metrics: metricRows(m.metrics))
            if !m.candidates.isEmpty {
                var metricNames: [String] = []
                for c in m.candidates { for (name, _) in c.metrics where !metricNames.contains(name) { metricNames.append(name) } }
                info.candidateMetrics = metricNames
                info.candidates = m.candidates.map { c in
                    .init(
                        name: c.name, chosen: c.chosen,
                        values: metricNames.map { name in c.metrics.first { $0.name == name }.map { formatNumber($0.value) } ?? "–" })
                }
                info.candidateChart = candidateChart(m)
            }
            if !m.featureImportance.isEmpty {
                let sorted = m.featureImportance.sorted { ($1.importance, $0.feature) < ($0.importance, $1.feature) }
                info.features = sorted.map { .init(name: $0.feature, value: formatNumber($0.importance)) }
                info.featureChart = BarChart(
                    title: words["report.features.title"],
                    description: words(
                        "report.features.chartDescription",
                        ["features": sorted.map { "\($0.feature) \(formatNumber($0.importance))" }.joined(separator: words["list.separator"])]),
                    groups: [.init(title: nil, bars: sorted.map { .init(label: $0.feature, value: $0.importance) })]
                )
                .svg(id: "feature-chart")
            }
            if let mlflow = m.mlflow {
                info.mlflow = mlflowView(mlflow)
                info.flavor = mlflow.flavors.first(where: { $0.name != "python_function" })?.name
                info.featureCount = mlflow.inputs.isEmpty ? nil : words.plural("report.inputColumns", mlflow.inputs.count)
            }
            if let card = m.card {
                info.card = cardView(card)
                info.architecture = card.architecture
            }
            view.model = info
            toc += [(words["report.toc.summary"], "summary", 2), (words["report.toc.metrics"], "metrics", 2)]
            if !m.candidates.isEmpty { toc.append((words["report.toc.candidates"], "candidates", 2)) }
            if !m.featureImportance.isEmpty { toc.append((words["report.features.title"], "feature-importance", 2)) }
            if m.mlflow?.hasSignature == true { toc.append((words["report.toc.signature"], "signature", 2)) }
            if let registry = m.registry, !registry.versions.isEmpty {
                view.registry = registryView(registry, deployment: deployment)
                toc.append((words["report.toc.versions"], "model-versions", 2))
            }
            let facts = deploymentFacts(deployment, page: page)
            view.facts = facts
            if !facts.endpoints.isEmpty { toc.append((words["report.toc.deployment"], "deployment", 2)) }
            if !deployment.releases.isEmpty { toc.append((words["report.toc.releases"], "releases", 2)) }
            if let changes = releaseChanges() {
                view.changes = changes
                toc.append((words("changes.title", ["version": changes.previousVersion]), "changes", 2))
            }
            if !deployment.objectives.isEmpty { toc.append((words["report.toc.monitoring"], "monitoring-plan", 2)) }
            if !deployment.consumers.isEmpty { toc.append((words["report.toc.consumers"], "consumers", 2)) }
            if m.card.map({ !$0.considerations.isEmpty || !$0.metrics.isEmpty }) == true {
                toc.append((words["report.toc.considerations"], "considerations", 2))
            }
        } else {
            view.missing = missing(
                .report,
                example: "model:\n  name: loan-default\n  version: 1.0.0\n")
        }
        view.sections = documentSections(model.reportSections, bodies: bodies, toc: &toc)
        view.frame.setTOC(tocEntries(toc))
        return view
    }

    func architecturePage(_ frame: PageFrame, page: Page, bodies: [String: SiteRenderer.Body]) -> ArchitecturePage {
        var frame = frame
        frame.page = PageInfo(title: words[Deliverable.architecture.titleKey], kind: "architecture")
        var view = ArchitecturePage(frame: frame)
        var toc: [(String, String, Int)] = []
        var rows: [ArchitecturePage.Component] = []
        var seen = Set<String>()
        for c in model.architecture?.components ?? [] {
            seen.insert(c.id)
            rows.append(
                .init(
                    name: c.name, anchor: anchorID(c.id), source: "Content/architecture.yaml", kind: c.kind, tech: c.tech,
                    zone: c.zone, description: c.description))
        }
        if let deployment = model.deployment {
            // Components deployment.yaml names appear even when architecture.yaml leaves them out.
            var named: [(String, String)] = [(deployment.model.name, words["architecture.kind.model"])]
            named += deployment.endpoints.map { ($0.endpoint.name, words("architecture.kind.endpoint", ["mode": words["mode.\($0.endpoint.mode.rawValue)"]])) }
            named += deployment.batchJobs.map { ($0.job.name, words["architecture.kind.batchJob"]) }
            named += deployment.pipelines.map { ($0.name, words["architecture.kind.pipeline"]) }
            named += deployment.consumers.map { ($0.name, words("architecture.kind.consumer", ["kind": words["consumer.\($0.kind.rawValue)"]])) }
            for (name, kind) in named where !seen.contains(name) {
                seen.insert(name)
                rows.append(.init(name: name, anchor: anchorID(name), source: "Content/deployment.yaml", kind: kind))
            }
        }
        if !rows.isEmpty {
            let diagram = ArchitectureDiagram(architecture: model.architecture, deployment: model.deployment, words: words)
            if case .success(let svg) = Graphviz.shared.svg(dot: diagram.dot(anchor: anchorID)) {
                let description = words(
                    "architecture.diagram.description",
                    [
                        "components": words.plural("architecture.diagram.components", diagram.nodes.count),
                        "flows": words.plural("architecture.diagram.flows", diagram.edges.count),
                    ])
                view.diagram = InlineSVG.make(
                    svg, id: "architecture-diagram", title: words["architecture.diagram.title"],
                    description: description)
                toc.insert((words["architecture.toc.diagram"], "diagram", 2), at: 0)
            }
        }
        if rows.isEmpty {
            view.missing = missing(
                .architecture,
                example: "components:\n  - { id: loans-db, name: Loans database, kind: datastore, zone: data }\n")
        } else {
            view.components = rows
            toc.append((words["architecture.toc.components"], "components", 2))
        }
        let names = Dictionary((model.architecture?.components ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        if let flows = model.architecture?.flows, !flows.isEmpty {
            view.flows = flows.map { flow in
                .init(
                    from: names[flow.from] ?? flow.from, to: names[flow.to] ?? flow.to, label: flow.label, mode: flow.mode.map { words["mode.\($0.rawValue)"] })
            }
            toc.append((words["architecture.toc.flows"], "flows", 2))
        }
        if let deployment = model.deployment {
            let facts = deploymentFacts(deployment, page: page)
            view.facts = facts
            if !facts.endpoints.isEmpty { toc.append((words["architecture.toc.endpoints"], "endpoints", 2)) }
            if let registry = deployment.model.registry, !registry.versions.isEmpty {
                let registryView = registryView(registry, deployment: deployment)
                if !registryView.lineage.isEmpty {
                    view.registry = registryView
                    toc.append((words["architecture.toc.lineage"], "lineage", 2))
                }
            }
        }
        view.sections = documentSections(model.architectureSections, bodies: bodies, toc: &toc)
        view.frame.setTOC(tocEntries(toc))
        return view
    }

    func deploymentFacts(_ deployment: Deployment, page: Page) -> DeploymentFacts {
        var endpoints: [DeploymentFacts.EndpointRow] = deployment.endpoints.map { env, e in
            var compute: String?
            if let c = e.compute {
                var parts: [String] = []
                if let sku = c.sku { parts.append(sku) }
                if let n = c.instances { parts.append(words.plural("deployment.instances", n)) }
                if let a = c.autoscale { parts.append(words("deployment.autoscale", ["range": a])) }
                compute = parts.joined(separator: " · ")
            }
            return .init(environment: env, name: e.name, mode: words["mode.\(e.mode.rawValue)"], url: e.url, auth: e.auth, compute: compute)
        }
        endpoints += deployment.batchJobs.map { env, job in
            let io = [job.input.map { words("deployment.input", ["path": $0]) }, job.output.map { words("deployment.output", ["path": $0]) }]
                .compactMap { $0 }
            return .init(
                environment: env, name: job.name, mode: words["architecture.kind.batchJob"],
                schedule: job.schedule.map(words.cron) ?? words["deployment.onDemand"],
                io: io.isEmpty ? nil : io.joined(separator: " · "))
        }
        return DeploymentFacts(
            endpoints: endpoints,
            azureml: azureMLViews(deployment),
            azureDeployments: azureDeploymentRows(deployment),
            hasAPI: deployment.endpoints.contains(where: { $0.endpoint.api != nil }),
            releases: deployment.releases.sorted { $0.date > $1.date }.map { r in
                .init(version: r.version, date: words.date(r.date), iso: r.date.iso8601, by: r.by, notes: r.notes)
            },
            objectives: deployment.objectives.map(objectiveView),
            consumers: deployment.consumers.map { c in
                .init(
                    name: c.name, kind: words["consumer.\(c.kind.rawValue)"], uses: c.uses.joined(separator: words["list.separator"]),
                    description: c.description)
            })
    }

    func candidateChart(_ m: ModelInfo) -> String {
        var names: [String] = []
        for c in m.candidates { for metric in c.metrics where !names.contains(metric.name) { names.append(metric.name) } }
        let groups = names.map { name in
            BarChart.Group(
                title: name,
                bars: m.candidates.compactMap { c in
                    c.metrics.first { $0.name == name }.map { BarChart.Bar(label: c.name, value: $0.value, highlighted: c.chosen) }
                })
        }
        let chosen = m.candidates.first(where: \.chosen)?.name
        return BarChart(
            title: words["report.candidates.chartTitle"],
            description: chosen.map { words("report.candidates.chartDescriptionChosen", ["model": $0]) }
                ?? words["report.candidates.chartDescription"],
            groups: groups
        ).svg(id: "candidate-chart")
    }

    func mlflowView(_ mlflow: MLflowModel) -> MLflowView {
        func columns(_ list: [MLflowModel.Field]) -> [MLflowView.Column] {
            list.map { .init(name: $0.name, type: $0.type, required: $0.required, default: $0.defaultValue) }
        }
        let pyfunc = mlflow.flavors.first { $0.name == "python_function" }
        let flavors = mlflow.flavors.map { flavor in
            var versions: [MLflowView.Flavor.Version] = []
            var details: [FactView] = []
            for (key, value) in flavor.details {
                if key.hasSuffix("_version"), key != "python_version" {
                    versions.append(.init(library: String(key.dropLast("_version".count)), version: value))
                } else if key != "python_version", key != "loader_module", value.count <= 80 {
                    details.append(FactView(label: key, value: value))
                }
            }
            return MLflowView.Flavor(name: flavor.name, versions: versions, details: details)
        }
        return MLflowView(
            file: mlflow.path, flavors: flavors,
            pythonVersion: pyfunc?.details.first { $0.key == "python_version" }?.value,
            loader: pyfunc?.details.first { $0.key == "loader_module" }?.value,
            mlflowVersion: mlflow.mlflowVersion, runID: mlflow.runID, modelUUID: mlflow.modelUUID, created: mlflow.created,
            size: mlflow.modelSizeBytes.map { words.localized(fileSizeText($0)) }, sizeBytes: mlflow.modelSizeBytes.map { groupedNumber($0) },
            inputs: columns(mlflow.inputs), outputs: columns(mlflow.outputs), params: columns(mlflow.params),
            hasSignature: mlflow.hasSignature)
    }

    func cardView(_ card: ModelCard) -> CardView {
        var facts: [FactView] = []
        func fact(_ label: String, _ value: String?) { if let value, !value.isEmpty { facts.append(FactView(label: label, value: value)) } }
        fact(words["card.owners"], card.owners.joined(separator: "; "))
        fact(
            words["card.version"],
            [card.version, card.versionDate.map { words("card.dated", ["date": words.day(iso: $0)]) }].compactMap { $0 }
                .joined(separator: words["list.separator"]))
        fact(words["card.licence"], card.licenses.joined(separator: "; "))
        fact(words["card.architecture"], card.architecture)
        var groups: [CardView.Group] = []
        // The kinds as the model card reader names them, each with its message.
        let kinds = [
            ("Intended users", "card.kind.users"), ("Use cases", "card.kind.useCases"), ("Limitations", "card.kind.limitations"),
            ("Trade-offs", "card.kind.tradeoffs"), ("Ethical considerations", "card.kind.ethical"),
        ]
        for (kind, key) in kinds {
            let items = card.considerations.filter { $0.kind == kind }
            guard !items.isEmpty else { continue }
            groups.append(.init(kind: words[key], items: items.map { .init(text: $0.text, mitigation: $0.mitigation) }))
        }
        func webLink(_ text: String?) -> String? {
            guard let text = text?.trimmingCharacters(in: .whitespaces) else { return nil }
            let lower = text.lowercased()
            guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), !text.contains(" ") else { return nil }
            return text
        }
        return CardView(
            file: card.path, overview: card.overview, schemaVersion: card.schemaVersion, facts: facts,
            metrics: card.metrics.map { .init(type: $0.type, value: $0.value, slice: $0.slice ?? "–", interval: $0.confidenceInterval ?? "–") },
            considerations: groups,
            datasets: card.datasets.map { .init(name: $0.name, link: webLink($0.link), role: $0.role) },
            references: card.references.map { .init(text: $0, url: webLink($0)) },
            citations: card.citations)
    }

    /// Every Azure ML file of each endpoint and batch job, with the component it belongs to.
    func azureMLSpecs(_ deployment: Deployment) -> [(component: String, environment: String, spec: AzureMLSpec)] {
        deployment.endpoints.flatMap { env, e in e.azureML.map { (e.name, env, $0) } }
            + deployment.batchJobs.flatMap { env, j in j.azureML.map { (j.name, env, $0) } }
    }

    /// What the Azure ML YAML of each endpoint and batch job says.
    func azureMLViews(_ deployment: Deployment) -> [DeploymentFacts.AzureMLView] {
        var ids = Set<String>()
        return azureMLSpecs(deployment).map { component, _, spec in
            var id = "azureml-" + slug(component + (spec.name.map { "-" + $0 } ?? ""))
            while ids.contains(id) { id += "-2" }
            ids.insert(id)
            return .init(
                id: id, component: component, kind: spec.kind.rawValue, file: spec.path,
                facts: spec.facts.map { FactView(label: $0.label, value: $0.value) }, name: spec.name)
        }
    }

    /// Each Azure ML deployment of an endpoint with its share of the endpoint's traffic.
    func azureDeploymentRows(_ deployment: Deployment) -> [DeploymentFacts.AzureDeploymentRow] {
        var rows: [DeploymentFacts.AzureDeploymentRow] = []
        let all = azureMLSpecs(deployment)
        for (component, environment, spec) in all where spec.kind == .onlineDeployment || spec.kind == .batchDeployment {
            let endpoint = all.first { $0.component == component && ($0.spec.kind == .onlineEndpoint || $0.spec.kind == .batchEndpoint) }
            let share = endpoint?.spec.traffic.first { $0.deployment == spec.name }?.percent
            // A batch endpoint sends its jobs to its default deployment.
            let isDefault = endpoint.map { $0.spec.defaultDeployment != nil && $0.spec.defaultDeployment == spec.name } ?? false
            rows.append(
                .init(
                    environment: environment, component: component, name: spec.name ?? spec.path,
                    traffic: share.map { "\($0) %" }, isLive: share != 0, isDefault: isDefault,
                    instanceType: spec.instanceType, instanceCount: spec.instanceCount.map(String.init), model: spec.model))
        }
        return rows
    }

    func documentSections(
        _ notes: [Note], bodies: [String: SiteRenderer.Body],
        toc: inout [(String, String, Int)]
    ) -> [DocumentSection] {
        notes.map { note in
            let id = SiteGraph.sectionID(note.contentPath)
            toc.append((note.title, id + "-title", 2))
            return DocumentSection(id: id, title: note.title, content: bodies[note.contentPath]?.html ?? "")
        }
    }

    func groupedNumber(_ n: Int) -> String {
        words.integer(n)
    }
}
