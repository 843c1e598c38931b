import Diagnostics
import Loading
import Model

/// Markdown files sorted by what they are.
struct PageSet {
    var stages: [StageKind: LifecycleStage] = [:]
    var notes: [Note] = []
    var report: [Note] = []
    var architecture: [Note] = []
    var incidents: [Incident] = []
    var home: MarkdownBody?
}

extension Validator {
    mutating func classify(_ source: MarkdownSource, into pages: inout PageSet) {
        let parts = source.contentPath.split(separator: "/").map(String.init)
        let body = MarkdownBody(
            text: source.body, displayPath: source.displayPath,
            contentPath: source.contentPath, lineOffset: source.bodyLineOffset)
        let top = parts.count > 1 ? parts[0] : ""
        switch top {
        case "lifecycle" where parts.count == 2:
            let name = String(parts[1].dropLast(parts[1].hasSuffix(".markdown") ? 9 : 3))
            guard let kind = StageKind(rawValue: name) else {
                let names = StageKind.allCases.map(\.rawValue)
                diagnostics.error(
                    at: SourceLocation(path: source.displayPath),
                    "lifecycle/: expected a TDSP stage file (\(names.map { $0 + ".md" }.joined(separator: ", "))), found `\(parts[1])`",
                    hint: nearestName(to: name, in: names).map { "did you mean `\($0).md`?" })
                return
            }
            if let stage = stage(kind, source: source, body: body) { pages.stages[kind] = stage }
        case "report", "architecture":
            if let note = note(source, body: body, context: top + " section") {
                if top == "report" { pages.report.append(note) } else { pages.architecture.append(note) }
            }
        case "incidents" where parts.count == 2 && !["index.md", "index.markdown"].contains(parts[1]):
            if let incident = incident(source, body: body) { pages.incidents.append(incident) }
        case "incidents":
            diagnostics.warning(
                at: SourceLocation(path: source.displayPath),
                "not published: incidents are the Markdown files directly in incidents/, one per incident",
                hint: "the incidents page is generated; put notes about incidents under notes/")
        case "notes":
            if let note = note(source, body: body, context: "note") { pages.notes.append(note) }
        case "" where source.contentPath == "index.md":
            var f = source.frontMatter.flatMap { Fields($0, context: "index.md", &diagnostics) }
            f?.finish(&diagnostics)
            pages.home = body
        default:
            diagnostics.warning(
                at: SourceLocation(path: source.displayPath),
                "this Markdown file is not published: only notes/, report/, architecture/, incidents/, lifecycle/ and index.md are",
                hint: "move it under notes/")
        }
    }

    mutating func note(_ source: MarkdownSource, body: MarkdownBody, context: String) -> Note? {
        let fallback = titleFromFileName(source.contentPath)
        guard let frontMatter = source.frontMatter else {
            return Note(contentPath: source.contentPath, title: firstHeading(source.body) ?? fallback, weight: 0, body: body)
        }
        guard var f = Fields(frontMatter, context: context, &diagnostics) else { return nil }
        let title = f.string("title", &diagnostics) ?? firstHeading(source.body) ?? fallback
        var note = Note(contentPath: source.contentPath, title: title, weight: f.int("weight", &diagnostics) ?? 0, body: body)
        note.description = f.string("description", &diagnostics)
        note.date = f.date("date", &diagnostics)
        note.tags = f.strings("tags", &diagnostics)
        f.finish(&diagnostics)
        return note
    }

