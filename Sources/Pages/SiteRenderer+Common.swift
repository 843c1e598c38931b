import Foundation
import Markdown
import Model
import SiteGraph
import Templates

extension SiteRenderer {
    /// What every page's layout needs: the site, the navigation, the way back to the root.
    /// The page's builder sets its own `page` info, body and table of contents.
    func frame(for page: Page) -> PageFrame {
        var frame = PageFrame(
            root: rootPrefix(for: page.outputPath), site: siteView,
            page: PageInfo(title: page.title, kind: kindName(page.kind)),
            generatorVersion: version, nav: navigation(for: page),
            build: model.buildTime.map { BuildTime(time: words.date($0), iso: $0.iso8601) },
            breadcrumbs: breadcrumbs(for: page), authorHints: authorHints, t: MessageScope(words))
        frame.searchSharded = searchIsSharded
        if page.kind == .notFound, let base = model.config.baseURL {
            // A server shows 404.html at whatever path was asked for: only absolute links work there.
            frame.root = base
            for i in frame.nav.indices { frame.nav[i].url = base + frame.nav[i].path }
        }
        if page.kind != .notFound {
            let deployment = model.deployment
            let shown = release.archivedVersion.flatMap { v in deployment?.releases.first { $0.version == v } } ?? deployment?.latestRelease
            frame.print = PrintInfo(
                model: deployment?.model.name, modelVersion: deployment?.model.version,
                releaseVersion: release.archivedVersion ?? shown?.version, releaseDate: shown.map { words.date($0.date) },
                date: model.buildTime.map(words.date))
        }
        if release.hasArchives, page.kind != .notFound {
            let root = frame.root
            let archived = release.archivedVersion
            frame.release = ReleaseFrame(
                script: root + (archived == nil ? "releases/versions.js" : "../versions.js"), path: page.outputPath,
                archived: archived,
                archivedDate: archived.flatMap { v in model.deployment?.releases.first { $0.version == v }.map { words.date($0.date) } })
        }
        if let (key, sidebar) = sidebar(for: page) {
            // Pages of one section share their sidebar: built and rendered once per distinct state.
            frame.sidebarHTML = sidebarCache.html(for: key) { theme.render("partials/sidebar", sidebar()) }
        }
        return frame
    }

    var siteView: SiteView {
        SiteView(
            title: model.config.title, language: model.config.language, customer: model.config.customer,
            description: model.config.description, contact: model.config.contact,
            team: model.config.team.map { TeamMemberView(name: $0.name, role: $0.role, email: $0.email) })
    }

    func kindName(_ kind: Page.Kind) -> String {
        switch kind {
        case .home: return "home"
        case .dashboard: return "dashboard"
        case .report: return "report"
        case .architecture: return "architecture"
        case .api, .apiGroup: return "api"
        case .lifecycle: return "lifecycle"
        case .stage: return "stage"
        case .notesIndex, .section: return "section"
        case .note: return "note"
        case .incidents: return "incidents"
        case .incident: return "incident"
        case .notFound: return "not-found"
        }
    }

    func link(_ from: Page, _ target: String) -> String { relativeURL(from: from.outputPath, to: target) }

    func navigation(for page: Page) -> [NavItem] {
        var items: [(String, String, Area)] = [
            (words["nav.home"], SitePath.home, .home),
            (words["nav.dashboard"], SitePath.dashboard, .dashboard),
            (words["nav.report"], SitePath.report, .report),
            (words["nav.architecture"], SitePath.architecture, .architecture),
            (words["nav.api"], SitePath.api, .api),
            (words["nav.lifecycle"], SitePath.lifecycle, .lifecycle),
        ]
        if !model.notes.isEmpty { items.append((words["nav.notes"], SitePath.notes, .notes)) }
        items.append((words["nav.incidents"], SitePath.incidents, .incidents))
        return items.map { title, path, area in
            NavItem(title: title, url: link(page, path), path: path, current: page.area == area)
        }
    }

    func breadcrumbs(for page: Page) -> [Crumb] {
        guard page.kind != .home, page.kind != .notFound else { return [] }
        var crumbs = [Crumb(title: words["nav.home"], url: link(page, SitePath.home))]
        for ancestor in page.ancestors {
            if let p = graph.page(at: ancestor) { crumbs.append(Crumb(title: p.title, url: link(page, ancestor))) }
        }
        crumbs.append(Crumb(title: page.title, url: nil))
        return crumbs
    }

    func tocEntries(_ entries: [(String, String, Int)]) -> [TOCEntry] {
        entries.map { TOCEntry(text: $0.0, id: $0.1, level: $0.2) }
    }

    func tocEntries(_ headings: [Heading]) -> [TOCEntry] {
        headings.filter { $0.level == 2 || $0.level == 3 }.map { TOCEntry(text: $0.text, id: $0.id, level: $0.level) }
    }

