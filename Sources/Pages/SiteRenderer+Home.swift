import Basics
import Model
import SiteGraph
import Templates

/// `index.html`: the way into the three deliverables, health and lifecycle at a glance.
struct HomePage: ViewModel {
    struct ModelName: ViewModel {
        var name: String
        var version: String
        static let fields = ViewFields<Self>("the model", [.value("name") { $0.name }, .value("version") { $0.version }])
    }

    struct Release: ViewModel {
        var version: String
        var date: String
        var iso: String
        static let fields = ViewFields<Self>(
            "the latest release",
            [
                .value("version") { $0.version }, .value("date") { $0.date }, .value("iso") { $0.iso },
            ])
    }

    struct Deliverable: ViewModel {
        var title: String
        var url: String
        var text: String
        static let fields = ViewFields<Self>(
            "a deliverable",
            [
                .value("title") { $0.title }, .value("url") { $0.url }, .value("text") { $0.text },
            ])
    }

    var frame: PageFrame
    var model: ModelName?
    var latestRelease: Release?
    var health: BadgeView
    var healthText: String
    var lifecycleSummary: String
    var stages: [StageStep]
    var deliverables: [Deliverable]
    var openIncidents: [IncidentSummaryView]
    var hasTeam: Bool

    static let fields = ViewFields<Self>(
        "the home page", embedding: PageFrame.self, { $0.frame },
        [
            .model("model") { $0.model },
            .model("latestRelease") { $0.latestRelease },
            .model("health") { $0.health },
            .value("healthText") { $0.healthText },
            .value("lifecycleSummary") { $0.lifecycleSummary },
            .models("stages") { $0.stages },
            .models("deliverables") { $0.deliverables },
            .models("openIncidents") { $0.openIncidents.isEmpty ? nil : $0.openIncidents },
            .value("hasOpenIncidents") { $0.openIncidents.isEmpty ? nil : true },
            .value("hasTeam") { $0.hasTeam },
        ])
}

/// A stage in the lifecycle steps (`partials/stage-steps`).
struct StageStep: ViewModel {
    var title: String
    var number: Int
    var key: String
    var url: String
    var status: BadgeView

    static let fields = ViewFields<Self>(
        "a lifecycle step",
        [
            .value("title") { $0.title },
            .value("number") { $0.number },
            .value("key") { $0.key },
            .value("url") { $0.url },
            .model("status") { $0.status },
        ])
}

extension SiteRenderer {
    func homePage(_ frame: PageFrame) -> HomePage {
        var frame = frame
        let page = graph.page(at: SitePath.home)!
        frame.page = PageInfo(title: model.config.title, kind: "home", description: model.config.description ?? "")
        let deliverables = Deliverable.delivered(by: model.deployment).map {
            HomePage.Deliverable(title: words[$0.titleKey], url: link(page, $0.outputPath), text: words[$0.summaryKey])
        }
        let deployment = model.deployment
        return HomePage(
            frame: frame,
            model: deployment.map { .init(name: $0.model.name, version: $0.model.version) },
            latestRelease: deployment?.latestRelease.map { .init(version: $0.version, date: words.date($0.date), iso: $0.date.iso8601) },
            health: BadgeView(.health(monitoring?.health.status ?? .unknown), words),
            healthText: healthSummary, lifecycleSummary: lifecycleSummary, stages: stageSteps(from: page),
            deliverables: deliverables,
            openIncidents: model.incidents.filter(\.isOpen).map { incidentSummary($0, from: page) },
            hasTeam: !model.config.team.isEmpty)
    }

    /// `3 of 5 stages done · now: Deployment`
    var lifecycleSummary: String {
        let done = model.stages.filter { $0.status == .done }.count
        let text = words.plural("lifecycle.summary", model.stages.count, ["done": words.integer(done)])
        if let blocked = model.stages.first(where: { $0.status == .blocked }) {
            return words("lifecycle.summaryBlocked", ["summary": text, "stage": blocked.title])
        } else if let current = model.stages.first(where: { $0.status == .inProgress }) {
            return words("lifecycle.summaryNow", ["summary": text, "stage": current.title])
        }
        return text
    }

    func stageSteps(from page: Page) -> [StageStep] {
        model.stages.enumerated().map { i, stage in
            StageStep(
                title: stage.title, number: i + 1, key: stage.kind.rawValue,
                url: link(page, SitePath.stage(stage.kind)),
                status: BadgeView(.stage(stage.status), words))
        }
    }
}
