import Basics

/// The whole validated project: what every later stage reads.
public struct SiteModel: Sendable {
    public var config: SiteConfig
    public var deployment: Deployment?
    public var architecture: Architecture?
    public var dashboard: Dashboard?
    /// All five stages in cycle order; a stage without a file has defaults.
    public var stages: [LifecycleStage]
    public var notes: [Note]
    public var reportSections: [Note]
    public var architectureSections: [Note]
    public var incidents: [Incident]
    /// Files published as they are, by path relative to `Content/`.
    public var staticFiles: [String]
    /// Bytes of each published file, by path: for the file lists of folder pages.
    public var fileSizes: [String: Int] = [:]
    /// Every file under `Content/`.
    public var contentPaths: Set<String>
    /// The time the site describes: `SOURCE_DATE_EPOCH`, else the newest date in the inputs.
    public var buildTime: DateValue?
    /// `Content/index.md`: the home page's own text, when there is one.
    public var homeBody: MarkdownBody?
    /// The words of the site in its language (the message catalogs, `Templates/i18n/`).
    public var messages = Messages(language: "en", entries: [:])

    public init(
        config: SiteConfig, deployment: Deployment? = nil, architecture: Architecture? = nil,
        dashboard: Dashboard? = nil, stages: [LifecycleStage] = [], notes: [Note] = [],
        reportSections: [Note] = [], architectureSections: [Note] = [], incidents: [Incident] = [],
        staticFiles: [String] = [], contentPaths: Set<String> = [], buildTime: DateValue? = nil
    ) {
        self.config = config
        self.deployment = deployment
        self.architecture = architecture
        self.dashboard = dashboard
        self.stages = stages
        self.notes = notes
        self.reportSections = reportSections
        self.architectureSections = architectureSections
        self.incidents = incidents
        self.staticFiles = staticFiles
        self.contentPaths = contentPaths
        self.buildTime = buildTime
    }

    public func stage(_ kind: StageKind) -> LifecycleStage? { stages.first { $0.kind == kind } }
}
