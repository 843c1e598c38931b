/// The five stages of the Team Data Science Process, in cycle order.
public enum StageKind: String, Sendable, CaseIterable {
    case businessUnderstanding = "business-understanding"
    case dataAcquisitionAndUnderstanding = "data-acquisition-and-understanding"
    case modeling
    case deployment
    case customerAcceptance = "customer-acceptance"
}

public struct LifecycleStage: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case notStarted = "not-started"
        case inProgress = "in-progress"
        case done
        case blocked
    }

    public var kind: StageKind
    public var title: String
    public var status: Status
    public var owners: [String] = []
    public var started: DateValue?
    public var finished: DateValue?
    public var artifacts: [Artifact] = []
    public var decision: Decision?
    public var signoffs: [Signoff] = []
    public var criteria: [Criterion] = []
    /// nil when the stage has no file yet.
    public var body: MarkdownBody?
    public var contentPath: String?

    public init(kind: StageKind, title: String, status: Status) {
        self.kind = kind
        self.title = title
        self.status = status
    }
}

public struct Artifact: Sendable {
    public var name: String
    /// A path relative to `Content/`, or an absolute URL.
    public var link: String?
    public var done: Bool
    public init(name: String, link: String?, done: Bool) {
        self.name = name
        self.link = link
        self.done = done
    }
}

public struct Decision: Sendable {
    public enum Outcome: String, Sendable, CaseIterable {
        case go
        case noGo = "no-go"
        case pending
    }

    public var outcome: Outcome
    public var date: DateValue?
    public var by: String?
    public var notes: String?
    public init(outcome: Outcome) { self.outcome = outcome }
}

public struct Signoff: Sendable {
    public enum State: String, Sendable, CaseIterable {
        case approved, rejected, pending
    }

    public var name: String
    public var role: String?
    public var decision: State
    public var date: DateValue?
    public var comment: String?
    public init(name: String, decision: State) {
        self.name = name
        self.decision = decision
    }
}

public struct Criterion: Sendable {
    public var name: String
    public var met: Bool?
    /// What shows whether it is met: a path relative to `Content/` or an absolute URL.
    public var evidence: String?
    public init(name: String, met: Bool?) {
        self.name = name
        self.met = met
    }
}
