import Model
import SiteGraph
import Templates

/// A note of `Content/notes/` (`pages/note`).
struct NotePage: ViewModel {
    var frame: PageFrame
    var date: String?
    var dateISO: String?
    var tags: [String]
    var pager: PagerView?

    static let fields = ViewFields<Self>(
        "a note page", embedding: PageFrame.self, { $0.frame },
        [
            .value("date") { $0.date },
            .value("dateISO") { $0.dateISO },
            .value("tags") { $0.tags.isEmpty ? nil : $0.tags },
            .value("hasMeta") { $0.date != nil || !$0.tags.isEmpty },
            .model("pager") { $0.pager },
        ])
}

/// A folder of notes, or the notes' index (`pages/section`).
struct SectionPage: ViewModel {
    struct Subsection: ViewModel {
        var title: String
        var url: String
        var count: String
        static let fields = ViewFields<Self>(
            "a subsection",
            [
                .value("title") { $0.title }, .value("url") { $0.url }, .value("count") { $0.count },
            ])
    }

    struct Entry: ViewModel {
        var title: String
        var url: String
        var summary: String?
        static let fields = ViewFields<Self>(
            "a note of the section",
            [
                .value("title") { $0.title }, .value("url") { $0.url }, .value("summary") { $0.summary },
            ])
    }

    var frame: PageFrame
    var subsections: [Subsection]
    var notes: [Entry]
    var missing: MissingView

    static let fields = ViewFields<Self>(
        "a section page", embedding: PageFrame.self, { $0.frame },
        [
            .models("subsections") { $0.subsections.isEmpty ? nil : $0.subsections },
            .value("hasSubsections") { $0.subsections.isEmpty ? nil : true },
            .models("notes") { $0.notes.isEmpty ? nil : $0.notes },
            .value("hasNotes") { $0.notes.isEmpty ? nil : true },
            .model("missing") { $0.missing },
        ])
}

extension SiteRenderer {
    func notePage(_ frame: PageFrame, page: Page) -> NotePage {
        var view = NotePage(frame: frame, tags: [])
        guard let index = graph.noteIndexByOutput[page.outputPath] else { return view }
        let note = model.notes[index]
        view.frame.page = PageInfo(title: note.title, kind: "note", description: note.description, lede: note.description)
        view.date = note.date?.description
        view.dateISO = note.date?.iso8601
        view.tags = note.tags
        let (previous, next) = graph.neighbours(ofNoteAt: page.outputPath)
        if previous != nil || next != nil {
            view.pager = PagerView(
                label: "Pages of this section",
                previous: previous.map { LinkView(title: model.notes[$0].title, url: link(page, noteOutput($0))) },
                next: next.map { LinkView(title: model.notes[$0].title, url: link(page, noteOutput($0))) })
        }
        return view
    }

    func sectionPage(_ frame: PageFrame, page: Page, bodies: [String: Body]) -> SectionPage {
        let path = String(page.outputPath.dropLast("/index.html".count))
        var view = SectionPage(
            frame: frame, subsections: [], notes: [],
            missing: missing(.section, source: path + "/"))
        guard let section = graph.sections[path] else { return view }
        let lede = section.indexNote.flatMap { model.notes[$0].description }
        view.frame.page = PageInfo(title: section.title, kind: "section", description: lede, lede: lede)
        view.subsections = section.subsections.map { sub in
            let s = graph.sections[sub]!
            let count = s.notes.count + s.subsections.count
            return .init(title: s.title, url: link(page, s.outputPath), count: count == 1 ? "1 entry" : "\(count) entries")
        }
        view.notes = section.notes.map { i in
            let note = model.notes[i]
            let summary = note.description ?? bodies[note.contentPath]?.summary ?? ""
            return .init(
                title: note.title, url: link(page, noteOutput(i)),
                summary: summary.isEmpty ? nil : summary.count > 220 ? String(summary.prefix(217)) + "…" : summary)
        }
        return view
    }
}
