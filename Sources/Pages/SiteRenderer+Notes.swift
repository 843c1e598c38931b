import Basics
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

    /// A file of the folder other than Markdown: a `.docx`, a data dictionary, an image.
    struct File: ViewModel {
        /// What the file is, for `partials/file-type` to name.
        enum Kind: String, CaseIterable {
            case document, spreadsheet, presentation, pdf, table, data, image, archive, text, notebook, code, other

            /// - Parameter ext: the extension, any case (`PNG`), or nil.
            init(extension ext: String?) {
                self =
                    switch ext?.lowercased() ?? "" {
                    case "doc", "docx", "odt", "rtf": .document
                    case "xls", "xlsx", "xlsm", "ods": .spreadsheet
                    case "ppt", "pptx", "odp": .presentation
                    case "pdf": .pdf
                    case "csv", "tsv": .table
                    case "json", "yaml", "yml", "xml", "parquet", "avro", "feather": .data
                    case "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "tif", "tiff": .image
                    case "zip", "gz", "tgz", "tar", "7z", "bz2", "xz": .archive
                    case "txt", "log": .text
                    case "ipynb": .notebook
                    case "py", "r", "sql", "sh", "ps1", "scala", "ipy": .code
                    default: .other
                    }
            }
        }
        var name: String
        var url: String
        var kind: Kind
        /// The file's extension in capitals (`DOCX`), shown beside the kind.
        var format: String?
        var size: String
        var usedIn: [LinkView]

        static let fields = ViewFields<Self>(
            "a file of the folder",
            [
                .value("name") { $0.name }, .value("url") { $0.url }, .value("format") { $0.format },
                .value("size") { $0.size },
                .models("usedIn") { $0.usedIn.isEmpty ? nil : $0.usedIn },
            ] + Kind.allCases.map { kind in .value("is" + kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()) { $0.kind == kind ? true : nil } })
    }

    var frame: PageFrame
    var subsections: [Subsection]
    var notes: [Entry]
    var files: [File] = []
    var missing: MissingView
    /// The pages of a long section's listing.
    var listing: ListingPager?

    /// "Page 2 of 20", and a link to each page of the listing.
    struct ListingPager: ViewModel {
        struct Number: ViewModel {
            var number: Int
            var url: String
            var current: Bool
            static let fields = ViewFields<Self>(
                "a page of the listing",
                [.value("number") { $0.number }, .value("url") { $0.url }, .value("current") { $0.current ? true : nil }])
        }
        var current: Int
        var count: Int
        var first: Int
        var last: Int
        var total: Int
        var previous: String?
        var next: String?
        var pages: [Number]
        static let fields = ViewFields<Self>(
            "the pages of a section",
            [
                .value("current") { $0.current }, .value("count") { $0.count },
                .value("first") { $0.first }, .value("last") { $0.last }, .value("total") { $0.total },
                .value("previous") { $0.previous }, .value("next") { $0.next },
                .models("pages") { $0.pages },
            ])
    }

    static let fields = ViewFields<Self>(
        "a section page", embedding: PageFrame.self, { $0.frame },
        [
            .model("listing") { $0.listing },
            .models("subsections") { $0.subsections.isEmpty ? nil : $0.subsections },
            .value("hasSubsections") { $0.subsections.isEmpty ? nil : true },
            .models("notes") { $0.notes.isEmpty ? nil : $0.notes },
            .value("hasNotes") { $0.notes.isEmpty ? nil : true },
            .models("files") { $0.files.isEmpty ? nil : $0.files },
            .value("hasFiles") { $0.files.isEmpty ? nil : true },
            .model("missing") { $0.missing },
        ])
}

