import Model

/// The part of the site a page belongs to, as the main navigation groups pages.
public enum Area: String, Sendable, CaseIterable {
    case home, dashboard, report, architecture, api, lifecycle, notes, incidents
    /// The 404 page, in no area.
    case none
}

/// Where the pages of fixed place are written: the one list of them, for the site graph and
/// every page that links to them.
public enum SitePath {
    public static let home = "index.html"
    public static let dashboard = "dashboard/index.html"
    public static let report = "report/index.html"
    public static let architecture = "architecture/index.html"
    public static let api = "api/index.html"
    public static let lifecycle = "lifecycle/index.html"
    public static let notes = "notes/index.html"
    public static let incidents = "incidents/index.html"
    public static let notFound = "404.html"

    public static func stage(_ kind: StageKind) -> String { "lifecycle/\(kind.rawValue)/index.html" }
}

/// The documents a deployment hands to its customer (the TDSP deployment stage's deliverables
/// and the API guide), declared once: home, the deployment stage, the exit report and the
/// pages themselves take their names and places from here.
public enum Deliverable: String, Sendable, CaseIterable {
    case dashboard, report, architecture, api

    /// The message keys of its title and of its one-sentence summary (the home page's cards).
    public var titleKey: String { "deliverable.\(rawValue).title" }
    public var summaryKey: String { "deliverable.\(rawValue).summary" }

    public var outputPath: String {
        switch self {
        case .dashboard: return SitePath.dashboard
        case .report: return SitePath.report
        case .architecture: return SitePath.architecture
        case .api: return SitePath.api
        }
    }

    public var area: Area {
        switch self {
        case .dashboard: return .dashboard
        case .report: return .report
        case .architecture: return .architecture
        case .api: return .api
        }
    }

    /// Those the project's inputs call for: the API guide only when an endpoint has an API description.
    public static func delivered(by deployment: Deployment?) -> [Deliverable] {
        deployment?.endpoints.contains(where: { $0.endpoint.api != nil }) == true ? allCases : [.dashboard, .report, .architecture]
    }
}
