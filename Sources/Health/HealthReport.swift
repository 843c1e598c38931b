import Model
import Monitoring

/// The four states of the README's "Health" table, ordered from best to worst.
public enum HealthStatus: Int, Sendable, Comparable, CaseIterable {
    case operational = 0
    case unknown = 1
    case degraded = 2
    case outage = 3

    public static func < (a: HealthStatus, b: HealthStatus) -> Bool { a.rawValue < b.rawValue }

    public var name: String {
        switch self {
        case .operational: return "operational"
        case .unknown: return "unknown"
        case .degraded: return "degraded"
        case .outage: return "outage"
        }
    }
}

/// One objective evaluated over its window.
public struct ObjectiveHealth: Sendable {
    public var objective: Objective
    public var status: HealthStatus
    /// The aggregate over the window; nil without data.
    public var observed: Double?
    /// Newest sample of the objective's series (milliseconds).
    public var asOf: Int64?
    /// Share of samples in the window that breach the objective.
    public var breachedFraction: Double?
    /// For availability objectives: the share of time up; for error-rate objectives, nil.
    public var availability: Double?
    /// Share of the error budget left (1 = untouched, 0 = spent, negative = overspent).
    public var errorBudgetLeft: Double?
    /// Why the status is what it is; pages put it in words of their language.
    public var reason: HealthReason
    /// The series the objective read, for charts, without the samples of planned maintenance.
    public var series: [Series]
    /// Planned maintenance inside the objective's window, left out of the figures above.
    public var maintenance: [MaintenanceWindow] = []
    /// Seconds of the window the maintenance covers.
    public var maintenanceSeconds: Int64 = 0
}

/// Why an objective has its status, with the figures a sentence about it needs.
public enum HealthReason: Sendable, Equatable {
    case unreadable
    case noData
    /// No samples inside the window (seconds).
    case noSamples(window: Int)
    /// The newest sample (milliseconds) is older than `staleAfter` (seconds) before the build.
    case stale(newest: Int64, age: Int64, staleAfter: Int)
    case breached(observed: Double)
    case warning
    /// Breached by this share of the window's samples.
    case partlyBreached(fraction: Double)
    case met
    /// Not evaluated yet.
    case none

    /// A stable name for machines (`status.json`).
    public var code: String {
        switch self {
        case .unreadable: "unreadable"
        case .noData: "no-data"
        case .noSamples: "no-samples"
        case .stale: "stale"
        case .breached: "breached"
        case .warning: "warning"
        case .partlyBreached: "partly-breached"
        case .met: "met"
        case .none: ""
        }
    }
}

public struct ComponentHealth: Sendable {
    public var name: String
    public var status: HealthStatus
    public var objectives: [ObjectiveHealth]
}

/// The health of the whole deployment at build time.
public struct HealthReport: Sendable {
    public var status: HealthStatus
    public var components: [ComponentHealth]
    /// Newest sample of all monitoring data (milliseconds), nil without data.
    public var asOf: Int64?
    /// The build's time (milliseconds), against which data age is measured.
    public var buildTime: Int64?
    public var staleAfterSeconds: Int

    public var objectives: [ObjectiveHealth] { components.flatMap(\.objectives) }

    /// Seconds between the newest sample and the build.
    public var dataAgeSeconds: Int64? {
        guard let asOf, let buildTime else { return nil }
        return max(0, (buildTime - asOf) / 1000)
    }
}
