import Health
import Model
import Monitoring

/// The dashboard's numbers, evaluated once after health and before rendering: each panel's
/// series over the window, its tile's value and change, and the uptime strip's days. Pages lays
/// these out and formats them; it evaluates nothing.
public struct DashboardData: Sendable {
    public var panels: [PanelData] = []
    public var uptime: UptimeData?

    public init(panels: [PanelData] = [], uptime: UptimeData? = nil) {
        self.panels = panels
        self.uptime = uptime
    }
}

/// One panel of dashboard.yaml, evaluated.
public struct PanelData: Sendable {
    public var panel: Panel
    /// The series the panel's query gives that have samples, in query order.
    public var series: [Series]
    /// Milliseconds: `dashboard.window` ending at the newest sample of `series`; nil without data.
    public var window: ClosedRange<Int64>?
    /// The objective the panel is drawn against, and how it was judged.
    public var objective: Objective?
    public var objectiveHealth: ObjectiveHealth?
    /// The panel's key-metric tile; nil without data.
    public var tile: TileData?

    public init(panel: Panel, series: [Series] = []) {
        self.panel = panel
        self.series = series
    }
}

/// A key-metric tile: what a panel's series did over the window.
public struct TileData: Sendable {
    /// Which series the tile's numbers are of.
    public enum Reading: Sendable, Equatable {
        /// The panel's only series.
        case only
        /// The sum of the panel's series at each time: rates and increases add up.
        case sum(of: Int)
        /// The first of several series that do not add up (gauges, quantiles): the tile names it.
        case first(of: Int)
    }

    public var reading: Reading
    /// The finite values inside the window, oldest first (the sparkline).
    public var current: [Double]
    /// The newest of `current`.
    public var latest: Double? { current.last }
    /// When `latest` was measured (milliseconds).
    public var latestTime: Int64?
    /// Average over the window against the average over the window before it; nil when the
    /// earlier window has no samples.
    public var change: WindowChange?

    public init(reading: Reading = .only, current: [Double], latestTime: Int64? = nil, change: WindowChange?) {
        self.reading = reading
        self.current = current
        self.latestTime = latestTime
        self.change = change
    }
}

/// Averages of two consecutive windows.
public struct WindowChange: Sendable, Equatable {
    public var now: Double
    public var before: Double

    public init(now: Double, before: Double) {
        self.now = now
        self.before = before
    }

    public var difference: Double { now - before }
    /// |difference| relative to `before` (1 when `before` is 0 and something changed).
    public var relative: Double { before != 0 ? abs(difference / before) : (difference == 0 ? 0 : 1) }
    /// Within half a percent: shown as steady.
    public var isSteady: Bool { relative < 0.005 }
}

/// Daily availability of the first availability objective, Statuspage-style (up to 90 days).
public struct UptimeData: Sendable {
    public struct Day: Sendable, Equatable {
        /// Days since 1970-01-01 (UTC).
        public var day: Int64
        /// Average of the day's samples; nil when the day has none.
        public var availability: Double?
        /// Planned maintenance touched the day: its samples are left out of `availability`.
        public var maintenance = false
    }

    public var objective: Objective
    /// The objective's `above`: what a day must beat.
    public var target: Double
    public var days: [Day]
    /// Over every sample of the shown days; nil when none has data.
    public var overall: Double?

    /// How a day reads: met, within ten times the allowed downtime, or worse.
    public func grade(_ availability: Double) -> Grade {
        availability > target ? .ok : availability > target - (1 - target) * 9 ? .warn : .bad
    }

    public enum Grade: String, Sendable { case ok, warn, bad }
}
