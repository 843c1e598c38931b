import Basics
import Diagnostics
import Foundation
import Health
import Monitoring
import Parallel
import Loading
import Model
import Output
import Panels
import Pages
import SiteGraph
import Templates
import Validation

/// The one place that knows the order of the stages: load → validate → site graph → render → write.
public enum BuildPipeline {
    public static let version = "0.1.0"

    public struct Options: Sendable {
        public var projectURL: URL
        /// Default: `PROJECT/_site`.
        public var outputURL: URL?
        /// Overrides site.yaml's `base_url`.
        public var baseURL: String?
        /// Warnings fail the build.
        public var strict: Bool = false
        /// Empty pages tell the author which file to write (`serve`): a published site never names
        /// the project's files to its readers.
        public var authorHints: Bool = false
        /// `SOURCE_DATE_EPOCH`: the build's time when set.
        public var sourceDateEpoch: Int64?
        /// The clock (seconds) when `SOURCE_DATE_EPOCH` is not set: the build's real time, against
        /// which data age is measured. nil (a library call, a test): the newest date in the inputs.
        public var clock: Int64?

        /// `build --release`: archive the latest release's site under `DIR/releases/<version>/`.
        public var release = false
        /// With `release`: replace an archive that this build would change.
        public var force = false
        /// This render is the archive of that release (its banner, its switcher's place).
        var archiveVersion: String?

        /// The build's time as the options give it: `SOURCE_DATE_EPOCH`, else the clock.
        public var buildTime: Int64? { sourceDateEpoch ?? clock }

        public init(projectURL: URL) { self.projectURL = projectURL }

        public var resolvedOutputURL: URL { outputURL ?? projectURL.appendingPathComponent("_site") }

        /// The real folder the site is written to, or why it may not be (`OutputPlacement`).
        public func placedOutputURL() throws(OutputPlacement.Refusal) -> URL {
            try OutputPlacement.resolve(output: resolvedOutputURL, project: projectURL)
        }
    }

