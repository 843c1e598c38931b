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
        if let sidebar = sidebar(for: page) { context["sidebar"] = sidebar }
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
            ("Lifecycle", "lifecycle/index.html", "lifecycle"),
        ]
        if !model.notes.isEmpty { items.append(("Notes", "notes/index.html", "notes")) }
        items.append(("Incidents", "incidents/index.html", "incidents"))
        return items.map { title, path, area in
            var item: [String: Any] = ["title": title, "url": link(page, path), "path": path]
            if page.area == area { item["current"] = true }
            return item
        }
    }

    func breadcrumbs(for page: Page) -> [[String: Any]] {
        guard page.kind != .home, page.kind != .notFound else { return [] }
        var crumbs: [[String: Any]] = [["title": "Home", "url": link(page, "index.html")]]
        for ancestor in page.ancestors {
            if let p = graph.page(at: ancestor) { crumbs.append(["title": p.title, "url": link(page, ancestor)]) }
        }
        crumbs.append(["title": page.title])
        return crumbs
    }

    func setTOC(_ context: inout [String: Any], _ entries: [(text: String, id: String, level: Int)]) {
        guard entries.count >= 2 else { return }
        context["toc"] = entries.map { ["text": $0.text, "id": $0.id, "level": $0.level] as [String: Any] }
        context["hasToc"] = true
    }

    func sidebar(for page: Page) -> [String: Any]? {
        switch page.area {
        case "lifecycle":
            let items = model.stages.map { stage -> [String: Any] in
                let path = "lifecycle/\(stage.kind.rawValue)/index.html"
                let badge = StatusBadge.stage(stage.status)
                var item: [String: Any] = ["title": stage.title, "url": link(page, path),
                                           "status": ["key": badge.tone.rawValue, "icon": badge.icon]]
                if page.outputPath == path { item["current"] = true }
                return item
            }
            return ["label": "Lifecycle stages", "title": "Lifecycle", "url": link(page, "lifecycle/index.html"),
                    "current": page.kind == .lifecycle, "items": items]
        case "notes":
            return notesSidebar(for: page)
        default:
            return nil
        }
    }

    /// The top sections of the notes; the section the page is in opens to show its pages
    /// (up to a limit, so that huge sections do not weigh on every page).
    func notesSidebar(for page: Page) -> [String: Any]? {
        guard let root = graph.sections["notes"] else { return nil }
        let limit = 40
        func entry(_ path: String) -> [String: Any] {
            let section = graph.sections[path]!
            var item: [String: Any] = ["title": section.title, "url": link(page, section.outputPath)]
            let open = page.outputPath == section.outputPath || page.ancestors.contains(section.outputPath)
            if page.outputPath == section.outputPath { item["current"] = true }
            if open {
                var children: [[String: Any]] = section.subsections.map { sub in
                    let s = graph.sections[sub]!
                    var child: [String: Any] = ["title": s.title, "url": link(page, s.outputPath)]
                    if page.outputPath == s.outputPath || page.ancestors.contains(s.outputPath) { child["current"] = true }
                    return child
                }
                if section.notes.count <= limit {
                    children += section.notes.map { i in
                        let output = noteOutput(i)
                        var child: [String: Any] = ["title": model.notes[i].title, "url": link(page, output)]
                        if page.outputPath == output { child["current"] = true }
                        return child
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
        if root.notes.count <= limit {
            items += root.notes.map { i in
                let output = noteOutput(i)
                var item: [String: Any] = ["title": model.notes[i].title, "url": link(page, output)]
                if page.outputPath == output { item["current"] = true }
                return item
            }
        }
        return ["label": "Notes", "title": root.title, "url": link(page, root.outputPath),
                "current": page.outputPath == root.outputPath, "items": items]
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
