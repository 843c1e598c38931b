import Model
import SiteGraph

extension SiteRenderer {
    func noteContext(_ context: inout [String: Any], page: Page) {
        guard let index = graph.noteIndexByOutput[page.outputPath] else { return }
        let note = model.notes[index]
        var p: [String: Any] = ["title": note.title, "kind": "note"]
        p["description"] = note.description
        p["lede"] = note.description
        context["page"] = p
        if let date = note.date {
            context["date"] = date.description
            context["dateISO"] = date.iso8601
        }
        if !note.tags.isEmpty { context["tags"] = note.tags }
        context["hasMeta"] = note.date != nil || !note.tags.isEmpty
        let (previous, next) = graph.neighbours(ofNoteAt: page.outputPath)
        if previous != nil || next != nil {
            var pager: [String: Any] = ["label": "Pages of this section"]
            if let previous { pager["previous"] = ["title": model.notes[previous].title, "url": link(page, noteOutput(previous))] }
            if let next { pager["next"] = ["title": model.notes[next].title, "url": link(page, noteOutput(next))] }
            context["pager"] = pager
        }
    }

    func sectionContext(_ context: inout [String: Any], page: Page, bodies: [String: Body]) {
        let path = String(page.outputPath.dropLast("/index.html".count))
        guard let section = graph.sections[path] else { return }
        var p: [String: Any] = ["title": section.title, "kind": "section"]
        if let i = section.indexNote, let d = model.notes[i].description { p["lede"] = d; p["description"] = d }
        context["page"] = p
        let subsections = section.subsections.map { sub -> [String: Any] in
            let s = graph.sections[sub]!
            let count = s.notes.count + s.subsections.count
            return ["title": s.title, "url": link(page, s.outputPath),
                    "count": count == 1 ? "1 entry" : "\(count) entries"]
        }
        if !subsections.isEmpty {
            context["subsections"] = subsections
            context["hasSubsections"] = true
        }
        let notes = section.notes.map { i -> [String: Any] in
            let note = model.notes[i]
            var item: [String: Any] = ["title": note.title, "url": link(page, noteOutput(i))]
            let summary = note.description ?? bodies[note.contentPath]?.summary ?? ""
            if !summary.isEmpty { item["summary"] = summary.count > 220 ? String(summary.prefix(217)) + "…" : summary }
            return item
        }
        if !notes.isEmpty {
            context["notes"] = notes
            context["hasNotes"] = true
        }
        context["missing"] = missing("Nothing here yet", "Add Markdown files to Content/\(path)/ and they appear on this page.")
    }
}
