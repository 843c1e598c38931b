import Basics
import Diagnostics
import Markdown
import Model
import Parallel
import SiteGraph

extension SiteRenderer {
    /// The offline search index: for every page its title, where it is, and its text cut at
    /// each heading, so that a result can name and link the section that matched.
    ///
    /// `{"pages":[{"t":title,"u":url from the root,"k":kind,"s":[[id,heading,text],…]},…]}`
    func searchEntry(_ page: Page, bodies: [String: Body]) -> (json: String, terms: PageTerms) {
        var sections: [(id: String, heading: String, text: String)] = []
        if let source = page.sourcePath, let body = bodies[source] {
            for section in body.sections where !(section.text.isEmpty && section.heading == nil) {
                sections.append((section.heading?.id ?? "", section.heading?.text ?? "", section.text))
            }
        }
        sections += generatedSections(for: page, bodies: bodies)
        let url = urlPath(page.outputPath)
        let title = page.kind == .home ? model.config.title : page.title
        let list = sections.map { "[\(jsonString($0.id)),\(jsonString($0.heading)),\(jsonString($0.text))]" }
        let json = "{\"t\":\(jsonString(title)),\"u\":\(jsonString(url)),\"k\":\(jsonString(kindName(page.kind))),\"s\":[\(list.joined(separator: ","))]}"
        var terms = PageTerms()
        guard searchIsSharded else { return (json, terms) }
        SearchTerms.terms(title, into: &terms.title)
        for section in sections {
            SearchTerms.terms(section.heading, into: &terms.headings)
            SearchTerms.terms(section.text, into: &terms.body)
        }
        return (json, terms)
    }

    /// Above this many pages the index is split into shards loaded on demand (`SearchShards`);
    /// below, one small file loads at once (the example's is a few dozen kilobytes).
    public static let shardAbovePages = 500
    var searchIsSharded: Bool { graph.pages.count > Self.shardAbovePages }

    /// `search-index.js`: a script, not JSON, because browsers refuse fetch() of a file:// URL.
    /// One file (a JSON copy beside it doubled the bytes a 10,000-note build writes: 45 MB more),
    /// written once into storage of its size (joining then wrapping it held four copies at once).
    public static let searchIndexPath = "search-index.js"
    public static let searchIndexPrefix = "window.handoverSearchIndex = "

    public static func searchIndexFiles(_ entries: [String?], terms: [PageTerms?], sharded: Bool) -> [RenderedFile] {
        if sharded { return SearchShards.files(entries: entries, terms: terms) }
        func assemble(_ head: String, _ tail: String) -> String {
            var size = head.utf8.count + tail.utf8.count
            for case let entry? in entries { size += entry.utf8.count + 2 }
            var text = ""
            text.reserveCapacity(size)
            text += head
            var first = true
            for case let entry? in entries {
                if !first { text += ",\n" }
                first = false
                text += entry
            }
            text += tail
            return text
        }
        return [RenderedFile(path: searchIndexPath, contents: assemble(searchIndexPrefix + "{\"pages\":[\n", "\n]};\n"))]
    }

    /// What pages built from the metadata hold: component, metric and objective names.
    func generatedSections(for page: Page, bodies: [String: Body]) -> [(id: String, heading: String, text: String)] {
        guard let deployment = model.deployment else {
            if page.kind == .architecture {
                return [("components", words["architecture.toc.components"], (model.architecture?.components.map(\.name) ?? []).joined(separator: " · "))]
            }
            return []
        }
        let m = deployment.model
        switch page.kind {
        case .api, .apiGroup:
            return apiSearchSections(page, deployment: deployment)
        case .report:
            var sections: [(String, String, String)] = [
                (
                    "summary", words["report.toc.summary"],
                    ([m.name, m.version, m.task, m.framework, m.owner, m.description].compactMap { $0 }).joined(separator: " · ")
                ),
                ("metrics", words["report.toc.metrics"], m.metrics.map { "\($0.name) \(formatNumber($0.value))" }.joined(separator: " · ")),
            ]
            if !m.candidates.isEmpty { sections.append(("candidates", words["report.toc.candidates"], m.candidates.map(\.name).joined(separator: " · "))) }
            if !deployment.objectives.isEmpty {
                sections.append(
                    ("monitoring-plan", words["report.toc.monitoring"], deployment.objectives.map { "\($0.component) \($0.name)" }.joined(separator: " · ")))
            }
            if !deployment.consumers.isEmpty {
                sections.append(("consumers", words["report.toc.consumers"], deployment.consumers.map(\.name).joined(separator: " · ")))
            }
            for note in model.reportSections {
                let id = SiteGraph.sectionID(note.contentPath)
                for section in bodies[note.contentPath]?.sections ?? [] {
                    sections.append((section.heading?.id ?? id + "-title", section.heading?.text ?? note.title, section.text))
                }
            }
            return sections
        case .architecture:
            var names = model.architecture?.components.map(\.name) ?? []
            names += deployment.componentNames
            var sections: [(String, String, String)] = [("components", words["architecture.toc.components"], names.joined(separator: " · "))]
            for note in model.architectureSections {
                let id = SiteGraph.sectionID(note.contentPath)
                for section in bodies[note.contentPath]?.sections ?? [] {
                    sections.append((section.heading?.id ?? id + "-title", section.heading?.text ?? note.title, section.text))
                }
            }
            return sections
        case .dashboard:
            return [
                (
                    "components", words["dashboard.search.components"],
                    (deployment.componentNames + deployment.objectives.map(\.name)).joined(separator: " · ")
                )
            ]
        default:
            return []
        }
    }

    /// Each operation the page shows: its method and path as the heading, its id, summary and
    /// description as the text; on the guide's page of a large API, the API itself.
    func apiSearchSections(_ page: Page, deployment: Deployment) -> [(id: String, heading: String, text: String)] {
        var sections: [(String, String, String)] = []
        for (_, endpoint) in deployment.endpoints {
            guard let spec = endpoint.api else { continue }
            let anchor = "api-" + anchorID(endpoint.name)
            let groups = APIGroups.groups(spec)
            let shown: [Int]
            switch page.kind {
            case .apiGroup(let name, let slug) where name == endpoint.name:
                shown = groups.first { $0.slug == slug }?.operations ?? []
            case .api:
                sections.append((anchor, endpoint.name, [spec.title, spec.description].compactMap { $0 }.joined(separator: " · ")))
                shown = groups.isEmpty ? Array(spec.operations.indices) : []
            default:
                shown = []
            }
            let anchors = operationAnchors(spec, anchor: anchor)
            for i in shown {
                let op = spec.operations[i]
                var text = [op.operationID, op.summary, op.description].compactMap { $0 }.joined(separator: " · ")
                text = String(text.prefix(500))
                // The schemas it takes and returns, by name and field, so that a field is found too.
                let rows = op.request + op.responses.flatMap(\.schema)
                let names = rows.compactMap { $0.expandedAt == nil ? nil : $0.type } + rows.filter { $0.expandedAt == nil }.map(\.path)
                if !names.isEmpty { text += " · " + names.prefix(60).joined(separator: " ") }
                sections.append((anchors[i], "\(op.method) \(op.path)", text))
            }
        }
        return sections
    }
}
