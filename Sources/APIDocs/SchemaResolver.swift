import Basics
import Diagnostics
import Foundation
import Loading
import Model

/// Follows local `$ref`s and turns JSON Schemas into table rows, type names and examples.
struct SchemaResolver {
    let root: YAMLNode
    /// Where schemas live: `#/components/schemas/` or `#/definitions/`.
    let prefix: String
    /// Where each named schema was first expanded in this document: one API guide page shows a
    /// schema once, and every later use links there. Per table, a vendor spec whose operations
    /// share a few large schemas (Kubernetes: `ObjectMeta` in every one) grew 20–60× its size.
    var shown: [String: Expansion] = [:]

    struct Expansion {
        var table: String
        var path: String
    }

    /// The other files of a multi-file description, by Content/ path.
    let documents: [String: YAMLNode]
    /// The words of the type descriptions (`schema.*`).
    let words: Messages

    init(root: YAMLNode, prefix: String, documents: [String: YAMLNode] = [:], words: Messages) {
        self.root = root
        self.prefix = prefix
        self.documents = documents
        self.words = words
    }

    /// The Content/ path a `$ref`'s file part names, from the file (`Content/api/a.yaml`) it is
    /// written in; nil for a local `#/…` pointer, a web address or a path leaving Content/.
    static func file(of reference: String, from displayPath: String) -> String? {
        let file = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard !file.isEmpty, !file.contains("://"), !file.hasPrefix("/") else { return nil }
        let own = displayPath.hasPrefix("Content/") ? String(displayPath.dropFirst("Content/".count)) : displayPath
        return ContentPath.resolve(file, relativeTo: ContentPath.folder(of: own))
    }

    /// A reference as one key whichever file it is written in: `api/schemas.yaml#/Pod`.
    func canonical(_ reference: String, at node: YAMLNode) -> String {
        // One file (the usual case): every reference is already one key. Checked first: a vendor
        // spec resolves hundreds of thousands of them.
        if documents.isEmpty { return reference }
        if reference.hasPrefix("#") {
            let path = node.location.path
            return path == root.location.path ? reference : String(path.dropFirst("Content/".count)) + reference
        }
        guard let file = Self.file(of: reference, from: node.location.path) else { return reference }
        let pointer = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first ?? ""
        return file + "#" + pointer
    }

    /// The node a `$ref` names (any JSON pointer, in this file or another of the description), or
    /// the node itself.
    func resolve(_ node: YAMLNode, prefix: String? = nil, depth: Int = 0) -> YAMLNode {
        guard depth < 16, let refNode = node["$ref"], let reference = refNode.scalarString else { return node }
        var target: YAMLNode?
        let pointer: Substring
        if reference.hasPrefix("#") {
            // Local to the file the reference is written in.
            target = documents.isEmpty ? root : (documentOwning(refNode) ?? root)
            pointer = reference.dropFirst()
        } else if let file = Self.file(of: reference, from: refNode.location.path), let document = documents[file] {
            target = document
            pointer = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first ?? ""
        } else {
            return node
        }
        for part in pointer.split(separator: "/") {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            target = target?[key]
        }
        guard let target else { return node }
        return resolve(target, depth: depth + 1)
    }

    /// The root of the file a node comes from (its location names the file).
    func documentOwning(_ node: YAMLNode) -> YAMLNode? {
        let path = node.location.path
        guard path != root.location.path else { return root }
        let own = path.hasPrefix("Content/") ? String(path.dropFirst("Content/".count)) : path
        return documents[own]
    }

