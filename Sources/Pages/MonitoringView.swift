import Health
import Monitoring

/// What the monitoring snapshots say, for the pages that show it.
public struct MonitoringView: Sendable {
    public var store: SeriesStore
    public var health: HealthReport

    public init(store: SeriesStore, health: HealthReport) {
        self.store = store
        self.health = health
    }
}
