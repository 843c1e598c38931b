import Basics
import Model

/// Every page of the site, where each is written, and how pages link to each other.
public struct SiteGraph: Sendable {
    public private(set) var pages: [Page] = []
    private var indexByOutput: [String: Int] = [:]
    /// Content path of a Markdown file → output path and fragment of what shows it.
    private var targetsBySource: [String: LinkTarget] = [:]
    var sectionsStorage: [String: NoteSection] = [:]
    /// Note index → the notes before and after it in its section.
    var neighbourStorage: [Int: (Int?, Int?)] = [:]
    public var sections: [String: NoteSection] { sectionsStorage }
    /// Output path of a note page → its index in `SiteModel.notes`.
    public private(set) var noteIndexByOutput: [String: Int] = [:]
    /// Note index → the output path of its page.
    private var noteOutputByIndex: [Int: String] = [:]
    mutating func setNoteIndex(_ output: String, _ index: Int) {
        noteIndexByOutput[output] = index
        noteOutputByIndex[index] = output
    }
    /// Where the note of `SiteModel.notes[index]` is written (a folder's `index.md` is its folder's page).
    public func noteOutput(_ index: Int) -> String? { noteOutputByIndex[index] }
    mutating func addPage(_ page: Page) { add(page) }
    public private(set) var incidentIndexByOutput: [String: Int] = [:]

    public struct LinkTarget: Sendable, Equatable {
        public var outputPath: String
        /// For report and architecture sections, shown inside one page.
        public var fragment: String?

        public init(outputPath: String, fragment: String? = nil) {
            self.outputPath = outputPath
            self.fragment = fragment
        }
    }

    public init(model: SiteModel) {
        add(Page(kind: .home, title: model.messages["nav.home"], outputPath: SitePath.home, sourcePath: model.homeBody?.contentPath, area: .home))
        add(deliverable: .dashboard, kind: .dashboard, model.messages)
        add(deliverable: .report, kind: .report, model.messages)
        for note in model.reportSections {
            targetsBySource[note.contentPath] = LinkTarget(outputPath: SitePath.report, fragment: Self.sectionID(note.contentPath))
        }
        add(deliverable: .architecture, kind: .architecture, model.messages)
        for note in model.architectureSections {
            targetsBySource[note.contentPath] = LinkTarget(outputPath: SitePath.architecture, fragment: Self.sectionID(note.contentPath))
        }
        add(deliverable: .api, kind: .api, model.messages)
        for (_, endpoint) in model.deployment?.endpoints ?? [] {
            guard let spec = endpoint.api else { continue }
            for group in APIGroups.groups(spec) {
                add(
                    Page(
                        kind: .apiGroup(endpoint: endpoint.name, group: group.slug),
                        title: model.messages("api.groupTitle", ["group": group.name, "endpoint": endpoint.name]),
                        outputPath: APIGroups.outputPath(endpoint: endpoint.name, group: group), area: .api,
                        ancestors: [SitePath.api]))
            }
        }
        add(Page(kind: .lifecycle, title: model.messages["nav.lifecycle"], outputPath: SitePath.lifecycle, area: .lifecycle))
        for stage in model.stages {
            add(
                Page(
                    kind: .stage(stage.kind), title: stage.title, outputPath: SitePath.stage(stage.kind),
                    sourcePath: stage.contentPath, area: .lifecycle, ancestors: [SitePath.lifecycle]))
        }
        addNotes(model.notes, files: model.staticFiles, notesTitle: model.messages["nav.notes"])
        add(Page(kind: .incidents, title: model.messages["nav.incidents"], outputPath: SitePath.incidents, area: .incidents))
        for (i, incident) in model.incidents.enumerated() {
            let output = "incidents/" + Self.stem(incident.contentPath.dropPrefix("incidents/")) + "/index.html"
            incidentIndexByOutput[output] = i
            add(
                Page(
                    kind: .incident, title: incident.title, outputPath: output, sourcePath: incident.contentPath,
                    area: .incidents, ancestors: [SitePath.incidents]))
        }
        add(Page(kind: .notFound, title: model.messages["notFound.title"], outputPath: SitePath.notFound, area: .none))
    }

    /// The `id` of a report or architecture section inside its page: `report-data` for `report/data.md`.
    public static func sectionID(_ contentPath: String) -> String {
        pathSlug(Self.stem(contentPath))
    }

    private mutating func add(deliverable: Deliverable, kind: Page.Kind, _ messages: Messages) {
        add(Page(kind: kind, title: messages[deliverable.titleKey], outputPath: deliverable.outputPath, area: deliverable.area))
    }

    private mutating func add(_ page: Page) {
        indexByOutput[page.outputPath] = pages.count
        if let source = page.sourcePath { targetsBySource[source] = LinkTarget(outputPath: page.outputPath) }
        pages.append(page)
    }

    public func page(at outputPath: String) -> Page? { indexByOutput[outputPath].map { pages[$0] } }

    /// The index in `pages` of the page written at `outputPath`.
    public func pageIndex(at outputPath: String) -> Int? { indexByOutput[outputPath] }

    /// What a link to a Content/ file points to on the site: a page, a section of one, or the file itself.
    public func target(forSource contentPath: String) -> LinkTarget? {
        targetsBySource[contentPath] ?? targetsBySource[contentPath + "/index.md"]
    }

    /// `notes/a/b.md` → `notes/a/b`; a folder's `index.md` → the folder.
    static func stem(_ path: some StringProtocol) -> String {
        var s = String(path)
        for ext in [".markdown", ".md"] where s.hasSuffix(ext) { s.removeLast(ext.count) }
        if s == "index" { return "" }
        if s.hasSuffix("/index") { s.removeLast(6) }
        return s
    }
}

extension StringProtocol {
    func dropPrefix(_ prefix: String) -> SubSequence {
        hasPrefix(prefix) ? dropFirst(prefix.count) : self[...]
    }
}

extension String {
    func replacingOccurrences(of target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
