import Diagnostics

/// What Handover reads from the files data-science tools write, beside `deployment.yaml`.

/// An MLflow `MLmodel` file: how the model is packaged and what it takes and returns.
public struct MLflowModel: Sendable {
    public struct Flavor: Sendable {
        public var name: String
        /// `loader_module: mlflow.sklearn`, `python_version: 3.8.10`…, in file order.
        public var details: [(key: String, value: String)] = []
        public init(name: String) { self.name = name }
    }

    /// One column, tensor or parameter of the signature.
    public struct Field: Sendable, Equatable {
        public var name: String?
        /// `double`, `string`, `tensor float64 [-1, 4]`, `array<string>`.
        public var type: String
        public var required: Bool
        /// For parameters: the default value.
        public var defaultValue: String?
        public init(name: String?, type: String, required: Bool, defaultValue: String? = nil) {
            self.name = name
            self.type = type
            self.required = required
            self.defaultValue = defaultValue
        }
    }

    public var path: String
    public var flavors: [Flavor] = []
    public var runID: String?
    public var modelUUID: String?
    /// `utc_time_created` as MLflow writes it, normalised to `2023-02-15 12:46:19 UTC`.
    public var created: String?
    public var mlflowVersion: String?
    public var artifactPath: String?
    public var modelSizeBytes: Int?
    public var inputs: [Field] = []
    public var outputs: [Field] = []
    public var params: [Field] = []

    public init(path: String) { self.path = path }
    public var hasSignature: Bool { !inputs.isEmpty || !outputs.isEmpty || !params.isEmpty }
}

/// A Model Card Toolkit card (JSON, schema v0.0.1/v0.0.2).
public struct ModelCard: Sendable {
    public struct Metric: Sendable {
        public var type: String
        public var value: String
        public var slice: String?
        public var confidenceInterval: String?
        public init(type: String, value: String) {
            self.type = type
            self.value = value
        }
    }

    /// A data set of the card; 0.0.1 names its two by role (`data: {train, eval}`).
    public struct Dataset: Sendable, Equatable {
        public enum Role: String, Sendable { case train, eval }
        public var name: String
        public var role: Role?
        public var link: String?
        public init(name: String, role: Role? = nil, link: String? = nil) {
            self.name = name
            self.role = role
            self.link = link
        }
    }

    public struct Consideration: Sendable {
        public var kind: String
        public var text: String
        public var mitigation: String?
        public init(kind: String, text: String) {
            self.kind = kind
            self.text = text
        }
    }

    public var path: String
    public var name: String?
    public var overview: String?
    public var owners: [String] = []
    public var version: String?
    /// Written loosely by real cards (`08/28/2020`): shown as written.
    public var versionDate: String?
    /// The schema the card declares (`0.0.1`, `0.0.2`), nil when it says none.
    public var schemaVersion: String?
    public var licenses: [String] = []
    /// Links or citations of further reading, as written (URLs in 0.0.1, `{reference}` in 0.0.2).
    public var references: [String] = []
    /// How to cite the model (`citation` in 0.0.1, `citations[{style, citation}]` in 0.0.2).
    public var citations: [String] = []
    public var architecture: String?
    public var datasets: [Dataset] = []
    public var metrics: [Metric] = []
    public var considerations: [Consideration] = []

    public init(path: String) { self.path = path }
}

/// An Azure ML CLI v2 endpoint or deployment YAML.
public struct AzureMLSpec: Sendable {
    public enum Kind: String, Sendable {
        case onlineEndpoint = "online endpoint"
        case onlineDeployment = "online deployment"
        case batchEndpoint = "batch endpoint"
        case batchDeployment = "batch deployment"
    }

    public var path: String
    public var kind: Kind
    public var name: String?
    public var endpointName: String?
    public var description: String?
    /// `(label, value)` facts in reading order: auth mode, model, environment, instances…
    public var facts: [(label: String, value: String)] = []
    /// An endpoint's `traffic`: deployment name and percent, in file order.
    public var traffic: [(deployment: String, percent: Int)] = []
    public var authMode: String?
    /// A batch endpoint's `defaults.deployment_name`: where its jobs go.
    public var defaultDeployment: String?
    public var instanceType: String?
    public var instanceCount: Int?
    public var model: String?
    /// Where each checked fact is written (`instance_type`, `instance_count`, `auth_mode`,
    /// `traffic`, `endpoint_name`, `name`), for warnings that point into the file.
    public var locations: [String: SourceLocation] = [:]

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }
}

/// A scoring API as a consumer needs it, read from OpenAPI 3.x or Swagger 2.0.
public struct APISpec: Sendable {
    public struct SchemaRow: Sendable, Equatable {
        /// `data`, `data[]`, `input.columns[]`.
        public var path: String
        public var type: String
        public var required: Bool
        public var description: String?
        /// A named schema shown once a document: the `path` of the row where it is expanded
        /// (`""`: the whole table), in the table `expandedTable` (nil: this one).
        public var expandedAt: String?
        public var expandedTable: String?
        public init(
            path: String, type: String, required: Bool, description: String? = nil, expandedAt: String? = nil,
            expandedTable: String? = nil
        ) {
            self.path = path
            self.type = type
            self.required = required
            self.description = description
            self.expandedAt = expandedAt
            self.expandedTable = expandedTable
        }
    }

