import Basics
import Model
import SiteGraph
import Templates

/// `lifecycle/index.html`: the five stages at a glance (`pages/lifecycle`).
struct LifecyclePage: ViewModel {
    struct StageCard: ViewModel {
        var title: String
        var number: Int
        var key: String
        var url: String
        var status: BadgeView
        var artifactsDone: Int
        var artifactsTotal: Int
        var owners: String?
        var dates: String?
        var decision: DecisionView?

        static let fields = ViewFields<Self>(
            "a stage",
            [
                .value("title") { $0.title }, .value("number") { $0.number }, .value("key") { $0.key },
                .value("url") { $0.url }, .model("status") { $0.status },
                .value("artifactsDone") { $0.artifactsDone }, .value("artifactsTotal") { $0.artifactsTotal },
                .value("owners") { $0.owners }, .value("dates") { $0.dates }, .model("decision") { $0.decision },
            ])
    }

    var frame: PageFrame
    var lifecycleSummary: String
    var stages: [StageCard]

    static let fields = ViewFields<Self>(
        "the lifecycle page", embedding: PageFrame.self, { $0.frame },
        [
            .value("lifecycleSummary") { $0.lifecycleSummary },
            .models("stages") { $0.stages },
        ])
}

/// A checkpoint decision: a status with who decided, when, and why.
struct DecisionView: ViewModel {
    var badge: BadgeView
    var date: String?
    var dateISO: String?
    var by: String?
    var notes: String?

    static let fields = ViewFields<Self>(
        "a decision", embedding: BadgeView.self, { $0.badge },
        [
            .value("date") { $0.date }, .value("dateISO") { $0.dateISO }, .value("by") { $0.by }, .value("notes") { $0.notes },
        ])
}

/// A deliverable of a stage.
struct ArtifactView: ViewModel {
    var name: String
    var done: Bool
    var url: String?
    var generated: Bool?

    static let fields = ViewFields<Self>(
        "a deliverable",
        [
            .value("name") { $0.name }, .value("done") { $0.done }, .value("url") { $0.url }, .value("generated") { $0.generated },
        ])
}

/// One stage of the lifecycle (`pages/stage`).
struct StagePage: ViewModel {
    struct Stage: ViewModel {
        var number: Int
        var goal: String
        var status: BadgeView
        var artifacts: [ArtifactView]
        var owners: String?
        var started: String?
        var startedISO: String?
        var finished: String?
        var finishedISO: String?
        var decision: DecisionView?
        var criteria: [Criterion] = []
        var signoffs: [SignoffRow] = []
        var signoffSummary: String?
        var exit: ExitReport?

        static let fields = ViewFields<Self>(
            "the stage",
            [
                .value("hasArtifacts") { $0.artifacts.isEmpty ? nil : true },
                .value("signoffSummary") { $0.signoffSummary },
                .value("number") { $0.number }, .value("goal") { $0.goal }, .model("status") { $0.status },
                .models("artifacts") { $0.artifacts }, .value("owners") { $0.owners },
                .value("started") { $0.started }, .value("startedISO") { $0.startedISO },
                .value("finished") { $0.finished }, .value("finishedISO") { $0.finishedISO },
                .model("decision") { $0.decision },
                .value("hasCriteria") { $0.criteria.isEmpty ? nil : true },
                .models("criteria") { $0.criteria.isEmpty ? nil : $0.criteria },
                .value("hasSignoffs") { $0.signoffs.isEmpty ? nil : true },
                .models("signoffs") { $0.signoffs.isEmpty ? nil : $0.signoffs },
                .model("exit") { $0.exit },
            ])
    }

    struct Criterion: ViewModel {
        var name: String
        var state: String
        var icon: String
        var label: String
        var evidence: String?
        static let fields = ViewFields<Self>(
            "an acceptance criterion",
            [
                .value("name") { $0.name }, .value("state") { $0.state }, .value("icon") { $0.icon }, .value("label") { $0.label },
                .value("evidence") { $0.evidence },
            ])
    }

