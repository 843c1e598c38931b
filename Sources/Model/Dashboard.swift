import Diagnostics

/// `dashboard.yaml`: which monitoring series the dashboard shows, and how.
public struct Dashboard: Sendable {
    /// Seconds shown, ending at the newest sample.
    public var window: Int = 7 * 86400
    /// Data older than this at build time makes a component "unknown".
    public var staleAfter: Int = 86400
    public var panels: [Panel] = []
    /// Planned maintenance: left out of availability and error budgets, shown to readers.
    public var maintenance: [MaintenanceWindow] = []
    public init() {}
}

/// A planned maintenance window of `dashboard.yaml`: samples inside it are not judged.
public struct MaintenanceWindow: Sendable {
    /// Seconds since 1970 (UTC); `end` is excluded.
    public var start: Int64
    public var end: Int64
    /// The components it takes down; empty: all of them.
    public var components: [String] = []
    public var reason: String?
    public var location: SourceLocation

    public init(start: Int64, end: Int64, location: SourceLocation) {
        self.start = start
        self.end = end
        self.location = location
    }

    public func applies(to component: String) -> Bool { components.isEmpty || components.contains(component) }

    /// Whether a sample time (milliseconds) lies inside the window.
    public func contains(milliseconds t: Int64) -> Bool { t >= start * 1000 && t < end * 1000 }

    /// Seconds of the window inside `from..<to` (seconds).
    public func overlap(from: Int64, to: Int64) -> Int64 { max(0, min(end, to) - max(start, from)) }
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