extension SiteRenderer {
    func notePage(_ frame: PageFrame, page: Page) -> NotePage {
        var view = NotePage(frame: frame, tags: [])
        guard let index = graph.noteIndexByOutput[page.outputPath] else { return view }
        let note = model.notes[index]
        view.frame.page = PageInfo(title: note.title, kind: "note", description: note.description, lede: note.description)
        view.date = note.date.map(words.date)
        view.dateISO = note.date?.iso8601
        view.tags = note.tags
        let (previous, next) = graph.neighbours(ofNoteAt: page.outputPath)
        if previous != nil || next != nil {
            view.pager = PagerView(
                label: words["section.pagerLabel"],
                previous: previous.map { LinkView(title: model.notes[$0].title, url: link(page, noteOutput($0))) },
                next: next.map { LinkView(title: model.notes[$0].title, url: link(page, noteOutput($0))) })
        }
        return view
    }

    func sectionPage(_ frame: PageFrame, page: Page, bodies: [String: Body]) -> SectionPage {
        var path = String(page.outputPath.dropLast("/index.html".count))
        if page.pageNumber > 1 { path = String(path.dropLast("/page/\(page.pageNumber)".count)) }
        var view = SectionPage(
            frame: frame, subsections: [], notes: [],
            missing: missing(.section, source: path + "/"))
        guard let section = graph.sections[path] else { return view }
        let lede = section.indexNote.flatMap { model.notes[$0].description }
        view.frame.page = PageInfo(title: section.title, kind: "section", description: lede, lede: lede)
        let size = SiteGraph.notesPerSectionPage
        let pages = SiteGraph.sectionPageCount(section.notes.count)
        let number = min(page.pageNumber, pages)
        if number == 1 {
            view.subsections = section.subsections.map { sub in
                let s = graph.sections[sub]!
                let count = s.notes.count + s.subsections.count
                return .init(title: s.title, url: link(page, s.outputPath), count: count == 1 ? "1 entry" : "\(count) entries")
            }
            view.files = fileEntries(section.files, page: page, bodies: bodies)
        }
        let shown = section.notes[((number - 1) * size)..<min(section.notes.count, number * size)]
        view.notes = shown.map { i in
            let note = model.notes[i]
            let summary = note.description ?? bodies[note.contentPath]?.summary ?? ""
            return .init(
                title: note.title, url: link(page, noteOutput(i)),
                summary: summary.isEmpty ? nil : summary.count > 220 ? String(summary.prefix(217)) + "…" : summary)
        }
        if pages > 1 {
            let url = { (n: Int) in self.link(page, SiteGraph.sectionPagePath(section.outputPath, n)) }
            view.listing = SectionPage.ListingPager(
                current: number, count: pages, first: (number - 1) * size + 1, last: (number - 1) * size + shown.count,
                total: section.notes.count, previous: number > 1 ? url(number - 1) : nil, next: number < pages ? url(number + 1) : nil,
                pages: (1...pages).map { .init(number: $0, url: url($0), current: $0 == number) })
        }
        return view
    }

    /// The folder's files with their kind and size, and the pages that link to each.
    func fileEntries(_ files: [String], page: Page, bodies: [String: Body]) -> [SectionPage.File] {
        guard !files.isEmpty else { return [] }
        let wanted = Set(files)
        var usedIn: [String: [LinkView]] = [:]
        for (source, body) in bodies.filter({ !$0.value.linkedFiles.isEmpty }).sorted(by: { $0.key < $1.key }) {
            guard let target = graph.target(forSource: source), let shown = graph.page(at: target.outputPath) else { continue }
            let title =
                target.fragment == nil
                ? shown.title : (model.reportSections + model.architectureSections).first { $0.contentPath == source }?.title ?? shown.title
            let url = link(page, target.outputPath) + (target.fragment.map { "#" + $0 } ?? "")
            for file in Set(body.linkedFiles) where wanted.contains(file) {
                usedIn[file, default: []].append(LinkView(title: title, url: url))
            }
        }
        return files.map { path in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let ext = name.contains(".") ? name.split(separator: ".").last.map { $0.uppercased() } : nil
            return SectionPage.File(
                name: name, url: link(page, path), kind: .init(extension: ext), format: ext,
                size: words.localized(fileSizeText(model.fileSizes[path] ?? 0)), usedIn: usedIn[path] ?? [])
        }
    }
}
