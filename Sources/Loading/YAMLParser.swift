import Diagnostics
import Yams

/// Parses YAML text into located nodes; a syntax error becomes a diagnostic at its line and column.
public enum YAMLParser {
    /// - Parameters:
    ///   - lineOffset: lines before this text in its file (front matter starts after `---`).
    public static func parse(_ text: String, path: String, lineOffset: Int = 0) -> Result<YAMLNode?, Diagnostic> {
        do {
            guard let node = try Yams.compose(yaml: text) else { return .success(nil) }
            return .success(try convert(node, path: path, lineOffset: lineOffset))
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, path: path, lineOffset: lineOffset))
        } catch let error as UnsupportedNode {
            return .failure(.error(at: error.location, "YAML aliases are not supported here",
                                   hint: "write the value out in full"))
        } catch {
            return .failure(.error(at: SourceLocation(path: path), "cannot read YAML: \(error)"))
        }
    }

    struct UnsupportedNode: Error { var location: SourceLocation }

    private static func convert(_ node: Node, path: String, lineOffset: Int) throws -> YAMLNode {
        let location = SourceLocation(path: path, line: (node.mark?.line ?? 0) + lineOffset,
                                      column: node.mark?.column ?? 0)
        switch node {
        case .scalar(let scalar):
            return YAMLNode(.scalar(scalar.string, quoted: scalar.style != .plain && scalar.style != .any),
                            at: location)
        case .mapping(let mapping):
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                pairs.append((try convert(key, path: path, lineOffset: lineOffset),
                              try convert(value, path: path, lineOffset: lineOffset)))
            }
            return YAMLNode(.mapping(pairs), at: location)
        case .sequence(let sequence):
            return YAMLNode(.sequence(try sequence.map { try convert($0, path: path, lineOffset: lineOffset) }),
                            at: location)
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
            return .error(at: at(context.mark),
                          "duplicate key\(duplicates.count > 1 ? "s" : "") \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) in a mapping",
                          hint: "each key may appear once; remove or rename the repeated one")
        case .reader(let problem, _, _, _):
            return .error(at: SourceLocation(path: path, line: lineOffset + 1, column: 1),
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
