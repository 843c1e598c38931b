/// `architecture.yaml`: the components of the solution and how data flows between them.
public struct Architecture: Sendable {
    public var components: [Component] = []
    public var flows: [Flow] = []
    public init() {}
}

public struct Component: Sendable {
    public var id: String
    public var name: String
    public var kind: String?
    public var tech: String?
    public var zone: String?
    public var description: String?
    public var owner: String?
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

public struct Flow: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        case batch, stream, realtime
    }

    public var from: String
    public var to: String
    public var label: String?
    public var mode: Mode?
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}