    mutating func incident(_ source: MarkdownSource, body: MarkdownBody) -> Incident? {
        guard let frontMatter = source.frontMatter else {
            diagnostics.error(
                at: SourceLocation(path: source.displayPath, line: 1, column: 1),
                "incident: expected front matter with title, started and impact, found none",
                hint: "start the file with ---, title: …, started: 2026-11-12T03:10:00Z, impact: minor, ---")
            return nil
        }
        guard var f = Fields(frontMatter, context: "incident", &diagnostics) else { return nil }
        let title = f.string("title", &diagnostics, required: true)
        let started = f.date("started", &diagnostics, required: true)
        let resolved = f.date("resolved", &diagnostics)
        let impact: Incident.Impact? = f.choice("impact", &diagnostics, required: true)
        let components = f.strings("components", &diagnostics)
        for component in components {
            references.append(
                Reference(
                    name: component, kind: .component,
                    location: frontMatter["components"]?.location ?? frontMatter.location,
                    context: "incident.components"))
        }
        if let started, let resolved, resolved < started {
            diagnostics.error(
                at: frontMatter["resolved"]!.location,
                "incident.resolved: expected a time after `started` (\(started)), found \(resolved)")
        }
        var updates: [Incident.Update] = []
        for node in f.list("updates", &diagnostics) {
            guard var u = Fields(node, context: "incident.updates[]", &diagnostics) else { continue }
            let at = u.date("at", &diagnostics, required: true)
            let status: Incident.Update.Status? = u.choice("status", &diagnostics)
            let text = u.string("text", &diagnostics, required: true)
            u.finish(&diagnostics)
            guard let at, let text else { continue }
            if let started, at < started {
                diagnostics.error(
                    at: node["at"]!.location, "incident.updates[].at: expected a time at or after `started` (\(started)), found \(at)")
            } else if let resolved, resolved < at {
                diagnostics.error(
                    at: node["at"]!.location, "incident.updates[].at: expected a time at or before `resolved` (\(resolved)), found \(at)")
            }
            updates.append(Incident.Update(at: at, status: status, text: text))
        }
        f.finish(&diagnostics)
        guard let title, let started, let impact else { return nil }
        var incident = Incident(
            contentPath: source.contentPath, title: title, started: started, resolved: resolved,
            impact: impact, components: components, body: body)
        // Oldest first, as a timeline reads; equal times keep the order they were written in.
        incident.updates = updates.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        return incident
    }

