import Health
import Panels

/// What the monitoring snapshots say, evaluated, for the pages that show it.
public struct MonitoringView: Sendable {
    public var health: HealthReport
    public var dashboard: DashboardData
    /// The Evidently reports of `monitoring/`.
    public var drift: DriftData

    public init(health: HealthReport, dashboard: DashboardData = DashboardData(), drift: DriftData = DriftData()) {
        self.health = health
        self.dashboard = dashboard
        self.drift = drift
    }
}