    struct SignoffRow: ViewModel {
        var name: String
        var decision: BadgeView
        var role: String?
        var date: String?
        var comment: String?
        static let fields = ViewFields<Self>(
            "a sign-off",
            [
                .value("name") { $0.name }, .model("decision") { $0.decision }, .value("role") { $0.role },
                .value("date") { $0.date }, .value("comment") { $0.comment },
            ])
    }

    var frame: PageFrame
    var stage: Stage?
    var missing: MissingView?
    var pager: PagerView?

    static let fields = ViewFields<Self>(
        "a stage page", embedding: PageFrame.self, { $0.frame },
        [
            .model("stage") { $0.stage },
            .model("missing") { $0.missing },
            .model("pager") { $0.pager },
        ])
}

/// The acceptance stage's exit report.
struct ExitReport: ViewModel {
    struct DeliveredModel: ViewModel {
        var name: String
        var version: String
        var released: String?
        static let fields = ViewFields<Self>(
            "the delivered model",
            [
                .value("name") { $0.name }, .value("version") { $0.version }, .value("released") { $0.released },
            ])
    }

    struct Delivered: ViewModel {
        var name: String
        var url: String
        static let fields = ViewFields<Self>("a delivered document", [.value("name") { $0.name }, .value("url") { $0.url }])
    }

    struct ComponentHealth: ViewModel {
        var name: String
        var status: BadgeView
        static let fields = ViewFields<Self>("a component's health", [.value("name") { $0.name }, .model("status") { $0.status }])
    }

    var model: DeliveredModel?
    var running: String?
    /// Nil without deployment metadata.
    var metrics: [MetricRow]?
    var metricsSummary: String?
    var delivered: [Delivered]
    var health: BadgeView
    var healthText: String
    var components: [ComponentHealth]
    var openIncidents: [IncidentSummaryView]
    var incidentsURL: String
    var signoffSummary: String
    var changes: ReleaseChangesView?

    static let fields = ViewFields<Self>(
        "the exit report",
        [
            .model("model") { $0.model },
            .value("running") { $0.running },
            .models("metrics") { $0.metrics },
            .value("hasMetrics") { $0.metrics.map { !$0.isEmpty } },
            .value("metricsSummary") { $0.metricsSummary },
            .models("delivered") { $0.delivered },
            .model("health") { $0.health },
            .value("healthText") { $0.healthText },
            .models("components") { $0.components.isEmpty ? nil : $0.components },
            .value("hasComponents") { $0.components.isEmpty ? nil : true },
            .models("openIncidents") { $0.openIncidents },
            .value("hasOpenIncidents") { !$0.openIncidents.isEmpty },
            .value("incidentsURL") { $0.incidentsURL },
            .value("signoffSummary") { $0.signoffSummary },
            .model("changes") { $0.changes },
        ])
}

extension SiteRenderer {
    func lifecyclePage(_ frame: PageFrame, page: Page) -> LifecyclePage {
        var frame = frame
        frame.page = PageInfo(title: words["nav.lifecycle"], kind: "lifecycle", lede: words["lifecycle.lede"])
        let stages = model.stages.enumerated().map { i, stage -> LifecyclePage.StageCard in
            let artifacts = artifacts(of: stage, from: page)
            return .init(
                title: stage.title, number: i + 1, key: stage.kind.rawValue,
                url: link(page, SitePath.stage(stage.kind)),
                status: BadgeView(.stage(stage.status), words),
                artifactsDone: artifacts.filter(\.done).count, artifactsTotal: artifacts.count,
                owners: stage.owners.isEmpty ? nil : stage.owners.joined(separator: words["list.separator"]),
                dates: dateRange(stage.started, stage.finished),
                decision: stage.decision.map { DecisionView(badge: BadgeView(.decision($0.outcome), words), date: $0.date.map(words.date)) })
        }
        return LifecyclePage(frame: frame, lifecycleSummary: lifecycleSummary, stages: stages)
    }

