import Health
import Panels

/// What the monitoring snapshots say, evaluated, for the pages that show it.
public struct MonitoringView: Sendable {
    public var health: HealthReport
    public var dashboard: DashboardData

    public init(health: HealthReport, dashboard: DashboardData = DashboardData()) {
        self.health = health
        self.dashboard = dashboard
    }
}
