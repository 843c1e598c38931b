import Basics
import Diagnostics
import Loading
import Model

/// Reads the fields of one YAML mapping, reporting every wrong type and every unknown key.
///
/// Each accessor remembers the key it was asked for; `finish()` then warns about keys nobody
/// asked for, naming the nearest known one.
struct Fields {
    let node: YAMLNode
    /// What this mapping is, for messages: `model`, `endpoint "score"`.
    let context: String
    private var known: [String] = []
    private var pairs: [String: (key: YAMLNode, value: YAMLNode)] = [:]

    /// nil (with an error) when `node` is not a mapping.
    init?(_ node: YAMLNode, context: String, _ diagnostics: inout DiagnosticBag) {
        self.node = node
        self.context = context
        guard case .mapping(let list) = node.value else {
            diagnostics.add(
                .mismatch(
                    at: node.location, expected: "a mapping of fields", found: node.kindDescription,
                    context: context))
            return nil
        }
        for pair in list {
            guard let key = pair.key.scalarString else {
                diagnostics.add(
                    .mismatch(
                        at: pair.key.location, expected: "a field name", found: pair.key.kindDescription,
                        context: context))
                continue
            }
            pairs[key] = pair
        }
    }

    var location: SourceLocation { node.location }

    /// The raw node of `key`, nil when absent or null.
    mutating func raw(_ key: String) -> YAMLNode? {
        known.append(key)
        guard let value = pairs[key]?.value, !value.isNull else { return nil }
        return value
    }

    func has(_ key: String) -> Bool { pairs[key].map { !$0.value.isNull } ?? false }

    mutating func required(_ key: String, _ diagnostics: inout DiagnosticBag, expected: String) -> YAMLNode? {
        guard let value = raw(key) else {
            diagnostics.error(at: node.location, "\(context): missing required field `\(key)` (expected \(expected))")
            return nil
        }
        return value
    }

    // MARK: Scalars

    mutating func string(_ key: String, _ d: inout DiagnosticBag, required: Bool = false) -> String? {
        let value = required ? self.required(key, &d, expected: "text") : raw(key)
        guard let value else { return nil }
        return Self.string(value, context: "\(context).\(key)", &d)
    }

    static func string(_ value: YAMLNode, context: String, _ d: inout DiagnosticBag) -> String? {
        guard case .scalar(let s, _) = value.value else {
            d.add(.mismatch(at: value.location, expected: "text", found: value.kindDescription, context: context))
            return nil
        }
        return s
    }

    mutating func int(_ key: String, _ d: inout DiagnosticBag, required: Bool = false) -> Int? {
        let value = required ? self.required(key, &d, expected: "a whole number") : raw(key)
        guard let value else { return nil }
        guard case .scalar(let s, _) = value.value, let n = Int(s.replacingAll("_", with: "")) else {
            d.add(
                .mismatch(
                    at: value.location, expected: "a whole number", found: value.kindDescription,
                    context: "\(context).\(key)"))
            return nil
        }
        return n
    }

    mutating func double(_ key: String, _ d: inout DiagnosticBag, required: Bool = false) -> Double? {
        let value = required ? self.required(key, &d, expected: "a number") : raw(key)
        guard let value else { return nil }
        return Self.double(value, context: "\(context).\(key)", &d)
    }

    static func double(_ value: YAMLNode, context: String, _ d: inout DiagnosticBag) -> Double? {
        guard case .scalar(let s, _) = value.value, let n = Double(s.replacingAll("_", with: "")), n.isFinite else {
            d.add(.mismatch(at: value.location, expected: "a number", found: value.kindDescription, context: context))
            return nil
        }
        return n
    }

    mutating func bool(_ key: String, _ d: inout DiagnosticBag) -> Bool? {
        guard let value = raw(key) else { return nil }
        return Self.bool(value, context: "\(context).\(key)", &d)
    }

    static func bool(_ value: YAMLNode, context: String, _ d: inout DiagnosticBag) -> Bool? {
        if case .scalar(let s, quoted: false) = value.value {
            switch s {
            case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
            case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
            default: break
            }
        }
        d.add(.mismatch(at: value.location, expected: "true or false", found: value.kindDescription, context: context))
        return nil
    }