    func stagePage(_ frame: PageFrame, page: Page, kind: StageKind) -> StagePage {
        var view = StagePage(frame: frame)
        guard let index = model.stages.firstIndex(where: { $0.kind == kind }) else { return view }
        let stage = model.stages[index]
        let goal = words["stage.\(kind.rawValue).goal"]
        view.frame.page = PageInfo(title: stage.title, kind: "stage", description: goal)
        var s = StagePage.Stage(
            number: index + 1, goal: goal, status: BadgeView(.stage(stage.status), words),
            artifacts: artifacts(of: stage, from: page),
            owners: stage.owners.isEmpty ? nil : stage.owners.joined(separator: words["list.separator"]),
            started: stage.started.map(words.date), startedISO: stage.started?.iso8601,
            finished: stage.finished.map(words.date), finishedISO: stage.finished?.iso8601,
            decision: stage.decision.map { d in
                DecisionView(
                    badge: BadgeView(.decision(d.outcome), words), date: d.date.map(words.date),
                    dateISO: d.date?.iso8601, by: d.by, notes: d.notes)
            })
        s.criteria = stage.criteria.map { c in
            let evidence = artifactURL(c.evidence, from: page)
            switch c.met {
            case true?: return .init(name: c.name, state: "met", icon: "✓", label: words["criteria.met"], evidence: evidence)
            case false?: return .init(name: c.name, state: "failed", icon: "✕", label: words["criteria.notMet"], evidence: evidence)
            case nil: return .init(name: c.name, state: "unmet", icon: "○", label: words["criteria.notAssessed"], evidence: evidence)
            }
        }
        if kind == .customerAcceptance {
            s.signoffs = stage.signoffs.map { signoff in
                .init(
                    name: signoff.name, decision: BadgeView(.signoff(signoff.decision), words), role: signoff.role,
                    date: signoff.date.map(words.date), comment: signoff.comment)
            }
            let approved = stage.signoffs.filter { $0.decision == .approved }.count
            s.signoffSummary = stage.signoffs.isEmpty ? nil : words.plural("signoff.summary", stage.signoffs.count, ["approved": words.integer(approved)])
            s.exit = exitReport(stage, from: page)
            // The exit report is generated on this page: a deliverable of that name points at it.
            for i in s.artifacts.indices where i < stage.artifacts.count && isExitReport(stage.artifacts[i]) {
                s.artifacts[i].url = "#exit-report"
                s.artifacts[i].generated = true
                s.artifacts[i].done = true
            }
        }
        view.stage = s
        if stage.body == nil || stage.body?.isBlank == true {
            view.missing = missing(
                .stage, source: "lifecycle/\(kind.rawValue).md",
                example: "---\ntitle: \(words["stage.\(kind.rawValue).title"])\nstatus: in-progress\nowners: [Your Name]\nstarted: 2026-05-18\n---\n")
        }
        // Previous and next stage; the first and the last have one side only.
        let previous = index > 0 ? model.stages[index - 1] : nil
        let next = index + 1 < model.stages.count ? model.stages[index + 1] : nil
        view.pager = PagerView(
            label: words["lifecycle.stagesLabel"],
            previous: previous.map { LinkView(title: $0.title, url: link(page, SitePath.stage($0.kind))) },
            next: next.map { LinkView(title: $0.title, url: link(page, SitePath.stage($0.kind))) })
        return view
    }

    /// A deliverable that names the exit report, which this page generates.
    func isExitReport(_ artifact: Artifact?) -> Bool {
        guard let artifact else { return false }
        let name = artifact.name.lowercased()
        return name.contains("exit report") || name.contains(words["exit.title"].lowercased()) || (artifact.link?.lowercased().contains("exit-report") ?? false)
    }

