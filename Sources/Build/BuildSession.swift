import Diagnostics
import Foundation
import Loading
import Model
import Output
import Pages
import SiteGraph
import Validation

/// A site kept built while its inputs change: what `handover serve` rebuilds with.
///
/// Each changed path is classified (`ChangeClassifier`). An edit that changes only the text of
/// Markdown bodies (front matter and leading heading as they were) re-renders those bodies and
/// the pages that show them; anything else (YAML, templates, snapshots, files added, moved or
/// removed, a changed title) renders the site again in memory, reusing the pages whose kind
/// shows none of the changed kinds of input (`Page.Kind.inputs`). Either way only the files whose bytes changed are rewritten, each atomically, and
/// the result is the site a full `handover build` writes. A failed rebuild writes nothing and the
/// next one is a full rebuild, so an error elsewhere is never hidden by a later small edit.
public struct BuildSession: Sendable {
    public let options: BuildPipeline.Options
    /// The last good build.
    private var prepared: BuildPipeline.Prepared?
    private var markdownIndex: [String: Int] = [:]
    /// What each static file was copied from, as `path size mtime`: copied again when it differs.
    private var staticStamps: [String: String] = [:]
    private var lastFailed = true
    /// Files rendered into `prepared` but not written (the update failed): written by the next build.
    private var unwritten: Set<String> = []
    /// Successful body updates and full builds so far: a search index assembled meanwhile knows
    /// whether it is still current.
    private var updateCount = 0
    private var fullBuildCount = 0
    private var writtenOnce = false

