import Basics
import Diagnostics

/// `deployment.yaml`: what was deployed, where, for whom, and what healthy means.
public struct Deployment: Sendable {
    public var model: ModelInfo
    public var environments: [Environment] = []
    public var pipelines: [Pipeline] = []
    public var consumers: [Consumer] = []
    public var releases: [Release] = []
    public var objectives: [Objective] = []

    public init(model: ModelInfo) { self.model = model }

    /// Every endpoint of every environment, in file order.
    public var endpoints: [(environment: String, endpoint: Endpoint)] {
        environments.flatMap { env in env.endpoints.map { (env.name, $0) } }
    }

    public var batchJobs: [(environment: String, job: BatchJob)] {
        environments.flatMap { env in env.batch.map { (env.name, $0) } }
    }

    /// Names of every component `deployment.yaml` declares: model, endpoints, batch jobs, pipelines.
    public var componentNames: [String] {
        var names = [model.name]
        for (_, e) in endpoints where !names.contains(e.name) { names.append(e.name) }
        for (_, b) in batchJobs where !names.contains(b.name) { names.append(b.name) }
        for p in pipelines where !names.contains(p.name) { names.append(p.name) }
        return names
    }

    /// The newest release by date, then by file order.
    public var latestRelease: Release? {
        releases.enumerated().max { a, b in
            (a.element.date, a.offset) < (b.element.date, b.offset)
        }?.element
    }
}

public struct ModelInfo: Sendable {
    public var name: String
    public var version: String
    public var task: String?
    public var framework: String?
    public var owner: String?
    public var description: String?
    public var trainedAt: DateValue?
    public var trainingData: TrainingData?
    public var mlmodel: String?
    public var modelCard: String?
    /// Read from `mlmodel` and `model_card`.
    public var mlflow: MLflowModel?
    /// The registered model and its versions, pulled from MLflow (`Content/mlflow/<model>/`).
    public var registry: ModelRegistry?
    public var card: ModelCard?
    /// `feature_importance`: feature → importance, as the team reports it.
    public var featureImportance: [(feature: String, importance: Double)] = []
    public var metrics: [ModelMetric] = []
    public var candidates: [Candidate] = []

    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }
}

public struct TrainingData: Sendable {
    public var name: String
    public var rows: Int?
    public var link: String?
    public init(name: String) { self.name = name }
}

public struct ModelMetric: Sendable {
    public var name: String
    public var value: Double
    /// `>= 0.85`, `< 0.1`: a comparison the value must satisfy.
    public var objective: MetricObjective?
    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}

public struct MetricObjective: Sendable, CustomStringConvertible {
    public enum Comparison: String, Sendable, CaseIterable {
        case atLeast = ">="
        case atMost = "<="
        case above = ">"
        case below = "<"
        case equal = "=="
    }

    public var comparison: Comparison
    public var threshold: Double

    public init(comparison: Comparison, threshold: Double) {
        self.comparison = comparison
        self.threshold = threshold
    }

    public func isMet(by value: Double) -> Bool {
        switch comparison {
        case .atLeast: return value >= threshold
        case .atMost: return value <= threshold
        case .above: return value > threshold
        case .below: return value < threshold
        case .equal: return value == threshold
        }
    }

    public var description: String { "\(comparison.rawValue) \(formatNumber(threshold))" }

    /// Parses `>= 0.85`; nil when the text is not a comparison and a number.
    public static func parse(_ text: String) -> MetricObjective? {
        let t = text.trimmingSpaces
        for comparison in [Comparison.atLeast, .atMost, .equal, .above, .below] where t.hasPrefix(comparison.rawValue) {
            let rest = t.dropFirst(comparison.rawValue.count).trimmingSpaces
            guard let value = Double(rest) else { return nil }
            return MetricObjective(comparison: comparison, threshold: value)
        }
        return nil
    }
}

public struct Candidate: Sendable {
    public var name: String
    public var chosen: Bool
    public var description: String?
    /// Metric name → value, in file order.
    public var metrics: [(name: String, value: Double)]
    public init(name: String, chosen: Bool, metrics: [(name: String, value: Double)]) {
        self.name = name
        self.chosen = chosen
        self.metrics = metrics
    }
}

public struct Environment: Sendable {
    public var name: String
    public var description: String?
    public var endpoints: [Endpoint] = []
    public var batch: [BatchJob] = []
    public init(name: String) { self.name = name }
}

public struct Endpoint: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        case realtime
        case batch
    }

    public var name: String
    public var mode: Mode
    public var url: String?
    public var auth: String?
    public var openapi: String?
    /// The endpoint's Azure ML files: its endpoint YAML and one per deployment (blue, green…).
    public var azureml: [String] = []
    /// Read from `openapi` and `azureml`.
    public var api: APISpec?
    public var azureML: [AzureMLSpec] = []
    public var compute: Compute?
    public var description: String?
    public init(name: String, mode: Mode) {
        self.name = name
        self.mode = mode
    }
}

public struct Compute: Sendable {
    public var sku: String?
    public var instances: Int?
    public var autoscale: String?
    public init() {}
}

public struct BatchJob: Sendable {
    public var name: String
    public var schedule: String?
    public var input: String?
    public var output: String?
    public var description: String?
    /// An Azure ML batch endpoint or deployment YAML, and what it says.
    public var azureml: [String] = []
    public var azureML: [AzureMLSpec] = []
    public init(name: String) { self.name = name }
}

public struct Pipeline: Sendable {
    public var name: String
    public var schedule: String?
    public var steps: [String] = []
    public var sources: [String] = []
    public var sinks: [String] = []
    public var description: String?
    public init(name: String) { self.name = name }
}

public struct Consumer: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case website
        case spreadsheet
        case dashboard
        case lineOfBusiness = "line-of-business"
        case backEnd = "back-end"
    }

    public var name: String
    public var kind: Kind
    public var uses: [String]
    public var description: String?
    public init(name: String, kind: Kind, uses: [String]) {
        self.name = name
        self.kind = kind
        self.uses = uses
    }
}

public struct Release: Sendable {
    public var version: String
    public var date: DateValue
    public var by: String?
    public var notes: String?
    /// Where deployment.yaml lists it.
    public var location: SourceLocation?
    public init(version: String, date: DateValue) {
        self.version = version
        self.date = date
    }
}

/// What healthy means for one component, evaluated on monitoring data.
public struct Objective: Sendable {
    public enum Aggregate: String, Sendable, CaseIterable {
        case avg, min, max, last, sum, p50, p90, p95, p99
    }

    public var component: String
    public var name: String
    public var series: String
    /// Where `series` is written, so a bad selector is reported at its place.
    public var seriesLocation: SourceLocation
    public var aggregate: Aggregate
    public var below: Double?
    public var above: Double?
    public var warnBelow: Double?
    public var warnAbove: Double?
    /// Seconds.
    public var window: Int

    public init(
        component: String, name: String, series: String, seriesLocation: SourceLocation,
        aggregate: Aggregate, window: Int
    ) {
        self.component = component
        self.name = name
        self.series = series
        self.seriesLocation = seriesLocation
        self.aggregate = aggregate
        self.window = window
    }

    /// `≤ 0.3`, `≥ 0.999`, or both.
    public var thresholdDescription: String {
        var parts: [String] = []
        if let below { parts.append("< \(formatNumber(below))") }
        if let above { parts.append("> \(formatNumber(above))") }
        return parts.joined(separator: " and ")
    }
}