    mutating func stage(_ kind: StageKind, source: MarkdownSource, body: MarkdownBody) -> LifecycleStage? {
        var stage = LifecycleStage(kind: kind, title: messages["stage.\(kind.rawValue).title"], status: .notStarted)
        stage.body = body
        stage.contentPath = source.contentPath
        guard let frontMatter = source.frontMatter else { return stage }
        guard var f = Fields(frontMatter, context: "stage \(kind.rawValue)", &diagnostics) else { return nil }
        stage.title = f.string("title", &diagnostics) ?? messages["stage.\(kind.rawValue).title"]
        stage.status = f.choice("status", &diagnostics) ?? .notStarted
        stage.owners = f.strings("owners", &diagnostics)
        stage.started = f.date("started", &diagnostics)
        stage.finished = f.date("finished", &diagnostics)
        if let started = stage.started, let finished = stage.finished, finished < started {
            diagnostics.error(
                at: frontMatter["finished"]!.location,
                "stage \(kind.rawValue).finished: expected a date after `started` (\(started)), found \(finished)")
        }
        for item in f.list("artifacts", &diagnostics) {
            if case .scalar(let name, _) = item.value {
                stage.artifacts.append(Artifact(name: name, link: nil, done: false))
                continue
            }
            guard var a = Fields(item, context: "artifacts[]", &diagnostics) else { continue }
            let name = a.string("name", &diagnostics, required: true)
            let link = a.contentPath("link", &diagnostics, existing: content.allPaths.union(Self.generatedPages), allowURL: true)
            let done = a.bool("done", &diagnostics) ?? (link != nil)
            a.finish(&diagnostics)
            if let name { stage.artifacts.append(Artifact(name: name, link: link, done: done)) }
        }
        if var d = f.object("decision", &diagnostics) {
            if let outcome: Decision.Outcome = d.choice("outcome", &diagnostics, required: true) {
                var decision = Decision(outcome: outcome)
                decision.date = d.date("date", &diagnostics)
                decision.by = d.string("by", &diagnostics)
                decision.notes = d.string("notes", &diagnostics)
                stage.decision = decision
            }
            d.finish(&diagnostics)
        }
        for item in f.list("signoffs", &diagnostics) {
            guard var s = Fields(item, context: "signoffs[]", &diagnostics) else { continue }
            let name = s.string("name", &diagnostics, required: true)
            let decision: Signoff.State? = s.choice("decision", &diagnostics)
            let role = s.string("role", &diagnostics)
            let date = s.date("date", &diagnostics)
            let comment = s.string("comment", &diagnostics)
            s.finish(&diagnostics)
            if let name {
                var signoff = Signoff(name: name, decision: decision ?? .pending)
                signoff.role = role
                signoff.date = date
                signoff.comment = comment
                stage.signoffs.append(signoff)
            }
        }
        for item in f.list("criteria", &diagnostics) {
            if case .scalar(let name, _) = item.value {
                stage.criteria.append(Criterion(name: name, met: nil))
                continue
            }
            guard var c = Fields(item, context: "criteria[]", &diagnostics) else { continue }
            let name = c.string("name", &diagnostics, required: true)
            let met = c.bool("met", &diagnostics)
            let evidence = c.contentPath("evidence", &diagnostics, existing: content.allPaths.union(Self.generatedPages), allowURL: true)
            c.finish(&diagnostics)
            if let name {
                var criterion = Criterion(name: name, met: met)
                criterion.evidence = evidence
                stage.criteria.append(criterion)
            }
        }
        // A status that contradicts the sign-offs would tell the customer two things at once.
        let decided = stage.signoffs.contains { $0.decision != .pending }
        if stage.status == .notStarted, decided || stage.criteria.contains(where: { $0.met != nil }) {
            diagnostics.warning(
                at: frontMatter["status"]?.location ?? frontMatter.location,
                "status is not-started but sign-offs or criteria of the stage are already decided; shown as in-progress",
                hint: "set `status: in-progress`")
            stage.status = .inProgress
        }
        if stage.status == .done, stage.signoffs.contains(where: { $0.decision != .approved }) {
            diagnostics.warning(
                at: frontMatter["status"]?.location ?? frontMatter.location,
                "status is done but not every sign-off is approved")
        }
        if kind != .customerAcceptance, !stage.signoffs.isEmpty, let node = frontMatter["signoffs"] {
            diagnostics.warning(at: node.location, "signoffs belong to customer-acceptance.md; they are not shown for \(kind.rawValue)")
        }
        f.finish(&diagnostics)
        return stage
    }

    /// Pages Handover generates, which artifacts may link to although no file exists.
    static let generatedPages: Set<String> = ["dashboard", "report", "architecture", "api"]

    /// All five stages in cycle order, with defaults for the ones without a file.
    func stages(from found: [StageKind: LifecycleStage]) -> [LifecycleStage] {
        StageKind.allCases.map { kind in
            found[kind] ?? LifecycleStage(kind: kind, title: messages["stage.\(kind.rawValue).title"], status: .notStarted)
        }
    }

    func titleFromFileName(_ path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        if name == "index.md", let parent = path.split(separator: "/").dropLast().last { name = String(parent) }
        if let dot = name.lastIndex(of: ".") { name = String(name[..<dot]) }
        let words = name.replacingAll("-", with: " ").replacingAll("_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The text of a leading `# Heading`, a common way to title a note without front matter.
    func firstHeading(_ body: String) -> String? { Self.leadingHeading(body) }

    /// The text of a leading `# Heading`: part of a note's metadata when it has no `title`.
    public static func leadingHeading(_ body: String) -> String? {
        for line in body.split(separator: "\n", omittingEmptySubsequences: true).prefix(5) {
            let t = line.trimmingTrailingWhitespace
            if t.hasPrefix("# ") { return String(t.dropFirst(2)) }
            if !t.isEmpty { return nil }
        }
        return nil
    }
}

extension Substring {
    var trimmingTrailingWhitespace: Substring {
        var s = self
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}
