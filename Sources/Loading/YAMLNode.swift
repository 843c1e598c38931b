import Diagnostics

/// A YAML value with the place it was written, so every later error can point at it.
///
/// Loading turns Yams' nodes into these; validation reads them. Nothing after loading sees Yams.
public struct YAMLNode: Sendable {
    public indirect enum Value: Sendable {
        /// `quoted` tells `"true"` (a string) from `true` (a boolean).
        case scalar(String, quoted: Bool)
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// True for `~`, `null`, an empty plain scalar: YAML's ways to say "nothing".
    public var isNull: Bool {
        if case .scalar(let s, quoted: false) = value {
            return s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL"
        }
        return false
    }

    /// How the value reads in an "expected …, found …" message.
    public var kindDescription: String {
        switch value {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s, let quoted):
            if isNull { return "nothing (null)" }
            let shown = s.count > 40 ? String(s.prefix(40)) + "…" : s
            return quoted ? "the string \"\(shown)\"" : "`\(shown)`"
        }
    }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = value else { return nil }
        return pairs.first { $0.key.scalarString == key }?.value
    }

    public var scalarString: String? {
        if case .scalar(let s, _) = value { return s }
        return nil
    }
}