    public struct StageTiming: Sendable {
        public var stage: String
        public var seconds: Double
        /// The process's peak resident memory when the stage ended.
        public var peakBytes: Int
    }

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        public var pageCount = 0
        public var fileCount = 0
        public var seconds: Double = 0
        /// The finished site in memory (for `check` and tests), when rendering succeeded.
        public var files: [RenderedFile] = []
        /// Failure outside the inputs (cannot write the output): exit code 3.
        public var internalFailure: String?
        /// The output folder may not be written (it overlaps the project): exit code 2, nothing read.
        public var refusal: String?
        /// Seconds spent in each stage, in order, and the peak memory at its end: what `--timings` prints.
        public var stageTimings: [StageTiming] = []
        /// What `--release` did with the release's archive.
        public var archived: ArchiveOutcome?
        /// The pages that took longest to render, slowest first (`--timings`).
        public var slowestPages: [(path: String, seconds: Double)] = []

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
        public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    }

    /// A rendered site before it is written.
    struct Rendered {
        var pageSeconds: [String: Double] = [:]
        var files: [RenderedFile]
        var staticFiles: [StaticFile]
        var pageCount: Int
        /// Each page's source, as a person finds it: the Markdown file it comes from, else its
        /// template (`Templates/pages/api.mustache`). Never `_site/`, which `check` does not write.
        var origins: [String: String] = [:]
        /// The latest release as this build sees it (`release.json` of its archive).
        var releaseFacts: ReleaseFacts?
        var releaseLocation: SourceLocation?
    }

    /// Loads, validates and renders; writes the site only when nothing is wrong.
    public static func build(_ options: Options) -> Result {
        let start = DispatchTime.now()
        var options = options
        do {
            options.outputURL = try options.placedOutputURL()
        } catch {
            var refused = Result(diagnostics: [])
            refused.refusal = error.description
            return refused
        }
        var clock = StageClock()
        var (rendered, diagnostics) = render(options, clock: &clock)
        var result = Result(diagnostics: diagnostics.sorted)
        if options.strict, !diagnostics.warnings.isEmpty {
            result.diagnostics.append(.error(at: SourceLocation(path: "."), "\(diagnostics.warnings.count) warning(s) and --strict was given"))
        }
        result.slowestPages = (rendered?.pageSeconds ?? [:]).sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .prefix(8).map { ($0.key, $0.value) }
        guard let site = rendered, !result.hasErrors else { return result.timed(since: start) }
        rendered = nil
        var entries = siteEntries(site)
        if options.release {
            let archived = archiveRelease(options, facts: site.releaseFacts, at: site.releaseLocation, clock: &clock)
            result.diagnostics += archived.diagnostics
            if let failure = archived.failure { result.internalFailure = failure }
            if result.hasErrors || result.internalFailure != nil { return result.timed(since: start) }
            result.archived = archived.outcome
        }
        entries += publishedArchives(options)
        do {
            try SiteWriter(outputURL: options.resolvedOutputURL).write(entries)
        } catch {
            result.internalFailure = "\(error)"
        }
        clock.lap("write")
        result.stageTimings = clock.laps
        result.pageCount = site.pageCount
        result.fileCount = entries.count + 1
        return result.timed(since: start)
    }

    /// Everything `build` does but writing, plus a check of every link and anchor in the output.
    public static func check(_ options: Options) -> Result {
        let start = DispatchTime.now()
        var clock = StageClock()
        let (rendered, diagnostics) = render(options, clock: &clock)
        var bag = diagnostics
        // The output check is a safety net for links the templates make; Markdown links were
        // already checked with their source locations, so it runs only on an otherwise clean site.
        if let site = rendered, !bag.hasErrors {
            bag.add(
                contentsOf: OutputLinkChecker.check(
                    site.files, staticFiles: Set(site.staticFiles.map(\.contentPath) + publishedArchives(options).map(\.path)),
                    origins: site.origins))
        }
        clock.lap("check links")
        var result = Result(diagnostics: bag.sorted)
        result.stageTimings = clock.laps
        if options.strict, !bag.warnings.isEmpty {
            result.diagnostics.append(.error(at: SourceLocation(path: "."), "\(bag.warnings.count) warning(s) and --strict was given"))
        }
        result.pageCount = rendered?.pageCount ?? 0
        result.files = rendered?.files ?? []
        return result.timed(since: start)
    }

    static func render(_ options: Options, clock: inout StageClock) -> (Rendered?, DiagnosticBag) {
        let (prepared, diagnostics) = prepare(options, clock: &clock)
        guard let prepared else { return (nil, diagnostics) }
        return (
            Rendered(
                pageSeconds: prepared.site.pageSeconds, files: prepared.site.files,
                staticFiles: prepared.content.staticFiles, pageCount: prepared.graph.pages.count,
                origins: Dictionary(
                    prepared.graph.pages.map { page in
                        let template = SiteRenderer.templateName(of: page.kind)
                        let overridden = prepared.content.templateOverrides[template + ".mustache"] != nil
                        return (
                            page.outputPath,
                            page.sourcePath.map { "Content/" + $0 }
                                ?? (overridden ? "" : "built-in theme: ") + "Templates/\(template).mustache"
                        )
                    }, uniquingKeysWith: { a, _ in a }),
                releaseFacts: prepared.releaseFacts,
                releaseLocation: prepared.model.deployment?.latestRelease?.location), diagnostics
        )
    }

    /// Everything a rendered site came from, kept by `BuildSession` to update it after an edit.
    struct Prepared {
        var content: LoadedContent
        var model: SiteModel
        var graph: SiteGraph
        var theme: Theme
        var monitoring: MonitoringView
        var site: RenderedSite
        /// What loading, validating, monitoring and the site graph found (rendering's are in `site`).
        var inputDiagnostics: [Diagnostic]
        /// The note pages and bodies came from the previous build.
        var reusedNotes = false
        var releaseFacts: ReleaseFacts?
    }

    /// - Parameters:
    ///   - previous: the last good build (`BuildSession`).
    ///   - changed: the kinds of input that changed since `previous`: its rendered bodies and pages
    ///     that show none of them are reused, if the site graph and build time are as they were.
    static func prepare(
        _ options: Options, clock: inout StageClock, previous: Prepared? = nil, changed: Set<InputKind> = Set(InputKind.allCases)
    ) -> (Prepared?, DiagnosticBag) {
        var diagnostics = DiagnosticBag()
        let loader = ContentLoader(projectURL: options.projectURL)
        let (content, loadDiagnostics) = loader.load()
        diagnostics.add(contentsOf: loadDiagnostics)
        clock.lap("load")

        let (theme, themeDiagnostics) = Theme.load(overrides: content.templateOverrides)
        diagnostics.add(contentsOf: themeDiagnostics)

        let (validated, validationDiagnostics) = Validator.validate(content, sourceDateEpoch: options.buildTime)
        diagnostics.add(contentsOf: validationDiagnostics)
        clock.lap("validate")
        guard var model = validated, let theme else { return (nil, diagnostics) }
        // The built-in theme is held to its models and catalog by the tests; an override may name a key that is not there.
        if !content.templateOverrides.isEmpty {
            diagnostics.add(contentsOf: theme.checkKeys(SiteRenderer.templateModels, messages: model.messages))
        }
        if let base = options.baseURL { model.config.baseURL = base.hasSuffix("/") ? base : base + "/" }

        let (monitoring, monitoringDiagnostics) = evaluateMonitoring(content, &model, buildTimeGiven: options.buildTime != nil)
        diagnostics.add(contentsOf: monitoringDiagnostics)
        clock.lap("monitoring")

        let graph = SiteGraph(model: model)
        let collisions = outputCollisions(graph)
        diagnostics.add(contentsOf: collisions)
        clock.lap("site graph")
        if !collisions.isEmpty { return (nil, diagnostics) }
        let inputDiagnostics = diagnostics.all
        let reusable = previous.flatMap { canReusePages(of: $0, model: model, graph: graph) ? $0.site : nil }
        var renderer = SiteRenderer(
            model: model, graph: graph, theme: theme, version: version, monitoring: monitoring, authorHints: options.authorHints)
        let archives = ReleaseArchives(projectURL: options.projectURL).list()
        renderer.release = ReleaseContext(
            archivedVersion: options.archiveVersion, hasArchives: options.release || !archives.isEmpty,
            previous: ReleaseArchives.previous(of: model.deployment, in: archives))
        let site = renderer.renderSite(reusing: reusable, changed: changed)
        diagnostics.add(contentsOf: site.diagnostics)
        clock.lap("render")
        return (
            Prepared(
                content: content, model: model, graph: graph, theme: theme, monitoring: monitoring,
                site: site, inputDiagnostics: inputDiagnostics, reusedNotes: site.reusedPages > 0,
                releaseFacts: renderer.releaseFacts()), diagnostics
        )
    }
}

