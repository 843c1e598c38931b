import Health
import Model

/// A status as the theme shows it: a colour class, an icon and a word, so that it never relies on colour alone.
struct StatusBadge {
    enum Tone: String { case ok, warn, bad, unknown, info }
    var tone: Tone
    var icon: String
    /// The message key of its word (`status.health.degraded`).
    var label: String

    static func stage(_ status: LifecycleStage.Status) -> StatusBadge {
        switch status {
        case .done: return StatusBadge(tone: .ok, icon: "✓", label: "status.stage.done")
        case .inProgress: return StatusBadge(tone: .info, icon: "◐", label: "status.stage.inProgress")
        case .blocked: return StatusBadge(tone: .bad, icon: "✕", label: "status.stage.blocked")
        case .notStarted: return StatusBadge(tone: .unknown, icon: "○", label: "status.stage.notStarted")
        }
    }

    static func decision(_ outcome: Decision.Outcome) -> StatusBadge {
        switch outcome {
        case .go: return StatusBadge(tone: .ok, icon: "✓", label: "status.decision.go")
        case .noGo: return StatusBadge(tone: .bad, icon: "✕", label: "status.decision.noGo")
        case .pending: return StatusBadge(tone: .warn, icon: "…", label: "status.decision.pending")
        }
    }

    static func signoff(_ state: Signoff.State) -> StatusBadge {
        switch state {
        case .approved: return StatusBadge(tone: .ok, icon: "✓", label: "status.signoff.approved")
        case .rejected: return StatusBadge(tone: .bad, icon: "✕", label: "status.signoff.rejected")
        case .pending: return StatusBadge(tone: .warn, icon: "…", label: "status.signoff.pending")
        }
    }

    static func impact(_ impact: Incident.Impact) -> StatusBadge {
        switch impact {
        case .none: return StatusBadge(tone: .info, icon: "i", label: "status.impact.none")
        case .minor: return StatusBadge(tone: .warn, icon: "▲", label: "status.impact.minor")
        case .major: return StatusBadge(tone: .bad, icon: "✕", label: "status.impact.major")
        case .critical: return StatusBadge(tone: .bad, icon: "✕", label: "status.impact.critical")
        }
    }

    static func incidentState(_ incident: Incident) -> StatusBadge {
        incident.isOpen
            ? StatusBadge(tone: .bad, icon: "●", label: "status.incident.open") : StatusBadge(tone: .ok, icon: "✓", label: "status.incident.resolved")
    }

    static func metric(_ met: Bool?) -> StatusBadge {
        switch met {
        case true?: return StatusBadge(tone: .ok, icon: "✓", label: "status.metric.met")
        case false?: return StatusBadge(tone: .bad, icon: "✕", label: "status.metric.notMet")
        case nil: return StatusBadge(tone: .unknown, icon: "–", label: "status.metric.noObjective")
        }
    }

    static let unknownHealth = StatusBadge(tone: .unknown, icon: "?", label: "status.health.unknown")
    /// A component no objective reads: nothing judges it, which is not the same as unknown.
    static let notMonitored = StatusBadge(tone: .info, icon: "–", label: "status.health.notMonitored")

    static func health(_ status: HealthStatus) -> StatusBadge {
        switch status {
        case .operational: return StatusBadge(tone: .ok, icon: "✓", label: "status.health.operational")
        case .degraded: return StatusBadge(tone: .warn, icon: "▲", label: "status.health.degraded")
        case .outage: return StatusBadge(tone: .bad, icon: "✕", label: "status.health.outage")
        case .unknown: return unknownHealth
        }
    }
}