    mutating func date(_ key: String, _ d: inout DiagnosticBag, required: Bool = false) -> DateValue? {
        let value = required ? self.required(key, &d, expected: "a date like 2026-05-18") : raw(key)
        guard let value else { return nil }
        guard case .scalar(let s, _) = value.value, let date = DateValue.parse(s) else {
            d.add(
                .mismatch(
                    at: value.location, expected: "a date (2026-05-18) or a date and time (2026-05-18T14:05:00Z)",
                    found: value.kindDescription, context: "\(context).\(key)"))
            return nil
        }
        return date
    }

    /// A duration such as `7d`, `24h`, `30m`; returns seconds.
    mutating func duration(_ key: String, _ d: inout DiagnosticBag) -> Int? {
        guard let value = raw(key) else { return nil }
        guard case .scalar(let s, _) = value.value, let seconds = parseDuration(s) else {
            d.add(
                .mismatch(
                    at: value.location, expected: "a duration such as 30m, 24h or 7d",
                    found: value.kindDescription, context: "\(context).\(key)"))
            return nil
        }
        return seconds
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(
        _ key: String, _ d: inout DiagnosticBag,
        required: Bool = false
    ) -> E? where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue)
        let value = required ? self.required(key, &d, expected: "one of \(allowed.joined(separator: ", "))") : raw(key)
        guard let value else { return nil }
        return Self.choice(value, context: "\(context).\(key)", &d)
    }

    static func choice<E: RawRepresentable & CaseIterable>(
        _ value: YAMLNode, context: String,
        _ d: inout DiagnosticBag
    ) -> E? where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue)
        if case .scalar(let s, _) = value.value, let e = E(rawValue: s) { return e }
        var hint: String?
        if let s = value.scalarString, let near = nearestName(to: s, in: allowed) { hint = "did you mean `\(near)`?" }
        d.add(
            .mismatch(
                at: value.location, expected: "one of \(allowed.joined(separator: ", "))",
                found: value.kindDescription, context: context
            ).withHint(hint))
        return nil
    }

    // MARK: Collections

    /// A list of texts; a single text is accepted as a list of one (`owners: Ana Pérez`).
    mutating func strings(_ key: String, _ d: inout DiagnosticBag) -> [String] {
        guard let value = raw(key) else { return [] }
        switch value.value {
        case .scalar(let s, _): return [s]
        case .sequence(let items): return items.compactMap { Self.string($0, context: "\(context).\(key)", &d) }
        case .mapping:
            d.add(
                .mismatch(
                    at: value.location, expected: "a list of texts", found: value.kindDescription,
                    context: "\(context).\(key)"))
            return []
        }
    }

    /// The items of a list field, each as a node.
    mutating func list(_ key: String, _ d: inout DiagnosticBag) -> [YAMLNode] {
        guard let value = raw(key) else { return [] }
        guard case .sequence(let items) = value.value else {
            d.add(
                .mismatch(
                    at: value.location, expected: "a list", found: value.kindDescription,
                    context: "\(context).\(key)"))
            return []
        }
        return items
    }

    /// A nested mapping.
    mutating func object(_ key: String, _ d: inout DiagnosticBag, context: String? = nil) -> Fields? {
        guard let value = raw(key) else { return nil }
        return Fields(value, context: context ?? "\(self.context).\(key)", &d)
    }

    /// Keys in file order with their nodes (for free-form maps such as candidate metrics).
    var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        guard case .mapping(let list) = node.value else { return [] }
        return list.compactMap { pair in pair.key.scalarString.map { ($0, pair.key, pair.value) } }
    }

    /// Warns about every key that no accessor asked for.
    func finish(_ d: inout DiagnosticBag) {
        for (key, keyNode, _) in entries where !known.contains(key) {
            let hint =
                nearestName(to: key, in: known).map { "did you mean `\($0)`?" }
                ?? "known fields: \(known.joined(separator: ", "))"
            d.warning(at: keyNode.location, "\(context): unknown field `\(key)`", hint: hint)
        }
    }
}

extension Diagnostic {
    func withHint(_ hint: String?) -> Diagnostic {
        var copy = self
        if let hint { copy.hint = hint }
        return copy
    }
}