    /// A key that is equal for pages whose sidebars are identical, and the sidebar's model, made
    /// only when no page with that key was rendered yet.
    func sidebar(for page: Page) -> (key: String, view: () -> SidebarView)? {
        switch page.area {
        case .lifecycle:
            return (
                "lifecycle|" + page.outputPath,
                {
                    let items = model.stages.map { stage -> SidebarItem in
                        let path = SitePath.stage(stage.kind)
                        let badge = StatusBadge.stage(stage.status)
                        return SidebarItem(
                            title: stage.title, url: link(page, path), current: page.outputPath == path,
                            status: .init(key: badge.tone.rawValue, icon: badge.icon), children: [])
                    }
                    return SidebarView(
                        label: words["lifecycle.stagesLabel"], title: words["nav.lifecycle"], url: link(page, SitePath.lifecycle),
                        current: page.kind == .lifecycle, items: items)
                }
            )
        case .notes:
            guard let key = notesSidebarKey(for: page) else { return nil }
            return (key, { notesSidebar(for: page) })
        default:
            return nil
        }
    }

    static let notesSidebarLimit = 40

    /// What a notes sidebar depends on: the page's depth, the section it is open at, and the
    /// page itself where it is listed.
    func notesSidebarKey(for page: Page) -> String? {
        guard let root = graph.sections["notes"] else { return nil }
        let limit = Self.notesSidebarLimit
        var key = "notes|\(page.depth)|"
        // Links are relative and go up to the root first, so they depend on the depth only; what
        // else differs is which entries are marked current.
        func within(_ output: String) -> Bool { page.outputPath == output || page.ancestors.contains(output) }
        for path in root.subsections {
            let section = graph.sections[path]!
            guard within(section.outputPath) else { continue }
            key += path + "|"
            if page.outputPath == section.outputPath { key += "itself|" }
            if let sub = section.subsections.first(where: { within(graph.sections[$0]!.outputPath) }) { key += sub + "|" }
            // Its notes are listed: the page may be one of them.
            if !section.notes.isEmpty, section.notes.count <= limit { key += page.outputPath + "|" }
        }
        if page.outputPath == root.outputPath || (!root.notes.isEmpty && root.notes.count <= limit && page.ancestors == [root.outputPath]) {
            key += "root|" + page.outputPath
        }
        return key
    }

    /// The top sections of the notes; the section the page is in opens to show its pages
    /// (up to a limit, so that huge sections do not weigh on every page).
    func notesSidebar(for page: Page) -> SidebarView {
        let root = graph.sections["notes"]!
        let limit = Self.notesSidebarLimit
        func entry(_ path: String) -> SidebarItem {
            let section = graph.sections[path]!
            var item = SidebarItem(
                title: section.title, url: link(page, section.outputPath),
                current: page.outputPath == section.outputPath, status: nil, children: [])
            if page.outputPath == section.outputPath || page.ancestors.contains(section.outputPath) {
                item.children = section.subsections.map { sub in
                    let s = graph.sections[sub]!
                    return SidebarChild(
                        title: s.title, url: link(page, s.outputPath),
                        current: page.outputPath == s.outputPath || page.ancestors.contains(s.outputPath))
                }
                if section.notes.count <= limit {
                    item.children += section.notes.map { i in
                        let output = noteOutput(i)
                        return SidebarChild(title: model.notes[i].title, url: link(page, output), current: page.outputPath == output)
                    }
                }
            }
            return item
        }
        var items = root.subsections.map(entry)
        if root.notes.count <= limit {
            items += root.notes.map { i in
                let output = noteOutput(i)
                return SidebarItem(
                    title: model.notes[i].title, url: link(page, output), current: page.outputPath == output,
                    status: nil, children: [])
            }
        }
        return SidebarView(
            label: words["nav.notes"], title: root.title, url: link(page, root.outputPath),
            current: page.outputPath == root.outputPath, items: items)
    }

    /// Where a note's page is, as the site graph placed it.
    func noteOutput(_ index: Int) -> String { graph.noteOutput(index) ?? SitePath.notes }

    /// An empty page's callout; its words are in `partials/missing`.
    func missing(_ kind: MissingView.Kind, source: String? = nil, example: String? = nil) -> MissingView {
        MissingView(kind: kind, source: source, example: authorHints ? example : nil)
    }
}

/// Rendered sidebars by key, shared by the threads that render pages.
final class SidebarCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: String] = [:]

    func html(for key: String, render: () -> String) -> String {
        lock.lock()
        if let hit = entries[key] { lock.unlock(); return hit }
        lock.unlock()
        let html = render()
        lock.lock()
        entries[key] = html
        lock.unlock()
        return html
    }
}