    /// `number (double)`, `array of number`, `object`, `Iris input` (a named schema).
    func typeDescription(_ schema: YAMLNode, depth: Int = 0) -> String {
        let s = resolve(schema)
        if depth > 4 { return "…" }
        var type = s["type"]?.scalarString ?? (s["properties"] != nil ? "object" : nil)
        if type == nil {
            for combinator in ["oneOf", "anyOf", "allOf"] {
                if case .sequence(let items)? = s[combinator]?.value {
                    var joined = items.prefix(12).map { typeDescription($0, depth: depth + 1) }
                        .joined(separator: words[combinator == "allOf" ? "schema.and" : "schema.or"])
                    if joined.count > 300 { joined = String(joined.prefix(300)) + "…" }
                    return words(combinator == "allOf" ? "schema.allOf" : "schema.oneOf", ["types": joined])
                }
            }
        }
        // JSON Schema's own type names (`string`, `object`) are kept: they are what the API speaks.
        var text = type ?? words["schema.any"]
        if type == "array" {
            text = words("schema.arrayOf", ["type": s["items"].map { typeDescription($0, depth: depth + 1) } ?? words["schema.any"]])
            type = nil
        }
        if let format = s["format"]?.scalarString { text += " (\(format))" }
        if case .sequence(let values)? = s["enum"]?.value {
            text = words("schema.enum", ["type": text, "values": values.compactMap(\.scalarString).map { "`\($0)`" }.joined(separator: ", ")])
        }
        if s["nullable"]?.scalarString == "true" { text = words("schema.nullable", ["type": text]) }
        return text
    }

    /// Rows one table may hold: a vendor's schema can be wide, but a table past this is unreadable.
    static let maxRows = 1_000
    /// Values a generated example may hold.
    static let maxSampleNodes = 300

    /// One row per property, nested with `parent.child` and `list[]`. A named schema is expanded
    /// once a table, where it first appears; later references name that place instead of being
    /// expanded again, so that schemas referring to each other (7 schemas × 10 properties each
    /// naming the next: 10⁷ rows) stay as small as they are written.
    /// - Parameter table: a key of the table these rows make, unique in the document; rows of
    ///   later tables name it in `expandedTable`.
    mutating func rows(_ schema: YAMLNode, table: String) -> [APISpec.SchemaRow] {
        var rows: [APISpec.SchemaRow] = []
        var visiting: Set<String> = []
        var shown = self.shown
        defer { self.shown = shown }
        if let reference = schema["$ref"]?.scalarString.map({ canonical($0, at: schema) }) {
            if let first = shown[reference] {
                let name = reference.split(separator: "/").last.map(String.init) ?? reference
                return [
                    APISpec.SchemaRow(
                        path: "(body)", type: name, required: true, expandedAt: first.path, expandedTable: first.table)
                ]
            }
            shown[reference] = Expansion(table: table, path: "")
        }
        walk(schema, path: "", table: table, required: true, into: &rows, visiting: &visiting, shown: &shown, depth: 0)
        if rows.isEmpty {
            rows.append(
                APISpec.SchemaRow(
                    path: "(body)", type: typeDescription(schema), required: true,
                    description: resolve(schema)["description"]?.scalarString))
        }
        if rows.count > Self.maxRows {
            let more = rows.count - Self.maxRows
            rows.removeLast(more)
            rows.append(APISpec.SchemaRow(path: "…", type: "\(more) more fields not shown", required: false))
        }
        return rows
    }

    private func walk(
        _ schema: YAMLNode, path: String, table: String, required: Bool, into rows: inout [APISpec.SchemaRow],
        visiting: inout Set<String>, shown: inout [String: Expansion], depth: Int
    ) {
        guard rows.count <= Self.maxRows else { return }
        let reference = schema["$ref"]?.scalarString.map { canonical($0, at: schema) }
        if let reference {
            let name = reference.split(separator: "/").last.map(String.init) ?? reference
            guard !visiting.contains(reference) else {
                // A recursive schema: named here, not followed again.
                if !path.isEmpty {
                    rows.append(APISpec.SchemaRow(path: path, type: "\(name) (as above)", required: required))
                }
                return
            }
            if let first = shown[reference], !path.isEmpty {
                rows.append(
                    APISpec.SchemaRow(path: path, type: name, required: required, expandedAt: first.path, expandedTable: first.table))
                return
            }
            if !path.isEmpty { shown[reference] = Expansion(table: table, path: path) }
            visiting.insert(reference)
        }
        defer { if let reference { visiting.remove(reference) } }
        let s = resolve(schema)
        guard depth < 8 else { return }
        if !path.isEmpty {
            rows.append(
                APISpec.SchemaRow(
                    path: path, type: typeDescription(s), required: required,
                    description: s["description"]?.scalarString))
        }
        if case .mapping(let properties)? = s["properties"]?.value {
            let requiredNames = Set(APIDocumentReader.list(s["required"]).compactMap(\.scalarString))
            for (key, value) in properties {
                guard let name = key.scalarString else { continue }
                walk(
                    value, path: path.isEmpty ? name : "\(path).\(name)", table: table, required: requiredNames.contains(name),
                    into: &rows, visiting: &visiting, shown: &shown, depth: depth + 1)
            }
        } else if s["type"]?.scalarString == "array", let items = s["items"] {
            let inner = resolve(items)
            if inner["properties"] != nil {
                walk(
                    items, path: (path.isEmpty ? "" : path) + "[]", table: table, required: true, into: &rows, visiting: &visiting, shown: &shown,
                    depth: depth + 1)
            }
        }
        if case .sequence(let parts)? = s["allOf"]?.value {
            for part in parts where resolve(part)["properties"] != nil {
                var nested: [APISpec.SchemaRow] = []
                walk(part, path: "", table: table, required: required, into: &nested, visiting: &visiting, shown: &shown, depth: depth + 1)
                rows += nested.map { row in
                    var r = row
                    r.path = path.isEmpty ? row.path : "\(path).\(row.path)"
                    return r
                }
            }
        }
    }

