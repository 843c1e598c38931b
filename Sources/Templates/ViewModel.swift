import Mustache

/// The data a template is rendered with: a typed value whose keys are declared once, in a table
/// that both answers Mustache's lookups and describes the keys to the template check
/// (`TemplateKeyCheck`), so a template and its model cannot drift apart unnoticed.
///
/// Lookups go through the table (a dictionary of getters), not through `Mirror`: as fast as the
/// dictionaries the pages used to be built from.
public protocol ViewModel: MustacheParent, Sendable {
    static var fields: ViewFields<Self> { get }
}

extension ViewModel {
    public func child(named name: String) -> Any? { Self.fields.value(named: name, of: self) }
    public static var schema: ViewSchema { fields.schema }
}

/// One key of a view model: how to read it, and what a section over it sees.
public struct ViewField<Model>: Sendable {
    let name: String
    let get: @Sendable (Model) -> Any?
    let scope: @Sendable () -> ViewSchema?

    /// A value a template prints or tests: text, a number, a flag, a list of strings, HTML.
    /// A nil value is absent: Mustache looks the name up in the enclosing contexts.
    public static func value(_ name: String, _ get: @escaping @Sendable (Model) -> Any?) -> Self {
        ViewField(name: name, get: get, scope: { nil })
    }

    /// A nested model: a section over it sees its keys.
    public static func model<M: ViewModel>(_ name: String, _ get: @escaping @Sendable (Model) -> M?) -> Self {
        ViewField(name: name, get: { get($0) }, scope: { M.schema })
    }

    /// A list of models: a section repeats over them and sees their keys.
    public static func models<M: ViewModel>(_ name: String, _ get: @escaping @Sendable (Model) -> [M]?) -> Self {
        ViewField(name: name, get: { get($0) }, scope: { M.schema })
    }
}

extension ViewField {
    /// Every key of `Base` as a key of this model, read through `get` (all absent when it gives nil):
    /// a group of keys that several page models share.
    public static func keys<Base: ViewModel>(of base: Base.Type, _ get: @escaping @Sendable (Model) -> Base?) -> [Self] {
        // The base's getter is taken once here, not looked up by name on every read.
        Base.schema.keys.map { key in
            let read = Base.fields.getters[key]!
            return ViewField(name: key, get: { get($0).flatMap(read) }, scope: Base.schema.scopes[key]!)
        }
    }
}

/// A view model's table of keys.
public struct ViewFields<Model>: Sendable {
    fileprivate let getters: [String: @Sendable (Model) -> Any?]
    public let schema: ViewSchema

    public init(_ name: String, _ fields: [ViewField<Model>]) {
        var getters: [String: @Sendable (Model) -> Any?] = [:]
        var scopes: [String: @Sendable () -> ViewSchema?] = [:]
        for field in fields {
            precondition(getters[field.name] == nil, "\(name) declares `\(field.name)` twice")
            getters[field.name] = field.get
            scopes[field.name] = field.scope
        }
        self.getters = getters
        self.schema = ViewSchema(name: name, scopes: scopes)
    }

    /// The keys of `base`, reached through `embedded`, then `fields`, which replace a base key of the same name.
    public init<Base: ViewModel>(
        _ name: String, embedding base: Base.Type, _ embedded: @escaping @Sendable (Model) -> Base,
        _ fields: [ViewField<Model>]
    ) {
        let own = Set(fields.map(\.name))
        self.init(name, ViewField.keys(of: base, embedded).filter { !own.contains($0.name) } + fields)
    }

    /// A declared key that holds nothing answers `Absent`, so that Mustache stops there instead of
    /// looking the name up through every enclosing context (which made sidebars slow) and the
    /// template check's reading of a name is the renderer's.
    func value(named name: String, of model: Model) -> Any? {
        guard let get = getters[name] else { return nil }
        return get(model) ?? Absent.value
    }
}

/// Nothing: renders as empty text, a section over it is skipped, an inverted one shown.
struct Absent: MustacheCustomRenderable {
    static let value = Absent()
    var renderText: String { "" }
    var isNull: Bool { true }
}

/// The keys a view model has and, for each, the keys a section over it sees (none for a plain value).
public final class ViewSchema: Sendable {
    public let name: String
    let scopes: [String: @Sendable () -> ViewSchema?]

    init(name: String, scopes: [String: @Sendable () -> ViewSchema?]) {
        self.name = name
        self.scopes = scopes
    }

    public var keys: [String] { scopes.keys.sorted() }

    /// What a section over `key` sees: the nested model's keys, or nothing new for a plain value.
    func scope(of key: String) -> ViewSchema? { scopes[key].map { $0() ?? .plain } }

    static let plain = ViewSchema(name: "a plain value", scopes: [:])
}

extension ViewSchema: CustomStringConvertible {
    public var description: String { name }
}