    public struct Parameter: Sendable {
        public var name: String
        public var location: String
        public var required: Bool
        public var type: String
        public var description: String?
        public init(name: String, location: String, required: Bool, type: String, description: String? = nil) {
            self.name = name
            self.location = location
            self.required = required
            self.type = type
            self.description = description
        }
    }

    public struct Response: Sendable {
        public var status: String
        public var description: String?
        public var schema: [SchemaRow] = []
        public var example: String?
        public init(status: String, description: String?) {
            self.status = status
            self.description = description
        }
    }

    public struct Operation: Sendable {
        public var method: String
        public var path: String
        public var operationID: String?
        public var summary: String?
        public var description: String?
        /// `tags`: how the spec groups its operations (the API guide's pages of a large spec).
        public var tags: [String] = []
        public var parameters: [Parameter] = []
        public var requestContentType: String?
        public var request: [SchemaRow] = []
        /// Pretty-printed JSON of the request example, when the spec gives one.
        public var requestExample: String?
        public var responses: [Response] = []
        public init(method: String, path: String) {
            self.method = method
            self.path = path
        }
    }

    public struct Security: Sendable {
        /// What the scheme asks for; pages say it in the site's language.
        public enum Kind: Sendable, Equatable {
            /// A key in a header, query parameter or cookie (`in`) of this name.
            case apiKey(name: String, place: String)
            case http(scheme: String)
            case oauth2, openIdConnect, basic
            case other(String)
        }

        public var name: String
        public var kind: Kind
        /// The scheme's own description in the spec.
        public var note: String?
        public var headerName: String?
        public init(name: String, kind: Kind, note: String? = nil, headerName: String? = nil) {
            self.name = name
            self.kind = kind
            self.note = note
            self.headerName = headerName
        }
    }

    public var path: String
    /// `OpenAPI 3.0.3`, `Swagger 2.0`.
    public var format: String
    public var title: String
    public var version: String?
    public var description: String?
    /// `externalDocs.url`: where the vendor's documentation lives, the base of the relative links
    /// its descriptions hold (`[charges](/docs/api/charges)`).
    public var docsURL: String?
    public var servers: [String] = []
    public var security: [Security] = []
    public var operations: [Operation] = []

    public init(path: String, format: String, title: String) {
        self.path = path
        self.format = format
        self.title = title
    }
}

/// A registered model as `handover pull mlflow` wrote it from an MLflow tracking server
/// (`Content/mlflow/<model>/`): its versions, each with its run and its MLmodel.
public struct ModelRegistry: Sendable {
    public struct Dataset: Sendable, Equatable {
        public var name: String
        public var digest: String?
        /// `training`, `evaluation`, … (the `mlflow.data.context` tag).
        public var context: String?
        public var sourceType: String?
        public var rows: Int?
        public init(name: String) { self.name = name }
    }

    public struct Run: Sendable {
        public var id: String
        public var name: String?
        public var experimentID: String?
        public var status: String?
        /// Milliseconds.
        public var start: Int64?
        public var end: Int64?
        public var metrics: [(name: String, value: Double)] = []
        public var params: [(name: String, value: String)] = []
        /// The team's own tags (MLflow's `mlflow.*` ones left out).
        public var tags: [(name: String, value: String)] = []
        public var datasets: [Dataset] = []
        public init(id: String) { self.id = id }
    }

    public struct Version: Sendable {
        public var version: String
        public var status: String?
        /// `None`, `Staging`, `Production`, `Archived` (stages are deprecated in MLflow 2.9+; aliases replace them).
        public var stage: String?
        /// Milliseconds.
        public var created: Int64?
        public var description: String?
        public var source: String?
        public var runID: String?
        public var tags: [(name: String, value: String)] = []
        public var aliases: [String] = []
        public var run: Run?
        public var mlmodel: MLflowModel?
        public init(version: String) { self.version = version }
    }

    /// The folder under `Content/` it was read from.
    public var folder: String
    public var name: String
    public var description: String?
    public var tags: [(name: String, value: String)] = []
    /// The tracking server, without credentials.
    public var source: String?
    /// When it was pulled (seconds).
    public var pulledAt: Int64?
    /// Newest first.
    public var versions: [Version] = []
    /// The version in production, as the pull named it (`--version`, `--alias`).
    public var deployedVersion: String?
    public var deployedAlias: String?

    public init(folder: String, name: String) {
        self.folder = folder
        self.name = name
    }

    public var deployed: Version? { deployedVersion.flatMap { v in versions.first { $0.version == v } } }
}
