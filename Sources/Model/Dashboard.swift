import Diagnostics

/// `dashboard.yaml`: which monitoring series the dashboard shows, and how.
public struct Dashboard: Sendable {
    /// Seconds shown, ending at the newest sample.
    public var window: Int = 7 * 86400
    /// Data older than this at build time makes a component "unknown".
    public var staleAfter: Int = 86400
    public var panels: [Panel] = []
    public init() {}
}

public struct Panel: Sendable {
    public var title: String
    public var series: String
    /// Where `series` is written, so a bad query is reported at its place.
    public var seriesLocation: SourceLocation?
    public var unit: String?
    public var objective: String?
    public var description: String?
    /// The legend of each series: `{{endpoint}} {{code}}` (Grafana's convention); nil: the labels
    /// that tell the series apart.
    public var legend: String?
    public init(title: String, series: String) {
        self.title = title
        self.series = series
    }
}
