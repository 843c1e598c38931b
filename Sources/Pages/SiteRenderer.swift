import Basics
import Dispatch
import Diagnostics
import Diagrams
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
    /// Empty pages say which file the author writes (the preview of `serve`), not only what the
    /// reader misses.
    public let authorHints: Bool
    /// Sidebars depend on titles and folders only: an update of bodies reuses the full render's.
    var sidebarCache = SidebarCache()
    /// The release archives: the version switcher, an archive's banner, what changed since the previous release.
    public var release = ReleaseContext()
    /// The site's words in its language.
    var words: Messages { model.messages }

    public init(
        model: SiteModel, graph: SiteGraph, theme: Theme, version: String, monitoring: MonitoringView? = nil, authorHints: Bool = false
    ) {
        self.authorHints = authorHints
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
        /// Published files (documents, data, images) the body links to: its folder page says where each is used.
        var linkedFiles: [String] = []
    }

    /// A body to render: its text, the page it appears on, and a prefix for its heading ids.
    struct BodyJob: Sendable {
        var body: MarkdownBody
        var pageOutput: String
        var idPrefix: String
        /// The heading the page gives the body, and the level its own headings start at.
        var title: String?
        var headingBase: Int
    }

    /// How a body sits on its page: a note or incident under the page's `h1` (headings from `h2`),
    /// a stage's notes and a report or architecture section under an `h2` (from `h3`).
    func bodyJob(_ body: MarkdownBody, target: SiteGraph.LinkTarget) -> BodyJob {
        if let fragment = target.fragment {
            let section = (model.reportSections + model.architectureSections).first { $0.contentPath == body.contentPath }
            return BodyJob(body: body, pageOutput: target.outputPath, idPrefix: fragment + "-", title: section?.title, headingBase: 3)
        }
        let page = graph.page(at: target.outputPath)
        let underSection: Bool
        if case .stage = page?.kind { underSection = true } else { underSection = false }
        return BodyJob(
            body: body, pageOutput: target.outputPath, idPrefix: "", title: page?.kind == .home ? nil : page?.title,
            headingBase: underSection ? 3 : 2)
    }

    public func render() -> (files: [RenderedFile], diagnostics: [Diagnostic]) {
        let site = renderSite()
        return (site.files, site.diagnostics)
    }

    /// The whole site, kept with what an incremental update needs (see `RenderedSite`).
    ///
    /// - Parameters:
    ///   - previous: a site rendered with the same site graph and build time.
    ///   - changed: what changed since `previous`: its bodies are reused when none of their inputs
    ///     changed (`InputKind.markdownInputs`), and so is every page whose kind shows none of it.
    public func renderSite(reusing previous: RenderedSite? = nil, changed: Set<InputKind> = Set(InputKind.allCases)) -> RenderedSite {
        let jobs = bodyJobs()
        let staticFiles = Set(model.staticFiles)
        let bodies: [String: Body]
        if let previous, changed.isDisjoint(with: InputKind.markdownInputs) {
            bodies = previous.bodies
        } else {
            let rendered = jobs.concurrentMap { job in renderBody(job, staticFiles: staticFiles) }
            bodies = Dictionary(zip(jobs.map(\.body.contentPath), rendered), uniquingKeysWith: { a, _ in a })
        }

        let pages = graph.pages
        let reusable: @Sendable (Int) -> Bool = { index in previous != nil && pages[index].kind.inputs.isDisjoint(with: changed) }
        let timed = Array(pages.indices).concurrentMap { index -> (String, Double) in
            if reusable(index), let previous { return (previous.pageHTML[index], previous.pageSeconds[pages[index].outputPath] ?? 0) }
            let start = DispatchTime.now().uptimeNanoseconds
            let html = renderPage(pages[index], bodies: bodies)
            return (html, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let html = timed.map(\.0)
        let sharded = searchIsSharded
        let indexed = Array(pages.indices).concurrentMap { index -> (String?, PageTerms?) in
            if reusable(index), let previous {
                return (previous.searchEntries[index], sharded && index < previous.searchTerms.count ? previous.searchTerms[index] : nil)
            }
            guard pages[index].kind != .notFound else { return (nil, nil) }
            let entry = searchEntry(pages[index], bodies: bodies)
            return (entry.json, sharded ? entry.terms : nil)
        }
        let entries = indexed.map(\.0)

        var site = RenderedSite(
            bodyOrder: jobs.map(\.body.contentPath), bodies: bodies, pageHTML: html,
            searchEntries: entries, sidebarCache: sidebarCache)
        site.searchTerms = indexed.map(\.1)
        site.searchSharded = sharded
        site.reusedPages = pages.indices.filter(reusable).count
        var files = zip(pages, html).map { RenderedFile(path: $0.outputPath, contents: $1) }
        files += theme.assets.map { RenderedFile(path: $0.path, contents: $0.text) }
        if let sitemap = sitemap() { files.append(RenderedFile(path: "sitemap.xml", contents: sitemap)) }
        files += Self.searchIndexFiles(entries, terms: site.searchTerms, sharded: sharded)
        files.append(RenderedFile(path: "feed.xml", contents: feed()))
        files.append(RenderedFile(path: Self.handoverDocumentPath, contents: handoverDocument(bodies: bodies)))
        files.append(RenderedFile(path: "status.json", contents: statusJSON()))
        files.append(RenderedFile(path: "badge.svg", contents: badgeSVG()))
        site.pageSeconds = Dictionary(zip(pages.map(\.outputPath), timed.map(\.1)), uniquingKeysWith: { a, _ in a })
        site.files = files
        site.fileIndex = Dictionary(files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
        site.diagnostics = bodyAndAnchorDiagnostics(&site)
        return site
    }

    /// Re-renders what depends on the given Markdown bodies, whose text changed but nothing else:
    /// the bodies themselves, the pages that show them (their own, a note's section, the report
    /// or architecture page), the search index and the anchor checks. `self.model` holds the new
    /// texts; the site graph must be the one `site` was rendered with.
    ///
    /// - Returns: the output paths whose contents changed.
    public func update(_ site: inout RenderedSite, changedBodies: [MarkdownBody], deferSearchIndex: Bool = false) -> [String] {
        var renderer = self
        renderer.sidebarCache = site.sidebarCache
        return renderer.updateReusingSidebars(&site, changedBodies: changedBodies, deferSearchIndex: deferSearchIndex)
    }

    private func updateReusingSidebars(_ site: inout RenderedSite, changedBodies: [MarkdownBody], deferSearchIndex: Bool) -> [String] {
        let staticFiles = Set(model.staticFiles)
        var jobs: [BodyJob] = []
        for body in changedBodies {
            guard let target = graph.target(forSource: body.contentPath) else { continue }
            jobs.append(bodyJob(body, target: target))
        }
        let rendered = jobs.concurrentMap { renderBody($0, staticFiles: staticFiles) }
        var affected: Set<String> = []
        for (job, body) in zip(jobs, rendered) {
            site.setBody(body, for: job.body.contentPath)
            affected.insert(job.pageOutput)
            // A section page lists its notes with their summaries.
            if let page = graph.page(at: job.pageOutput), page.kind == .note, let section = page.ancestors.last {
                affected.insert(section)
            }
        }
        let pages = graph.pages.enumerated().filter { affected.contains($0.element.outputPath) }
        let bodies = site.bodies
        let html = pages.concurrentMap { renderPage($0.element, bodies: bodies) }
        var changed: [String] = []
        for ((index, page), text) in zip(pages, html) {
            site.pageHTML[index] = text
            site.anchorIDs[page.outputPath] = nil
            if site.replace(page.outputPath, with: text) { changed.append(page.outputPath) }
            if page.kind != .notFound {
                let entry = searchEntry(page, bodies: bodies)
                site.searchEntries[index] = entry.json
                if site.searchSharded, index < site.searchTerms.count { site.searchTerms[index] = entry.terms }
            }
        }
        // The handover document shows the report's and the architecture's sections too.
        if !affected.isDisjoint(with: [SitePath.report, SitePath.architecture]),
            site.replace(Self.handoverDocumentPath, with: handoverDocument(bodies: bodies))
        {
            changed.append(Self.handoverDocumentPath)
        }
        site.diagnostics = bodyAndAnchorDiagnostics(&site)
        site.searchIndexIsStale = true
        if !deferSearchIndex { changed += refreshSearchIndex(&site) }
        return changed
    }

    /// Assembles the search index again from the pages' entries, when an update left it stale.
    /// On a large site it is most of an update's work, so `serve` does it after the reload.
    ///
    /// - Returns: the output paths whose contents changed.
    public func refreshSearchIndex(_ site: inout RenderedSite) -> [String] {
        guard site.searchIndexIsStale else { return [] }
        site.searchIndexIsStale = false
        return Self.searchIndexFiles(site.searchEntries, terms: site.searchTerms, sharded: site.searchSharded)
            .filter { site.replace($0.path, with: $0.contents) }.map(\.path)
    }

    /// The diagnostics of every body in rendering order, then the broken anchors.
    /// Only bodies with findings or `#fragment` links are visited: an update on a large site
    /// must not walk every body.
    private func bodyAndAnchorDiagnostics(_ site: inout RenderedSite) -> [Diagnostic] {
        let bodies = site.bodiesWithFindings.sorted { site.bodyPosition[$0, default: 0] < site.bodyPosition[$1, default: 0] }
            .compactMap { site.bodies[$0] }
        var diagnostics = bodies.flatMap(\.diagnostics)
        diagnostics += checkAnchors(bodies.flatMap(\.anchors), site: &site)
        return diagnostics
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
            jobs.append(bodyJob(body, target: SiteGraph.LinkTarget(outputPath: page.outputPath)))
        }
        for note in model.reportSections {
            jobs.append(bodyJob(note.body, target: SiteGraph.LinkTarget(outputPath: SitePath.report, fragment: SiteGraph.sectionID(note.contentPath))))
        }
        for note in model.architectureSections {
            jobs.append(
                bodyJob(note.body, target: SiteGraph.LinkTarget(outputPath: SitePath.architecture, fragment: SiteGraph.sectionID(note.contentPath))))
        }
        return jobs
    }

    func renderBody(_ job: BodyJob, staticFiles: Set<String>) -> Body {
        let resolver = LinkResolver(
            graph: graph, model: model, staticFiles: staticFiles,
            pageOutput: job.pageOutput, body: job.body)
        var diagnostics: [Diagnostic] = []
        var anchors: [LinkResolver.AnchorCheck] = []
        var files: [String] = []
        var options = MarkdownOptions(rawHTML: model.config.rawHTML, rawHTMLUnsafe: model.config.rawHTMLUnsafe, headingIDPrefix: job.idPrefix)
        options.pageTitle = job.title
        options.headingBase = job.headingBase
        options.permalinkTitle = words["heading.permalink"]
        var diagrams = 0
        let result = MarkdownRenderer.render(
            job.body.text, options: options,
            rewriteLink: { link in
                resolver.resolve(link, idPrefix: job.idPrefix, diagnostics: &diagnostics, anchors: &anchors, files: &files)
            },
            renderCodeBlock: { block in
                guard block.info == "dot" || block.info == "graphviz" else { return nil }
                diagrams += 1
                let id = "diagram-" + job.idPrefix + SiteGraph.sectionID(job.body.contentPath) + "-\(diagrams)"
                switch DotBlock.render(block, id: id, words: words) {
                case .success(let html): return html
                case .failure(let failure):
                    // Graphviz counts lines from the block's first line, after the fence.
                    let line = job.body.lineOffset + block.line + (failure.line ?? 1)
                    let location = SourceLocation(path: job.body.displayPath, line: line, column: 1)
                    switch failure.kind {
                    case .syntax:
                        diagnostics.append(
                            .error(
                                at: location, "```dot block: Graphviz cannot read the diagram: \(failure.message)",
                                hint: "check the DOT syntax at this line (https://graphviz.org/doc/info/lang.html)"))
                    case .limit:
                        diagnostics.append(
                            .error(
                                at: location, "```dot block: \(failure.message)",
                                hint: "diagrams are bounded so that none can stall or crash a build; see \"Limits\" in the README"))
                    case .worker:
                        diagnostics.append(
                            .error(
                                at: location, "```dot block: \(failure.message)",
                                hint: "simplify the diagram; see \"Limits\" in the README"))
                    }
                    return nil
                }
            })
        diagnostics += Self.droppedHTMLWarnings(result.droppedHTML, body: job.body)
        // Kept until every page is rendered: in storage of their own size (`compactText`).
        let sections = result.sections.map { TextSection(heading: $0.heading, text: compactText($0.text)) }
        return Body(
            html: compactText(result.html), headings: result.headings, summary: result.summary, sections: sections,
            diagnostics: diagnostics, anchors: anchors, linkedFiles: files)
    }

    /// Raw HTML the site left out, each at its place (the first few of a file, then how many more):
    /// `List<X>` written as text loses its `<X>` without a word otherwise.
    static func droppedHTMLWarnings(_ dropped: [DroppedHTML], body: MarkdownBody, shown: Int = 5) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for item in dropped.prefix(shown) {
            let firstLine = item.snippet.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let snippet = firstLine.count > 40 ? String(firstLine.prefix(39)) + "…" : firstLine
            out.append(
                .warning(
                    at: SourceLocation(path: body.displayPath, line: item.line + body.lineOffset, column: item.column),
                    "raw HTML `\(snippet)` left out: this site does not pass raw HTML through",
                    hint: "to show it as text write it in backticks or as `\\<`; to keep HTML set `raw_html: true` in Content/site.yaml (sanitised)"))
        }
        if dropped.count > shown, let first = dropped.first {
            out.append(
                .warning(
                    at: SourceLocation(path: body.displayPath, line: first.line + body.lineOffset, column: first.column),
                    "\(dropped.count - shown) more pieces of raw HTML left out in this file", hint: nil))
        }
        return out
    }

    /// Every `#fragment` a Markdown link names must be an `id` on its page.
    func checkAnchors(_ anchors: [LinkResolver.AnchorCheck], site: inout RenderedSite) -> [Diagnostic] {
        guard !anchors.isEmpty else { return [] }
        for output in Set(anchors.map(\.outputPath)) where site.anchorIDs[output] == nil {
            guard let page = graph.pageIndex(at: output) else { continue }
            site.anchorIDs[output] = HTMLScan.ids(in: site.pageHTML[page])
        }
        return anchors.compactMap { anchor in
            guard let known = site.anchorIDs[anchor.outputPath], !known.contains(anchor.id) else { return nil }
            let hint = nearestName(to: anchor.id, in: known).map { "did you mean `#\($0)`?" }
            return .error(
                at: anchor.location,
                "broken link: `\(anchor.written)` names a section that \(anchor.outputPath) does not have",
                hint: hint ?? "heading ids are the heading text in lower case with spaces as hyphens")
        }
    }

    func renderPage(_ page: Page, bodies: [String: Body]) -> String {
        var frame = frame(for: page)
        if let body = page.sourcePath.flatMap({ bodies[$0] }) {
            frame.content = body.html.isEmpty ? nil : body.html
            frame.setTOC(tocEntries(body.headings))
        }
        switch page.kind {
        case .home: return theme.render("pages/home", homePage(frame))
        case .dashboard: return theme.render("pages/dashboard", dashboardPage(frame, page: page))
        case .report: return theme.render("pages/report", reportPage(frame, page: page, bodies: bodies))
        case .architecture: return theme.render("pages/architecture", architecturePage(frame, page: page, bodies: bodies))
        case .api: return theme.render("pages/api", apiPage(frame, page: page))
        case .apiGroup(let endpoint, let group): return theme.render("pages/api", apiPage(frame, page: page, only: (endpoint, group)))
        case .lifecycle: return theme.render("pages/lifecycle", lifecyclePage(frame, page: page))
        case .stage(let kind): return theme.render("pages/stage", stagePage(frame, page: page, kind: kind))
        case .notesIndex, .section: return theme.render("pages/section", sectionPage(frame, page: page, bodies: bodies))
        case .note: return theme.render("pages/note", notePage(frame, page: page))
        case .incidents: return theme.render("pages/incidents", incidentsPage(frame, page: page))
        case .incident: return theme.render("pages/incident", incidentPage(frame, page: page))
        case .notFound: return theme.render("pages/404", PlainPage(frame: frame))
        }
    }

    /// The template a page kind is rendered with (`pages/api`): where a link it writes comes from.
    public static func templateName(of kind: Page.Kind) -> String {
        switch kind {
        case .home: "pages/home"
        case .dashboard: "pages/dashboard"
        case .report: "pages/report"
        case .architecture: "pages/architecture"
        case .api, .apiGroup: "pages/api"
        case .lifecycle: "pages/lifecycle"
        case .stage: "pages/stage"
        case .notesIndex, .section: "pages/section"
        case .note: "pages/note"
        case .incidents: "pages/incidents"
        case .incident: "pages/incident"
        case .notFound: "pages/404"
        }
    }

    /// Each template the renderer uses and the model it renders it with, for `Theme.checkKeys`.
    public static let templateModels: [(template: String, schema: ViewSchema)] = [
        ("pages/home", HomePage.schema), ("pages/dashboard", DashboardPage.schema), ("pages/report", ReportPage.schema),
        ("pages/architecture", ArchitecturePage.schema), ("pages/api", APIPage.schema),
        ("pages/lifecycle", LifecyclePage.schema), ("pages/stage", StagePage.schema), ("pages/section", SectionPage.schema),
        ("pages/note", NotePage.schema), ("pages/incidents", IncidentsPage.schema), ("pages/incident", IncidentPage.schema),
        ("pages/404", PlainPage.schema), ("partials/sidebar", SidebarView.schema),
        ("pages/print", HandoverDocumentPage.schema), ("partials/handover-signoff", StagePage.schema),
        ("files/feed.xml", FeedView.schema), ("files/sitemap.xml", SitemapView.schema), ("files/badge.svg", BadgeSVGView.schema),
    ]
}
