import Diagnostics
import Yams

/// Parses YAML text into located nodes; a syntax error becomes a diagnostic at its line and column.
public enum YAMLParser {
    /// - Parameters:
    ///   - lineOffset: lines before this text in its file (front matter starts after `---`).
    public static func parse(_ text: String, path: String, lineOffset: Int = 0) -> Result<YAMLNode?, Diagnostic> {
        do {
            guard let node = try Yams.compose(yaml: text) else { return .success(nil) }
            var budget = Budget()
            return .success(try convert(node, path: path, lineOffset: lineOffset, depth: 0, budget: &budget))
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, path: path, lineOffset: lineOffset))
        } catch let error as UnsupportedNode {
            return .failure(
                .error(
                    at: error.location, "YAML aliases are not supported here",
                    hint: "write the value out in full"))
        } catch let error as LimitExceeded {
            return .failure(.error(at: error.location, error.message, hint: error.hint))
        } catch {
            return .failure(.error(at: SourceLocation(path: path), "cannot read YAML: \(error)"))
        }
    }

    struct UnsupportedNode: Error { var location: SourceLocation }

    /// Bounds on what one YAML document may expand to. Aliases are expanded as they are read, so
    /// nine levels of ten aliases each ("billion laughs", 1 KB of text) would otherwise become
    /// 10⁹ nodes; the limits are those of a very large hand-written file, far above any real one.
    public enum Limits {
        public static let maxNodes = 250_000
        public static let maxScalarBytes = 32 << 20
        public static let maxDepth = 100
    }

    struct Budget {
        var nodes = 0
        var scalarBytes = 0
    }

    struct LimitExceeded: Error {
        var location: SourceLocation
        var message: String
        var hint: String
    }

    private static func convert(_ node: Node, path: String, lineOffset: Int, depth: Int, budget: inout Budget) throws -> YAMLNode {
        let location = SourceLocation(
            path: path, line: (node.mark?.line ?? 0) + lineOffset,
            column: node.mark?.column ?? 0)
        budget.nodes += 1
        if budget.nodes > Limits.maxNodes {
            throw LimitExceeded(
                location: location,
                message: "YAML expands to more than \(Limits.maxNodes) values (aliases repeated inside aliases?)",
                hint: "write the values out, or reuse fewer anchors; the limit guards against alias bombs")
        }
        if depth > Limits.maxDepth {
            throw LimitExceeded(
                location: location, message: "YAML nested more than \(Limits.maxDepth) levels deep",
                hint: "flatten the structure")
        }
        switch node {
        case .scalar(let scalar):
            budget.scalarBytes += scalar.string.utf8.count
            if budget.scalarBytes > Limits.maxScalarBytes {
                throw LimitExceeded(
                    location: location,
                    message: "YAML expands to more than \(Limits.maxScalarBytes) bytes of text (aliases repeated inside aliases?)",
                    hint: "write the values out, or reuse fewer anchors; the limit guards against alias bombs")
            }
            return YAMLNode(
                .scalar(scalar.string, quoted: scalar.style != .plain && scalar.style != .any),
                at: location)
        case .mapping(let mapping):
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                pairs.append(
                    (
                        try convert(key, path: path, lineOffset: lineOffset, depth: depth + 1, budget: &budget),
                        try convert(value, path: path, lineOffset: lineOffset, depth: depth + 1, budget: &budget)
                    ))
            }
            return YAMLNode(.mapping(pairs), at: location)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for item in sequence { items.append(try convert(item, path: path, lineOffset: lineOffset, depth: depth + 1, budget: &budget)) }
            return YAMLNode(.sequence(items), at: location)
        case .alias:
            throw UnsupportedNode(location: location)
        }
    }

    private static func diagnostic(for error: YamlError, path: String, lineOffset: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line + lineOffset))" }
            return .error(at: at(mark), message, hint: hintFor(problem: problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                at: at(context.mark),
                "duplicate key\(duplicates.count > 1 ? "s" : "") \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) in a mapping",
                hint: "each key may appear once; remove or rename the repeated one")
        case .reader(let problem, _, _, _):
            return .error(
                at: SourceLocation(path: path, line: lineOffset + 1, column: 1),
                "cannot read YAML: \(problem)", hint: "save the file as UTF-8")
        default:
            return .error(at: SourceLocation(path: path), "invalid YAML: \(error)")
        }
    }

    private static func hintFor(problem: String) -> String? {
        if problem.contains("tab") { return "indent with spaces, not tabs" }
        if problem.contains("mapping values are not allowed") {
            return "a value containing `: ` must be quoted"
        }
        if problem.contains("could not find expected ':'") { return "a key is missing its `:` or a quote is not closed" }
        return nil
    }
}