extension BuildPipeline {
    /// Whether pages rendered for `previous` may be reused at all: what every page shows beyond its
    /// declared inputs, derived from all of them (the site graph's pages and titles, the build
    /// time), is as it was. Which pages are reused is the change classifier's (`Page.Kind.inputs`).
    static func canReusePages(of previous: Prepared, model: SiteModel, graph: SiteGraph) -> Bool {
        guard previous.model.buildTime == model.buildTime, previous.graph.pages.count == graph.pages.count else { return false }
        for (a, b) in zip(previous.graph.pages, graph.pages)
        where a.outputPath != b.outputPath || a.title != b.title || a.kind != b.kind || a.sourcePath != b.sourcePath {
            return false
        }
        return true
    }

    /// Two sources that would become the same page (`notes/a.md` and `notes/a/index.md`).
    static func outputCollisions(_ graph: SiteGraph) -> [Diagnostic] {
        var seen: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for page in graph.pages {
            let source = page.sourcePath.map { "Content/" + $0 } ?? "the generated \(page.title.lowercased()) page"
            if let other = seen[page.outputPath] {
                diagnostics.append(
                    .error(
                        at: SourceLocation(path: page.sourcePath.map { "Content/" + $0 } ?? "Content"),
                        "\(source) and \(other) would both be written to \(page.outputPath)",
                        hint: "rename one of them"))
            } else {
                seen[page.outputPath] = source
            }
        }
        return diagnostics
    }

