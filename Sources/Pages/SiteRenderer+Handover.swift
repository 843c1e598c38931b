import Basics
import Model
import SiteGraph
import Templates

/// `print/index.html` (`pages/print`): the complete handover as one document to print and sign —
/// a cover, the contents, then every deliverable in order: dashboard snapshot, final modeling
/// report, solution architecture, API guide, lifecycle summary, exit report, sign-off. Each part is
/// the body partial of its own page (`partials/report-body`…), rendered for this page so that its
/// links hold, with its ids prefixed so that two parts never share one. `assets/print.js` lays
/// the parts out on A4 sheets and numbers the contents.
struct HandoverDocumentPage: ViewModel {
    struct Part: ViewModel {
        var id: String
        var title: String
        var html: String
        static let fields = ViewFields<Self>(
            "a part of the handover document", [.value("id") { $0.id }, .value("title") { $0.title }, .value("html") { $0.html }])
    }

    /// The model, release and date come from the frame's `print`, as every page's title block.
    var frame: PageFrame
    var health: BadgeView
    var healthText: String
    var signoffSummary: String?
    var dashboard: Part?
    var report: Part?
    var architecture: Part?
    var api: Part?
    var lifecycle: Part?
    var exitReport: Part?
    var signoff: Part?

    var parts: [Part] { [dashboard, report, architecture, api, lifecycle, exitReport, signoff].compactMap { $0 } }

    static let fields = ViewFields<Self>(
        "the handover document", embedding: PageFrame.self, { $0.frame },
        [
            .model("health") { $0.health }, .value("healthText") { $0.healthText },
            .value("signoffSummary") { $0.signoffSummary },
            .model("dashboard") { $0.dashboard }, .model("report") { $0.report },
            .model("architecture") { $0.architecture }, .model("api") { $0.api },
            .model("lifecycle") { $0.lifecycle }, .model("exitReport") { $0.exitReport },
            .model("signoff") { $0.signoff },
            .models("parts") { $0.parts },
        ])
}

extension SiteRenderer {
    public static let handoverDocumentPath = "print/index.html"

    /// The handover document, rendered from the same builders as the pages it collects.
    func handoverDocument(bodies: [String: Body]) -> String {
        let here = Page(kind: .report, title: "", outputPath: Self.handoverDocumentPath, area: .home)
        func partFrame() -> PageFrame {
            var f = self.frame(for: here)
            f.sidebarHTML = nil
            f.breadcrumbs = []
            return f
        }
        func part(_ id: String, _ template: String, _ view: some ViewModel, title: String) -> HandoverDocumentPage.Part {
            .init(id: "part-" + id, title: title, html: prefixingIDs(theme.render(template, view), with: id + "-"))
        }
        var documentFrame = partFrame()
        documentFrame.page = PageInfo(title: model.config.title, kind: "handover")
        let deployment = model.deployment
        var view = HandoverDocumentPage(
            frame: documentFrame,
            health: BadgeView(.health(monitoring?.health.status ?? .unknown), words), healthText: healthDetail)

        let dashboard = dashboardPage(partFrame(), page: here)
        view.dashboard = part("dashboard", "partials/dashboard-body", dashboard, title: dashboard.frame.page.title)
        if deployment != nil {
            let report = reportPage(partFrame(), page: here, bodies: bodies)
            view.report = part("report", "partials/report-body", report, title: report.frame.page.title)
        }
        let architecture = architecturePage(partFrame(), page: here, bodies: bodies)
        view.architecture = part("architecture", "partials/architecture-body", architecture, title: architecture.frame.page.title)
        let apiHere = graph.page(at: SitePath.api).map { p -> Page in
            var p = p
            p.outputPath = Self.handoverDocumentPath
            return p
        }
        if let apiHere {
            let api = apiPage(partFrame(), page: apiHere)
            if !(api.apis ?? []).isEmpty { view.api = part("api", "partials/api-body", api, title: api.frame.page.title) }
        }
        let lifecycle = lifecyclePage(partFrame(), page: here)
        view.lifecycle = part("lifecycle", "partials/lifecycle-body", lifecycle, title: lifecycle.frame.page.title)
        let acceptance = stagePage(partFrame(), page: here, kind: .customerAcceptance)
        if acceptance.stage?.exit != nil {
            view.exitReport = part("exit", "partials/exit-report", acceptance, title: "")
        }
        view.signoff = part("signoff", "partials/handover-signoff", acceptance, title: "")
        view.signoffSummary = acceptance.stage?.signoffSummary
        return theme.render("pages/print", view)
    }

    /// Every `id` and every reference to one (`#x`, `url(#x)`, `aria-labelledby`…) of a part,
    /// prefixed, so that the parts of one document keep their anchors apart.
    func prefixingIDs(_ html: String, with prefix: String) -> String {
        var out = html
        for (from, to) in [
            (" id=\"", " id=\"\(prefix)"), (" href=\"#", " href=\"#\(prefix)"), ("url(#", "url(#\(prefix)"),
            (" aria-labelledby=\"", " aria-labelledby=\"\(prefix)"), (" aria-describedby=\"", " aria-describedby=\"\(prefix)"),
            (" aria-controls=\"", " aria-controls=\"\(prefix)"), (" for=\"", " for=\"\(prefix)"),
        ] {
            out = out.replacingAll(from, with: to)
        }
        return out
    }
}