    /// The schema's own `example` as JSON; else, when asked, one made from the types.
    func example(of schema: YAMLNode, generate: Bool = true) -> String? {
        let s = resolve(schema)
        if let example = s["example"] { return JSONText.render(example) }
        guard generate else { return nil }
        var visiting: Set<String> = []
        var budget = Self.maxSampleNodes
        return JSONText.render(sample(schema, visiting: &visiting, budget: &budget, depth: 0))
    }

    /// A value of the schema's shape, as a located-less node.
    /// `budget`: values still allowed in the example; past it the rest are `null`.
    private func sample(_ schema: YAMLNode, visiting: inout Set<String>, budget: inout Int, depth: Int) -> YAMLNode {
        let here = schema.location
        func scalar(_ text: String, quoted: Bool) -> YAMLNode { YAMLNode(.scalar(text, quoted: quoted), at: here) }
        budget -= 1
        if budget < 0 { return scalar("null", quoted: false) }
        let reference = schema["$ref"]?.scalarString.map { canonical($0, at: schema) }
        if let reference {
            if visiting.contains(reference) || depth > 6 { return scalar("null", quoted: false) }
            visiting.insert(reference)
        }
        let s = resolve(schema)
        if let example = s["example"] { return example }
        if let first = APIDocumentReader.list(s["enum"]).first { return first }
        switch s["type"]?.scalarString ?? (s["properties"] != nil ? "object" : "") {
        case "object":
            let properties = APIDocumentReader.pairs(s["properties"]).map { name, value in
                (key: scalar(name, quoted: true), value: sample(value, visiting: &visiting, budget: &budget, depth: depth + 1))
            }
            return YAMLNode(.mapping(properties), at: here)
        case "array":
            return YAMLNode(
                .sequence([s["items"].map { sample($0, visiting: &visiting, budget: &budget, depth: depth + 1) } ?? scalar("null", quoted: false)]), at: here)
        case "integer": return scalar("0", quoted: false)
        case "number": return scalar("0.0", quoted: false)
        case "boolean": return scalar("false", quoted: false)
        case "string": return scalar(s["format"]?.scalarString == "date-time" ? "2026-01-01T00:00:00Z" : "string", quoted: true)
        default: return scalar("null", quoted: false)
        }
    }
}

/// Located YAML (or JSON read as YAML) written back as indented JSON, keys in their order.
enum JSONText {
    static func render(_ node: YAMLNode, indent: String = "") -> String {
        let inner = indent + "  "
        switch node.value {
        case .scalar(let s, let quoted):
            if quoted { return quote(s) }
            if node.isNull { return "null" }
            if s == "true" || s == "false" || Double(s) != nil && !s.hasPrefix(".") && !s.hasSuffix(".") { return s }
            return quote(s)
        case .sequence(let items):
            if items.isEmpty { return "[]" }
            // Short lists of numbers stay on one line, as people write them.
            if items.count <= 16,
                items.allSatisfy({
                    if case .scalar(_, false) = $0.value { return true }; return false
                })
            {
                return "[" + items.map { render($0, indent: inner) }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { inner + render($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .mapping(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n"
                + pairs.map { inner + quote($0.key.scalarString ?? "") + ": " + render($0.value, indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    static func quote(_ s: String) -> String { jsonString(s, scriptSafe: false) }
}