    /// What one rebuild did.
    public struct Outcome: Sendable {
        /// Everything the inputs have wrong, sorted; the site was not changed when there are errors.
        public var diagnostics: [Diagnostic]
        /// Only the edited bodies and what shows them were rendered again.
        public var incremental: Bool
        /// Only deployment data changed: note pages were reused, the rest rendered again.
        public var reusedNotePages = false
        /// Output paths written (new or changed contents) and removed.
        public var written: [String] = []
        public var removed: [String] = []
        public var seconds: Double = 0
        public var pageCount = 0
        /// The output folder could not be written.
        public var internalFailure: String?

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } || internalFailure != nil }
    }

    public init(options: BuildPipeline.Options) {
        self.options = options
    }

    /// Builds everything and writes what changed since the last good build.
    public mutating func rebuildAll() -> Outcome { rebuild(changed: Set(InputKind.allCases)) }

    /// - Parameter changed: the kinds of input that changed (`ChangeClassifier`): pages whose kind
    ///   shows none of them are reused from the last good build when nothing they show moved.
    private mutating func rebuild(changed: Set<InputKind>) -> Outcome {
        let start = DispatchTime.now()
        var clock = StageClock()
        let (next, bag) = BuildPipeline.prepare(options, clock: &clock, previous: lastFailed ? nil : prepared, changed: changed)
        var outcome = Outcome(diagnostics: bag.sorted, incremental: false)
        guard let next, !outcome.hasErrors else {
            lastFailed = true
            return outcome.timed(since: start)
        }
        do {
            (outcome.written, outcome.removed) = try write(next)
        } catch {
            outcome.internalFailure = "\(error)"
            lastFailed = true
            return outcome.timed(since: start)
        }
        commit(next)
        outcome.pageCount = next.graph.pages.count
        outcome.reusedNotePages = next.reusedNotes
        return outcome.timed(since: start)
    }

    /// Rebuilds after the files at `paths` (absolute) changed: incrementally when only bodies
    /// changed, else in full. nil when none of the paths is an input.
    ///
    /// - Parameter deferSearchIndex: leave the search index of a body-only edit to
    ///   `finishDeferredWork()`, so that the edited page is written (and reloaded) sooner.
    public mutating func apply(changedPaths paths: Set<String>, deferSearchIndex: Bool = false) -> Outcome? {
        let start = DispatchTime.now()
        guard let (changes, edits) = classify(paths) else { return nil }
        guard prepared != nil, !changes.isEmpty, !lastFailed else { return rebuildAll().timed(since: start) }
        if edits.count == changes.count {
            return updateBodies(edits, deferSearchIndex: deferSearchIndex).timed(since: start)
        }
        return rebuild(changed: Set(changes.map(\.kind)))
    }

    /// What the changed paths are, and the body-only edits among them; nil when none is an input,
    /// no changes without a previous build. A function of its own so that nothing of the previous
    /// build is held once it returns: the update then owns its arrays and mutates them in place
    /// (a copy of a 10,000-page site's content and pages cost more than the update).
    private func classify(_ paths: Set<String>) -> (changes: [ChangeClassifier.Change], edits: [MarkdownSource])? {
        let loader = ContentLoader(projectURL: options.projectURL)
        let candidates = paths.compactMap { ChangeClassifier.inputPath($0, project: loader.projectURL) }
        guard let previous = prepared else { return candidates.isEmpty ? nil : ([], []) }
        let classifier = ChangeClassifier(loader: loader, previous: previous.content, markdownIndex: markdownIndex)
        let inputs = candidates.filter(classifier.isInput)
        guard !inputs.isEmpty else { return nil }
        let changes = inputs.sorted().map(classifier.classify)
        let edits = changes.compactMap { change in change.source.flatMap { previous.site.hasBody($0.contentPath) ? $0 : nil } }
        return (changes, edits)
    }

    // MARK: - Body-only edits

    private mutating func updateBodies(_ edits: [MarkdownSource], deferSearchIndex: Bool) -> Outcome {
        // Owned, not copied: on a large site, copying the arrays would cost more than the update.
        guard var next = prepared.take() else { return rebuildAll() }
        var bodies: [MarkdownBody] = []
        for source in edits {
            let body = MarkdownBody(
                text: source.body, displayPath: source.displayPath,
                contentPath: source.contentPath, lineOffset: source.bodyLineOffset)
            guard next.model.replaceBody(body, graph: next.graph) else {
                prepared = next
                return rebuildAll()
            }
            next.content.markdown[markdownIndex[source.contentPath]!] = source
            bodies.append(body)
        }
        let renderer = SiteRenderer(
            model: next.model, graph: next.graph, theme: next.theme,
            version: BuildPipeline.version, monitoring: next.monitoring, authorHints: options.authorHints)
        let changed = renderer.update(&next.site, changedBodies: bodies, deferSearchIndex: deferSearchIndex)
        var bag = DiagnosticBag()
        bag.add(contentsOf: next.inputDiagnostics)
        bag.add(contentsOf: next.site.diagnostics)
        var outcome = Outcome(diagnostics: bag.sorted, incremental: true, pageCount: next.graph.pages.count)
        prepared = next
        guard !outcome.hasErrors else {
            // Rendered, not written: the next (full) rebuild must write these whatever it renders.
            unwritten.formUnion(changed)
            lastFailed = true
            return outcome
        }
        do {
            try patch(changed, of: next.site)
        } catch {
            unwritten.formUnion(changed)
            outcome.internalFailure = "\(error)"
            lastFailed = true
            return outcome
        }
        outcome.written = changed
        lastFailed = false
        updateCount += 1
        return outcome
    }

    /// Writes some files of the site, each atomically.
    private func patch(_ paths: [String], of site: RenderedSite) throws {
        try SiteWriter(outputURL: options.resolvedOutputURL)
            .patch(write: paths.map { SiteWriter.Entry(path: $0, content: .text(site.contents(of: $0) ?? "")) }, remove: [])
    }

    /// Whether an update left work for `finishDeferredWork()`.
    public var hasDeferredWork: Bool { prepared?.site.searchIndexIsStale ?? false }

    /// Assembles and writes what an update deferred (the search index).
    /// - Returns: the output paths written.
    public mutating func finishDeferredWork() -> [String] {
        guard let job = searchIndexJob(), let staged = try? job.run() else { return [] }
        return install(staged)
    }

    /// The search index to assemble again, as work that can run away from the session (it is
    /// the slow part of an update on a large site); nil when it is up to date.
    public func searchIndexJob() -> SearchIndexJob? {
        guard let site = prepared?.site, site.searchIndexIsStale else { return nil }
        // What is written now, so that the job writes only the shards and fragments that change.
        var current: [String: String] = [:]
        for file in site.files where file.path == SiteRenderer.searchIndexPath || file.path.hasPrefix("search/") {
            current[file.path] = file.contents
        }
        return SearchIndexJob(
            entries: site.searchEntriesForIndex, terms: site.searchTermsForIndex, sharded: site.searchSharded,
            current: current, outputURL: options.resolvedOutputURL,
            updates: updateCount, fullBuilds: fullBuildCount)
    }

    /// Puts a search index assembled by a job in place, unless a full build wrote one since.
    /// - Returns: the output paths written.
    public mutating func install(_ staged: SearchIndexJob.Staged) -> [String] {
        guard staged.fullBuilds == fullBuildCount, var next = prepared.take() else {
            staged.files.discard()
            return []
        }
        defer { prepared = next }
        do {
            try staged.files.commit()
        } catch {
            staged.files.discard()
            return []
        }
        next.site.installSearchIndex(staged.contents, stale: staged.updates != updateCount)
        return staged.contents.map(\.path)
    }

    /// Assembling `search-index.js` from the pages' entries and writing them under
    /// temporary names; `BuildSession.install` renames them into place.
    public struct SearchIndexJob: Sendable {
        let entries: [String?]
        let terms: [PageTerms?]
        let sharded: Bool
        let current: [String: String]
        let outputURL: URL
        let updates: Int
        let fullBuilds: Int

        public struct Staged: Sendable {
            let contents: [RenderedFile]
            let files: AtomicFiles.Staged
            let updates: Int
            let fullBuilds: Int
        }

        public func run() throws -> Staged {
            let contents = SiteRenderer.searchIndexFiles(entries, terms: terms, sharded: sharded).filter { current[$0.path] != $0.contents }
            let files = try AtomicFiles.stage(
                contents.map { (outputURL.appendingPathComponent($0.path), Data($0.contents.utf8)) },
                tag: "-\(updates)")
            return Staged(contents: contents, files: files, updates: updates, fullBuilds: fullBuilds)
        }
    }

    // MARK: - Writing

    /// The first build writes the whole site (swapped in atomically); later ones only what changed.
    /// - Returns: the output paths written and removed.
    private mutating func write(_ next: BuildPipeline.Prepared) throws -> (written: [String], removed: [String]) {
        let writer = SiteWriter(outputURL: options.resolvedOutputURL)
        var stamps: [String: String] = [:]
        for file in next.content.staticFiles { stamps[file.contentPath] = Self.stamp(file.sourceURL) }
        let statics = next.content.staticFiles.map { SiteWriter.Entry(path: $0.contentPath, content: $0.sanitized.map { .data($0) } ?? .copy($0.sourceURL)) }
        guard writtenOnce, let previous = prepared else {
            // The archived releases too, so that the preview's version switcher works.
            try writer.write(
                next.site.files.map { SiteWriter.Entry(path: $0.path, content: .text($0.contents)) } + statics
                    + BuildPipeline.publishedArchives(options))
            writtenOnce = true
            staticStamps = stamps
            unwritten = []
            return (next.site.files.map(\.path) + next.content.staticFiles.map(\.contentPath), [])
        }
        let old = Dictionary(previous.site.files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        var entries = next.site.files.filter { old[$0.path] != $0.contents || unwritten.contains($0.path) }
            .map { SiteWriter.Entry(path: $0.path, content: .text($0.contents)) }
        entries += statics.filter { stamps[$0.path] != staticStamps[$0.path] }
        let kept = Set(next.site.files.map(\.path)).union(stamps.keys)
        let removed = (Array(old.keys) + Array(staticStamps.keys)).filter { !kept.contains($0) }.sorted()
        try writer.patch(write: entries, remove: removed)
        staticStamps = stamps
        unwritten = []
        return (entries.map(\.path), removed)
    }

    private mutating func commit(_ next: BuildPipeline.Prepared) {
        prepared = next
        fullBuildCount += 1
        markdownIndex = Dictionary(next.content.markdown.enumerated().map { ($1.contentPath, $0) }, uniquingKeysWith: { a, _ in a })
        lastFailed = false
    }

    private static func stamp(_ url: URL) -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(url.path) \(size) \(modified)"
    }
}

