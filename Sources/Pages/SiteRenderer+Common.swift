import Foundation
import Model
import SiteGraph

extension SiteRenderer {
    /// What every page's layout needs: the site, the navigation, the way back to the root.
    func baseContext(for page: Page) -> [String: Any] {
        let root = rootPrefix(for: page.outputPath)
        var context: [String: Any] = [
            "root": root,
            "site": siteContext,
            "page": ["title": page.title, "kind": kindName(page.kind)],
            "handover": ["version": version],
            "nav": navigation(for: page),
        ]
        if let time = model.buildTime {
            context["build"] = ["time": time.description, "iso": time.iso8601]
        }
        if page.kind == .notFound, let base = model.config.baseURL {
            // A server shows 404.html at whatever path was asked for: only absolute links work there.
            context["root"] = base
            context["nav"] = navigation(for: page).map { item -> [String: Any] in
                var item = item
                item["url"] = base + (item["path"] as? String ?? "")
                return item
            }
        }
        let crumbs = breadcrumbs(for: page)
        if !crumbs.isEmpty {
            context["breadcrumbs"] = crumbs
            context["hasBreadcrumbs"] = true
        }
        if let (sidebar, key) = sidebar(for: page) {
            // Pages of one section share their sidebar: rendered once per distinct state.
            context["sidebarHTML"] = sidebarCache.html(for: key) { theme.render("partials/sidebar", sidebar) }
        }
        return context
    }

    var siteContext: [String: Any] {
        var site: [String: Any] = ["title": model.config.title, "language": model.config.language]
        site["customer"] = model.config.customer
        site["description"] = model.config.description
        site["contact"] = model.config.contact
        site["team"] = model.config.team.map { member -> [String: Any] in
            var m: [String: Any] = ["name": member.name]
            m["role"] = member.role
            m["email"] = member.email
            return m
        }
        return site
    }

    func kindName(_ kind: Page.Kind) -> String {
        switch kind {
        case .home: return "home"
        case .dashboard: return "dashboard"
        case .report: return "report"
        case .architecture: return "architecture"
        case .api: return "api"
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

    func navigation(for page: Page) -> [[String: Any]] {
        var items: [(String, String, String)] = [
            ("Home", "index.html", "home"),
            ("Dashboard", "dashboard/index.html", "dashboard"),
            ("Report", "report/index.html", "report"),
            ("Architecture", "architecture/index.html", "architecture"),
            ("API", "api/index.html", "api"),
            ("Lifecycle", "lifecycle/index.html", "lifecycle"),
        ]
        if !model.notes.isEmpty { items.append(("Notes", "notes/index.html", "notes")) }
        items.append(("Incidents", "incidents/index.html", "incidents"))
        return items.map { title, path, area in
            ["title": title, "url": link(page, path), "path": path, "current": page.area == area]
        }
    }

    func breadcrumbs(for page: Page) -> [[String: Any]] {
        guard page.kind != .home, page.kind != .notFound else { return [] }
        var crumbs: [[String: Any]] = [["title": "Home", "url": link(page, "index.html")]]
        for ancestor in page.ancestors {
            if let p = graph.page(at: ancestor) { crumbs.append(["title": p.title, "url": link(page, ancestor)]) }
        }
        crumbs.append(["title": page.title, "url": false])
        return crumbs
    }

    func setTOC(_ context: inout [String: Any], _ entries: [(text: String, id: String, level: Int)]) {
        guard entries.count >= 2 else { return }
        context["toc"] = entries.map { ["text": $0.text, "id": $0.id, "level": $0.level] as [String: Any] }
        context["hasToc"] = true
    }

    /// The sidebar's context and a key that is equal for pages whose sidebars are identical.
    func sidebar(for page: Page) -> ([String: Any], String)? {
        switch page.area {
        case "lifecycle":
            let items = model.stages.map { stage -> [String: Any] in
                let path = "lifecycle/\(stage.kind.rawValue)/index.html"
                let badge = StatusBadge.stage(stage.status)
                return ["title": stage.title, "url": link(page, path), "current": page.outputPath == path,
                        "hasChildren": false, "status": ["key": badge.tone.rawValue, "icon": badge.icon]]
            }
            return (["label": "Lifecycle stages", "title": "Lifecycle", "url": link(page, "lifecycle/index.html"),
                     "current": page.kind == .lifecycle, "items": items], "lifecycle|" + page.outputPath)
        case "notes":
            return notesSidebar(for: page)
        default:
            return nil
        }
    }

    /// The top sections of the notes; the section the page is in opens to show its pages
    /// (up to a limit, so that huge sections do not weigh on every page).
    func notesSidebar(for page: Page) -> ([String: Any], String)? {
        guard let root = graph.sections["notes"] else { return nil }
        var key = "notes|\(page.depth)|"
        let limit = 40
        func entry(_ path: String) -> [String: Any] {
            let section = graph.sections[path]!
            // Every key a template asks for is set, even to false: Mustache looks a missing key up
            // through the whole context stack, which made sidebars the slowest part of a build.
            var item: [String: Any] = ["title": section.title, "url": link(page, section.outputPath),
                                       "current": page.outputPath == section.outputPath, "status": false, "hasChildren": false]
            let open = page.outputPath == section.outputPath || page.ancestors.contains(section.outputPath)
            if open {
                key += path + "|"
                if section.notes.count <= limit || page.outputPath == section.outputPath { key += page.outputPath + "|" }
                var children: [[String: Any]] = section.subsections.map { sub in
                    let s = graph.sections[sub]!
                    return ["title": s.title, "url": link(page, s.outputPath),
                            "current": page.outputPath == s.outputPath || page.ancestors.contains(s.outputPath)]
                }
                if section.notes.count <= limit {
                    children += section.notes.map { i in
                        let output = noteOutput(i)
                        return ["title": model.notes[i].title, "url": link(page, output), "current": page.outputPath == output]
                    }
                }
                if !children.isEmpty {
                    item["children"] = children
                    item["hasChildren"] = true
                }
            }
            return item
        }
        var items = root.subsections.map(entry)
        // The page itself is marked in the sidebar only where it is listed.
        if page.outputPath == root.outputPath || (root.notes.count <= limit && page.ancestors == [root.outputPath]) {
            key += "root|" + page.outputPath
        }
        if root.notes.count <= limit {
            items += root.notes.map { i in
                let output = noteOutput(i)
                return ["title": model.notes[i].title, "url": link(page, output), "current": page.outputPath == output,
                        "status": false, "hasChildren": false]
            }
        }
        return (["label": "Notes", "title": root.title, "url": link(page, root.outputPath),
                 "current": page.outputPath == root.outputPath, "items": items], key)
    }

    func noteOutput(_ index: Int) -> String {
        let path = model.notes[index].contentPath
        var stem = path
        for ext in [".markdown", ".md"] where stem.hasSuffix(ext) { stem.removeLast(ext.count) }
        return stem + "/index.html"
    }

    func missing(_ title: String, _ text: String, example: String? = nil) -> [String: Any] {
        var m: [String: Any] = ["title": title, "text": text]
        m["example"] = example
        return m
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
