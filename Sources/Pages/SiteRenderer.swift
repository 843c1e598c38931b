import Diagnostics
import Markdown
import Model
import Parallel
import SiteGraph
import Templates

/// Renders every page of the site graph with the theme: Markdown first (bodies are needed by
/// section pages and summaries), then templates, then the checks of every in-site anchor.
public struct SiteRenderer: Sendable {
    public let model: SiteModel
    public let graph: SiteGraph
    public let theme: Theme
    /// Shown in the footer and the generator tag.
    public let version: String
    /// Health and series from `Content/monitoring/`; nil renders the pages without data.
    public let monitoring: MonitoringView?
    let sidebarCache = SidebarCache()

    public init(model: SiteModel, graph: SiteGraph, theme: Theme, version: String, monitoring: MonitoringView? = nil) {
        self.model = model
        self.graph = graph
        self.theme = theme
        self.version = version
        self.monitoring = monitoring
    }

    /// A Markdown body rendered for the page that shows it.
    struct Body: Sendable {
        var html: String
        var headings: [Heading]
        var summary: String
        var sections: [TextSection]
        var diagnostics: [Diagnostic]
        var anchors: [LinkResolver.AnchorCheck]
    }

    /// A body to render: its text, the page it appears on, and a prefix for its heading ids.
    struct BodyJob: Sendable {
        var body: MarkdownBody
        var pageOutput: String
        var idPrefix: String
    }

    public func render() -> (files: [RenderedFile], diagnostics: [Diagnostic]) {
        let jobs = bodyJobs()
        let staticFiles = Set(model.staticFiles)
        let rendered = jobs.concurrentMap { job in renderBody(job, staticFiles: staticFiles) }
        let bodies = Dictionary(zip(jobs.map(\.body.contentPath), rendered), uniquingKeysWith: { a, _ in a })

        let pages = graph.pages
        let html = pages.concurrentMap { page in renderPage(page, bodies: bodies) }

        var diagnostics = rendered.flatMap(\.diagnostics)
        diagnostics += checkAnchors(rendered.flatMap(\.anchors), pages: pages, html: html)

        var files = zip(pages, html).map { RenderedFile(path: $0.outputPath, contents: $1) }
        files += theme.assets.map { RenderedFile(path: $0.path, contents: $0.text) }
        if let sitemap = sitemap() { files.append(RenderedFile(path: "sitemap.xml", contents: sitemap)) }
        let index = searchIndex(pages: pages, bodies: bodies)
        files.append(RenderedFile(path: "search-index.json", contents: index + "\n"))
        // Browsers refuse fetch() of a file:// URL, so the index also ships as a script.
        files.append(RenderedFile(path: "search-index.js", contents: "window.handoverSearchIndex = " + index + ";\n"))
        files.append(RenderedFile(path: "feed.xml", contents: feed()))
        files.append(RenderedFile(path: "status.json", contents: statusJSON()))
        files.append(RenderedFile(path: "badge.svg", contents: badgeSVG()))
        return (files, diagnostics)
    }

    func bodyJobs() -> [BodyJob] {
        var bySource: [String: MarkdownBody] = [:]
        if let home = model.homeBody { bySource[home.contentPath] = home }
        for note in model.notes { bySource[note.contentPath] = note.body }
        for stage in model.stages { if let body = stage.body { bySource[body.contentPath] = body } }
        for incident in model.incidents { bySource[incident.contentPath] = incident.body }
        var jobs: [BodyJob] = []
        for page in graph.pages {
            guard let source = page.sourcePath, let body = bySource[source] else { continue }
            jobs.append(BodyJob(body: body, pageOutput: page.outputPath, idPrefix: ""))
        }
        for note in model.reportSections {
            jobs.append(BodyJob(body: note.body, pageOutput: "report/index.html",
                                idPrefix: SiteGraph.sectionID(note.contentPath) + "-"))
        }
        for note in model.architectureSections {
            jobs.append(BodyJob(body: note.body, pageOutput: "architecture/index.html",
                                idPrefix: SiteGraph.sectionID(note.contentPath) + "-"))
        }
        return jobs
    }

    func renderBody(_ job: BodyJob, staticFiles: Set<String>) -> Body {
        let resolver = LinkResolver(graph: graph, model: model, staticFiles: staticFiles,
                                    pageOutput: job.pageOutput, body: job.body)
        var diagnostics: [Diagnostic] = []
        var anchors: [LinkResolver.AnchorCheck] = []
        let options = MarkdownOptions(rawHTML: model.config.rawHTML, headingIDPrefix: job.idPrefix)
        let result = MarkdownRenderer.render(job.body.text, options: options) { link in
            resolver.resolve(link, idPrefix: job.idPrefix, diagnostics: &diagnostics, anchors: &anchors)
        }
        return Body(html: result.html, headings: result.headings, summary: result.summary, sections: result.sections,
                    diagnostics: diagnostics, anchors: anchors)
    }

    /// Every `#fragment` a Markdown link names must be an `id` on its page.
    func checkAnchors(_ anchors: [LinkResolver.AnchorCheck], pages: [Page], html: [String]) -> [Diagnostic] {
        guard !anchors.isEmpty else { return [] }
        let wanted = Set(anchors.map(\.outputPath))
        var ids: [String: Set<String>] = [:]
        for (page, text) in zip(pages, html) where wanted.contains(page.outputPath) {
            ids[page.outputPath] = HTMLScan.ids(in: text)
        }
        return anchors.compactMap { anchor in
            guard let known = ids[anchor.outputPath], !known.contains(anchor.id) else { return nil }
            let hint = nearestName(to: anchor.id, in: known).map { "did you mean `#\($0)`?" }
            return .error(at: anchor.location,
                          "broken link: `\(anchor.written)` names a section that \(anchor.outputPath) does not have",
                          hint: hint ?? "heading ids are the heading text in lower case with spaces as hyphens")
        }
    }

    func renderPage(_ page: Page, bodies: [String: Body]) -> String {
        var context = baseContext(for: page)
        let body = page.sourcePath.flatMap { bodies[$0] }
        if let body {
            context["content"] = body.html.isEmpty ? nil : body.html
            setTOC(&context, body.headings.filter { $0.level == 2 || $0.level == 3 }.map { ($0.text, $0.id, $0.level) })
        }
        let template: String
        switch page.kind {
        case .home: template = "pages/home"; homeContext(&context)
        case .dashboard: template = "pages/dashboard"; dashboardContext(&context, page: page)
        case .report: template = "pages/report"; reportContext(&context, page: page, bodies: bodies)
        case .architecture: template = "pages/architecture"; architectureContext(&context, page: page, bodies: bodies)
        case .lifecycle: template = "pages/lifecycle"; lifecycleContext(&context, page: page)
        case .stage(let kind): template = "pages/stage"; stageContext(&context, page: page, kind: kind)
        case .notesIndex, .section: template = "pages/section"; sectionContext(&context, page: page, bodies: bodies)
        case .note: template = "pages/note"; noteContext(&context, page: page)
        case .incidents: template = "pages/incidents"; incidentsContext(&context, page: page)
        case .incident: template = "pages/incident"; incidentContext(&context, page: page)
        case .notFound: template = "pages/404"
        }
        return theme.render(template, context)
    }
}