    /// The stage's deliverables; the deployment stage always lists the three artifacts Handover generates.
    func artifacts(of stage: LifecycleStage, from page: Page) -> [ArtifactView] {
        var items = stage.artifacts.map { ArtifactView(name: $0.name, done: $0.done, url: artifactURL($0.link, from: page)) }
        if stage.kind == .deployment {
            let generated: [(Deliverable, Bool)] = [
                (.dashboard, model.dashboard != nil || !(model.deployment?.objectives.isEmpty ?? true)),
                (.report, model.deployment != nil),
                (.architecture, model.architecture != nil || model.deployment != nil),
            ]
            for (deliverable, available) in generated {
                let name = words[deliverable.titleKey], path = deliverable.rawValue, target = deliverable.outputPath
                let listed = stage.artifacts.firstIndex { a in
                    a.name.lowercased() == name.lowercased() || a.link.map { ["\(path)", "\(path)/", target].contains($0) } == true
                        || (path == "architecture" && a.name.lowercased().contains("architecture"))
                        || (path == "report" && a.name.lowercased().contains("report") && a.name.lowercased().contains("model"))
                        || (path == "dashboard" && a.name.lowercased().contains("dashboard"))
                }
                if let listed {
                    items[listed].url = items[listed].url ?? link(page, target)
                    items[listed].generated = true
                    if available { items[listed].done = true }
                } else {
                    items.append(ArtifactView(name: name, done: available, url: link(page, target), generated: true))
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
        case let (s?, e?): return words("dates.range", ["from": words.date(s), "to": words.date(e)])
        case let (s?, nil): return words("dates.since", ["date": words.date(s)])
        case let (nil, e?): return words("dates.until", ["date": words.date(e)])
        default: return nil
        }
    }

    /// The acceptance stage's exit report, generated from the inputs: what was delivered, the
    /// model's metrics against their objectives, current health, open incidents, sign-off state.
    func exitReport(_ stage: LifecycleStage, from page: Page) -> ExitReport {
        let delivered = Deliverable.delivered(by: model.deployment).map {
            ExitReport.Delivered(name: words[$0.titleKey], url: link(page, $0.outputPath))
        }
        let open = model.incidents.filter(\.isOpen)
        let approved = stage.signoffs.filter { $0.decision == .approved }.count
        var exit = ExitReport(
            delivered: [], health: BadgeView(.health(monitoring?.health.status ?? .unknown), words), healthText: healthDetail,
            components: (monitoring?.health.components ?? []).map { .init(name: $0.name, status: BadgeView(.health($0.status), words)) },
            openIncidents: open.map { incidentSummary($0, from: page) }, incidentsURL: link(page, SitePath.incidents),
            signoffSummary: stage.signoffs.isEmpty
                ? words["signoff.none"] : words.plural("signoff.summary", stage.signoffs.count, ["approved": words.integer(approved)]))
        if let deployment = model.deployment {
            exit.model = .init(
                name: deployment.model.name, version: deployment.model.version,
                released: deployment.latestRelease.map { words.date($0.date) })
            let running =
                deployment.endpoints.map {
                    words(
                        "exit.runningEndpoint", ["name": $0.endpoint.name, "environment": $0.environment, "mode": words["mode.\($0.endpoint.mode.rawValue)"]])
                }
                + deployment.batchJobs.map { words("exit.runningBatch", ["name": $0.job.name, "environment": $0.environment]) }
            if !running.isEmpty { exit.running = running.joined(separator: "; ") }
            exit.metrics = metricRows(deployment.model.metrics)
            let met = deployment.model.metrics.filter { $0.objective?.isMet(by: $0.value) == true }.count
            let judged = deployment.model.metrics.filter { $0.objective != nil }.count
            exit.metricsSummary = words.plural("exit.metricsSummary", judged, ["met": words.integer(met)])
        }
        exit.delivered = delivered
        exit.changes = releaseChanges().map { c in
            var c = c
            c.level = 3
            c.idPrefix = "exit-"
            return c
        }
        return exit
    }
}
