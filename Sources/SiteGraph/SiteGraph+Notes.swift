import Model

extension SiteGraph {
    /// Notes become pages under `notes/`, each folder a section with an index page.
    mutating func addNotes(_ notes: [Note], files: [String], notesTitle: String) {
        var sections: [String: NoteSection] = [:]
        func ensureSection(_ path: String) {
            guard sections[path] == nil else { return }
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let parent = path == "notes" ? nil : String(path[..<path.lastIndex(of: "/")!])
            sections[path] = NoteSection(
                path: path, title: path == "notes" ? notesTitle : humanize(name), weight: 0,
                outputPath: path + "/index.html", parent: parent)
            if let parent {
                ensureSection(parent)
                sections[parent]!.subsections.append(path)
            }
        }
        ensureSection("notes")
        let folderPages = Self.folderPages(notes.map(\.contentPath))
        for (i, note) in notes.enumerated() {
            let folder = String(note.contentPath[..<note.contentPath.lastIndex(of: "/")!])
            ensureSection(folder)
            if folderPages[folder] == note.contentPath {
                sections[folder]!.indexNote = i
                sections[folder]!.title = note.title
                sections[folder]!.weight = note.weight
            } else {
                sections[folder]!.notes.append(i)
            }
        }
        for file in files.sorted() where file.hasPrefix("notes/") {
            let folder = ContentPath.folder(of: file)
            ensureSection(folder)
            sections[folder]!.files.append(file)
        }
        // Sub-sections in reading order: by weight, then title.
        let snapshot = sections
        for path in snapshot.keys {
            sections[path]!.subsections.sort {
                let a = snapshot[$0]!, b = snapshot[$1]!
                return (a.weight, a.title, a.path) < (b.weight, b.title, b.path)
            }
        }
        self.sectionsStorage = sections
        for section in sections.values {
            for (position, index) in section.notes.enumerated() {
                neighbourStorage[index] = (
                    position > 0 ? section.notes[position - 1] : nil,
                    position + 1 < section.notes.count ? section.notes[position + 1] : nil
                )
            }
        }

        // Pages depth-first so that the order is the reading order.
        func visit(_ path: String, ancestors: [String]) {
            let section = sections[path]!
            let sourcePath = section.indexNote.map { notes[$0].contentPath }
            addPage(
                Page(
                    kind: path == "notes" ? .notesIndex : .section, title: section.title,
                    outputPath: section.outputPath, sourcePath: sourcePath, area: .notes, ancestors: ancestors))
            if let index = section.indexNote { setNoteIndex(section.outputPath, index) }
            let inner = ancestors + [section.outputPath]
            // A long section lists its notes a page at a time, as Hugo and Material do.
            for number in stride(from: 2, through: Self.sectionPageCount(section.notes.count), by: 1) {
                var listing = Page(
                    kind: path == "notes" ? .notesIndex : .section, title: section.title,
                    outputPath: Self.sectionPagePath(section.outputPath, number), area: .notes, ancestors: inner)
                listing.pageNumber = number
                addPage(listing)
            }
            for i in section.notes {
                let output = Self.stem(notes[i].contentPath) + "/index.html"
                setNoteIndex(output, i)
                addPage(
                    Page(
                        kind: .note, title: notes[i].title, outputPath: output, sourcePath: notes[i].contentPath,
                        area: .notes, ancestors: inner))
            }
            for sub in section.subsections { visit(sub, ancestors: inner) }
        }
        visit("notes", ancestors: [])
    }

    /// Notes a section page lists; more make more pages (`…/page/2/index.html`).
    public static let notesPerSectionPage = 100

    public static func sectionPageCount(_ notes: Int) -> Int { max(1, (notes + notesPerSectionPage - 1) / notesPerSectionPage) }

    /// `notes/data/index.html`, page 3 → `notes/data/page/3/index.html`.
    public static func sectionPagePath(_ first: String, _ number: Int) -> String {
        number <= 1 ? first : String(first.dropLast("index.html".count)) + "page/\(number)/index.html"
    }

    /// The file that is each folder's own page: `index.md` (or `index.markdown`), else a
    /// `README.md` in any case, as GitHub shows a folder — the TDSP template's folders have one.
    public static func folderPages(_ paths: [String]) -> [String: String] {
        var found: [String: (rank: Int, path: String)] = [:]
        for path in paths {
            let folder = ContentPath.folder(of: path)
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard let rank = folderPageRank(name) else { continue }
            if let other = found[folder], other.rank <= rank { continue }
            found[folder] = (rank, path)
        }
        return found.mapValues(\.path)
    }

    /// 0 for `index.md`, 1 for `README.md` (any case); nil for other names.
    static func folderPageRank(_ name: String) -> Int? {
        switch name.lowercased() {
        case "index.md", "index.markdown": 0
        case "readme.md", "readme.markdown": 1
        default: nil
        }
    }

    /// The notes of a section and the pages before and after a note in reading order.
    public func neighbours(ofNoteAt outputPath: String) -> (previous: Int?, next: Int?) {
        guard let index = noteIndexByOutput[outputPath], let n = neighbourStorage[index] else { return (nil, nil) }
        return (n.0, n.1)
    }
}

func humanize(_ name: String) -> String {
    let words = String(name.map { $0 == "-" || $0 == "_" ? " " : $0 })
    return words.prefix(1).uppercased() + words.dropFirst()
}
