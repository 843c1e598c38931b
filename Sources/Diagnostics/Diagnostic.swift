/// One problem found in the inputs. Errors stop the build; warnings only with `--strict`.
public struct Diagnostic: Hashable, Sendable, Error {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// A hint the user can act on ("did you mean `owners`?"), shown after the message.
    public var hint: String?

    public init(_ severity: Severity, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    public static func error(at location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, hint: hint)
    }

    public static func warning(at location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, hint: hint)
    }

    /// `expected X, found Y`: the shape every type or value error takes.
    public static func mismatch(
        at location: SourceLocation, expected: String, found: String,
        context: String? = nil
    ) -> Diagnostic {
        let prefix = context.map { "\($0): " } ?? ""
        return .error(at: location, "\(prefix)expected \(expected), found \(found)")
    }
}
