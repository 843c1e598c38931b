import Basics
import Diagnostics
import Loading
import Model
import Templates

/// Turns loaded content into the site model, reporting every problem with its location.
public struct Validator {
    let content: LoadedContent
    var diagnostics = DiagnosticBag()
    /// Names that must exist somewhere else in the inputs, checked once everything is read.
    var references: [Reference] = []
    /// The site's words: stage defaults are taken from them.
    var messages = Messages(language: "en", entries: [:])

    public init(content: LoadedContent) {
        self.content = content
    }

    /// - Parameter sourceDateEpoch: `SOURCE_DATE_EPOCH`, when set: the build's time.
    public static func validate(_ content: LoadedContent, sourceDateEpoch: Int64? = nil) -> (SiteModel?, [Diagnostic]) {
        var validator = Validator(content: content)
        let model = validator.run(sourceDateEpoch: sourceDateEpoch)
        return (model, validator.diagnostics.all)
    }

    mutating func run(sourceDateEpoch: Int64?) -> SiteModel? {
        let config = siteConfig()
        // The catalog first: the defaults of stages (titles, deliverables) are words of the language.
        let language = config?.language ?? "en"
        let (messages, catalogDiagnostics) = MessageCatalog.load(
            language: language, overrides: content.templateOverrides,
            languageLocation: content.yamlFiles["site.yaml"]?.root?["language"]?.location)
        diagnostics.add(contentsOf: catalogDiagnostics)
        self.messages = messages
        let deployment = content.yamlFiles["deployment.yaml"].flatMap { self.deployment($0) }
        let architecture = content.yamlFiles["architecture.yaml"].flatMap { self.architecture($0) }
        let dashboard = content.yamlFiles["dashboard.yaml"].flatMap { self.dashboard($0) }
        var pages = PageSet()
        for source in content.markdown { classify(source, into: &pages) }

        var model = SiteModel(
            config: config ?? SiteConfig(title: "Untitled project"),
            deployment: deployment, architecture: architecture, dashboard: dashboard,
            stages: stages(from: pages.stages), notes: pages.notes.sortedForReading(),
            reportSections: pages.report.sortedForReading(),
            architectureSections: pages.architecture.sortedForReading(),
            incidents: pages.incidents.sorted { ($1.started, $0.contentPath) < ($0.started, $1.contentPath) },
            staticFiles: content.staticFiles.map(\.contentPath),
            contentPaths: content.allPaths)
        model.homeBody = pages.home
        model.messages = messages
        model.fileSizes = Dictionary(content.staticFiles.map { ($0.contentPath, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        checkReferences(model)
        model.buildTime = sourceDateEpoch.map { DateValue(epochSeconds: $0, hasTime: true) } ?? newestDate(in: model)
        return config == nil ? nil : model
    }

    // MARK: site.yaml

    mutating func siteConfig() -> SiteConfig? {
        guard let document = content.yamlFiles["site.yaml"] else {
            if !content.allPaths.contains("site.yaml") {
                diagnostics.error(
                    at: SourceLocation(path: "Content/site.yaml"),
                    "missing Content/site.yaml: every project needs one",
                    hint: "create it with at least `title: My project`, or run `handover init`")
            }
            return nil
        }
        guard let root = document.root else {
            diagnostics.error(
                at: SourceLocation(path: document.displayPath, line: 1, column: 1),
                "expected the site's fields (at least `title`), found an empty file")
            return nil
        }
        guard var f = Fields(root, context: "site", &diagnostics) else { return nil }
        let title = f.string("title", &diagnostics, required: true)
        var config = SiteConfig(title: title ?? "Untitled project")
        config.description = f.string("description", &diagnostics)
        config.customer = f.string("customer", &diagnostics)
        config.project = f.string("project", &diagnostics)
        config.contact = f.string("contact", &diagnostics)
        if let team = f.raw("team") {
            config.team = teamMembers(team)
        }
        if let url = f.raw("base_url") {
            if let s = Fields.string(url, context: "site.base_url", &diagnostics) {
                let lower = s.lowercased()
                if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
                    config.baseURL = s.hasSuffix("/") ? s : s + "/"
                } else {
                    diagnostics.add(
                        .mismatch(
                            at: url.location, expected: "an absolute http(s) URL such as https://docs.contoso.internal/loan-default/",
                            found: url.kindDescription, context: "site.base_url"))
                }
            }
        }
        if let language = f.string("language", &diagnostics) {
            if language.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), !language.isEmpty {
                config.language = language
            } else {
                diagnostics.error(at: root["language"]!.location, "site.language: expected a language tag such as en or de-CH, found `\(language)`")
            }
        }
        if let value = f.raw("raw_html") {
            if case .scalar("unsafe", _) = value.value {
                config.rawHTML = true
                config.rawHTMLUnsafe = true
            } else {
                var bag = DiagnosticBag()
                config.rawHTML = Fields.bool(value, context: "site.raw_html", &bag) ?? false
                if !bag.all.isEmpty {
                    diagnostics.add(
                        .mismatch(
                            at: value.location, expected: "true, false or unsafe",
                            found: value.kindDescription, context: "site.raw_html"))
                }
            }
        }
        f.finish(&diagnostics)
        return title == nil ? nil : config
    }

    mutating func teamMembers(_ node: YAMLNode) -> [TeamMember] {
        let items: [YAMLNode]
        switch node.value {
        case .sequence(let list): items = list
        case .scalar: items = [node]
        case .mapping:
            diagnostics.add(.mismatch(at: node.location, expected: "a list of team members", found: "a mapping", context: "site.team"))
            return []
        }
        return items.compactMap { item in
            if case .scalar(let name, _) = item.value { return TeamMember(name: name) }
            guard var f = Fields(item, context: "site.team[]", &diagnostics) else { return nil }
            let name = f.string("name", &diagnostics, required: true)
            let member = name.map { TeamMember(name: $0, role: f.string("role", &diagnostics), email: f.string("email", &diagnostics)) }
            f.finish(&diagnostics)
            return member
        }
    }

    /// The newest date the inputs mention: the build time when `SOURCE_DATE_EPOCH` is not set,
    /// so that output never depends on the clock.
    func newestDate(in model: SiteModel) -> DateValue? {
        var dates: [DateValue] = []
        if let d = model.deployment {
            dates += d.releases.map(\.date)
            if let t = d.model.trainedAt { dates.append(t) }
        }
        for stage in model.stages {
            dates += [stage.started, stage.finished, stage.decision?.date].compactMap { $0 }
            dates += stage.signoffs.compactMap(\.date)
        }
        for incident in model.incidents { dates += [incident.started, incident.resolved].compactMap { $0 } }
        dates += model.notes.compactMap(\.date)
        return dates.max()
    }
}

extension Array where Element == Note {
    /// By weight, then title, then path: a stable reading order.
    func sortedForReading() -> [Note] {
        sorted { ($0.weight, $0.title, $0.contentPath) < ($1.weight, $1.title, $1.contentPath) }
    }
}
