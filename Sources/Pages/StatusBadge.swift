import Health
import Model

/// A status as the theme shows it: a colour class, an icon and a word, so that it never relies on colour alone.
struct StatusBadge {
    enum Tone: String { case ok, warn, bad, unknown, info }
    var tone: Tone
    var icon: String
    var label: String

    static func stage(_ status: LifecycleStage.Status) -> StatusBadge {
        switch status {
        case .done: return StatusBadge(tone: .ok, icon: "✓", label: "Done")
        case .inProgress: return StatusBadge(tone: .info, icon: "◐", label: "In progress")
        case .blocked: return StatusBadge(tone: .bad, icon: "✕", label: "Blocked")
        case .notStarted: return StatusBadge(tone: .unknown, icon: "○", label: "Not started")
        }
    }

    static func decision(_ outcome: Decision.Outcome) -> StatusBadge {
        switch outcome {
        case .go: return StatusBadge(tone: .ok, icon: "✓", label: "Go")
        case .noGo: return StatusBadge(tone: .bad, icon: "✕", label: "No-go")
        case .pending: return StatusBadge(tone: .warn, icon: "…", label: "Pending")
        }
    }

    static func signoff(_ state: Signoff.State) -> StatusBadge {
        switch state {
        case .approved: return StatusBadge(tone: .ok, icon: "✓", label: "Approved")
        case .rejected: return StatusBadge(tone: .bad, icon: "✕", label: "Rejected")
        case .pending: return StatusBadge(tone: .warn, icon: "…", label: "Pending")
        }
    }

    static func impact(_ impact: Incident.Impact) -> StatusBadge {
        switch impact {
        case .none: return StatusBadge(tone: .info, icon: "i", label: "No impact")
        case .minor: return StatusBadge(tone: .warn, icon: "▲", label: "Minor")
        case .major: return StatusBadge(tone: .bad, icon: "✕", label: "Major")
        case .critical: return StatusBadge(tone: .bad, icon: "✕", label: "Critical")
        }
    }

    static func incidentState(_ incident: Incident) -> StatusBadge {
        incident.isOpen ? StatusBadge(tone: .bad, icon: "●", label: "Open") : StatusBadge(tone: .ok, icon: "✓", label: "Resolved")
    }

    static func metric(_ met: Bool?) -> StatusBadge {
        switch met {
        case true?: return StatusBadge(tone: .ok, icon: "✓", label: "Met")
        case false?: return StatusBadge(tone: .bad, icon: "✕", label: "Not met")
        case nil: return StatusBadge(tone: .unknown, icon: "–", label: "No objective")
        }
    }

    static let unknownHealth = StatusBadge(tone: .unknown, icon: "?", label: "Unknown")
    /// A component no objective reads: nothing judges it, which is not the same as unknown.
    static let notMonitored = StatusBadge(tone: .info, icon: "–", label: "Not monitored")

    static func health(_ status: HealthStatus) -> StatusBadge {
        switch status {
        case .operational: return StatusBadge(tone: .ok, icon: "✓", label: "Operational")
        case .degraded: return StatusBadge(tone: .warn, icon: "▲", label: "Degraded")
        case .outage: return StatusBadge(tone: .bad, icon: "✕", label: "Outage")
        case .unknown: return unknownHealth
        }
    }
}