extension BuildSession.Outcome {
    func timed(since start: DispatchTime) -> Self {
        var copy = self
        copy.seconds = secondsSince(start)
        return copy
    }
}

extension Optional {
    /// The value, leaving nil behind: the caller holds the only reference to its storage.
    mutating func take() -> Wrapped? {
        defer { self = nil }
        return self
    }
}

extension SiteModel {
    /// Puts a new text in place of a body the model has; false when it has none at that path.
    mutating func replaceBody(_ body: MarkdownBody, graph: SiteGraph) -> Bool {
        let path = body.contentPath
        if homeBody?.contentPath == path { homeBody = body; return true }
        if let target = graph.target(forSource: path), target.fragment == nil {
            if let i = graph.noteIndexByOutput[target.outputPath], notes[i].contentPath == path {
                notes[i].body = body; return true
            }
            if let i = graph.incidentIndexByOutput[target.outputPath], incidents[i].contentPath == path {
                incidents[i].body = body; return true
            }
        }
        if let i = stages.firstIndex(where: { $0.contentPath == path && $0.body != nil }) { stages[i].body = body; return true }
        if let i = reportSections.firstIndex(where: { $0.contentPath == path }) { reportSections[i].body = body; return true }
        if let i = architectureSections.firstIndex(where: { $0.contentPath == path }) { architectureSections[i].body = body; return true }
        return false
    }
}
