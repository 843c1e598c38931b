/// The five stages of the Team Data Science Process, in cycle order.
public enum StageKind: String, Sendable, CaseIterable {
    case businessUnderstanding = "business-understanding"
    case dataAcquisitionAndUnderstanding = "data-acquisition-and-understanding"
    case modeling
    case deployment
    case customerAcceptance = "customer-acceptance"

    public var defaultTitle: String {
        switch self {
        case .businessUnderstanding: return "Business understanding"
        case .dataAcquisitionAndUnderstanding: return "Data acquisition and understanding"
        case .modeling: return "Modeling"
        case .deployment: return "Deployment"
        case .customerAcceptance: return "Customer acceptance"
        }
    }

    /// The stage's goals as the TDSP states them; shown when the team wrote none.
    public var goal: String {
        switch self {
        case .businessUnderstanding:
            return
                "Specify the key variables that are to serve as the model targets and whose related metrics determine the success of the project, and identify the relevant data sources that the business has access to or needs to obtain."
        case .dataAcquisitionAndUnderstanding:
            return
                "Produce a clean, high-quality data set whose relationship to the target variables is understood, locate it in the appropriate analytics environment, and develop a solution architecture of the data pipeline that refreshes and scores the data regularly."
        case .modeling:
            return
                "Determine the optimal data features for the machine-learning model, create an informative model that predicts the target most accurately, and create a model that is suitable for production."
        case .deployment:
            return
                "Deploy models with a data pipeline to a production or production-like environment for final user acceptance, exposing them through an open API that web sites, spreadsheets, dashboards, line-of-business and back-end applications can consume."
        case .customerAcceptance:
            return
                "Finalize project deliverables: confirm that the pipeline, the model and their deployment in production satisfy the customer's objectives, and hand the system over to the entity that runs it in production."
        }
    }

    /// Deliverables TDSP expects of the stage, offered when the team listed none.
    public var expectedArtifacts: [String] {
        switch self {
        case .businessUnderstanding: return ["Charter document", "Data sources", "Data dictionaries"]
        case .dataAcquisitionAndUnderstanding: return ["Data quality report", "Solution architecture", "Checkpoint decision"]
        case .modeling: return ["Feature sets", "Model report", "Checkpoint decision"]
        case .deployment: return ["Status dashboard", "Final modeling report", "Final solution architecture document"]
        case .customerAcceptance: return ["Exit report"]
        }
    }
}

public struct LifecycleStage: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case notStarted = "not-started"
        case inProgress = "in-progress"
        case done
        case blocked

        public var label: String {
            switch self {
            case .notStarted: return "Not started"
            case .inProgress: return "In progress"
            case .done: return "Done"
            case .blocked: return "Blocked"
            }
        }
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