    /// Reads every snapshot, merges them into series, evaluates the objectives, then the dashboard's panels.
    static func evaluateMonitoring(
        _ content: LoadedContent, _ model: inout SiteModel,
        buildTimeGiven: Bool
    ) -> (MonitoringView, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let files = content.monitoring
        let results = files.concurrentMap { file in SnapshotReader.reading(file.data, path: file.displayPath) }
        var store = SeriesStore()
        var newestByFile: [(path: String, newest: Int64)] = []
        let (answered, manifestDiagnostics) = QueryManifests.read(content)
        diagnostics += manifestDiagnostics
        for (file, result) in zip(files, results) {
            diagnostics += result.diagnostics
            if let expression = answered[file.contentPath] {
                store.answers.add(result.series, for: expression)
                // Computed series have no metric name and are the answer only; a selector's
                // answer is raw data other queries may read too.
                for series in result.series where !series.name.isEmpty { store.add(series) }
            } else {
                for series in result.series { store.add(series) }
            }
            if let newest = result.series.compactMap({ $0.timestamps.max() }).max() { newestByFile.append((file.displayPath, newest)) }
        }
        store.finish()
        if buildTimeGiven, let buildTime = model.buildTime.map({ $0.epochSeconds * 1000 }) {
            // A minute of leeway for clocks that disagree a little.
            for (path, newest) in newestByFile where newest > buildTime + 60_000 {
                diagnostics.append(
                    .warning(
                        at: SourceLocation(path: path),
                        "monitoring data from \(utcTimeText(newest)), \(ageText((newest - buildTime) / 1000)) after the build's time (\(utcTimeText(buildTime)))",
                        hint: "the clock of the machine that recorded it or SOURCE_DATE_EPOCH is wrong; data age is measured from the build's time"))
            }
        } else if let newest = store.newestTimestamp, newest / 1000 > model.buildTime?.epochSeconds ?? .min {
            // No build time given (a library call): the newest thing the inputs know of.
            model.buildTime = DateValue(epochSeconds: newest / 1000, hasTime: true)
        }
        let evaluator = HealthEvaluator(
            store: store, staleAfterSeconds: model.dashboard?.staleAfter ?? 86400,
            buildTime: model.buildTime.map { $0.epochSeconds * 1000 }, maintenance: model.dashboard?.maintenance ?? [])
        let (health, healthDiagnostics) = evaluator.evaluate(model.deployment)
        diagnostics += healthDiagnostics
        let (dashboard, dashboardDiagnostics) = DashboardEvaluator(store: store, health: health).evaluate(model.dashboard, deployment: model.deployment)
        diagnostics += dashboardDiagnostics
        return (MonitoringView(health: health, dashboard: dashboard, drift: DriftData(results.compactMap(\.drift))), diagnostics)
    }
}

extension BuildPipeline.Result {
    func timed(since start: DispatchTime) -> Self {
        var copy = self
        copy.seconds = secondsSince(start)
        return copy
    }
}

/// Wall-clock seconds from `start` to now.
func secondsSince(_ start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

/// Wall-clock time per stage.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var laps: [BuildPipeline.StageTiming] = []

    mutating func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append(.init(stage: stage, seconds: Double(now - last) / 1e9, peakBytes: Self.peakResidentBytes()))
        last = now
    }

    /// The process's peak resident memory so far (Linux reports `ru_maxrss` in KiB).
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return usage.ru_maxrss * 1024
    }
}
