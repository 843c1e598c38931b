import Basics

/// Checks that every variable and section a template names is a key its view model has,
/// following partials and parents as Mustache renders them: a name inside a section may be a
/// key of the section's model or of any model around it. Mustache renders an unknown name as
/// empty text without a word, so a misspelt key would otherwise go unnoticed.
struct TemplateKeyCheck {
    struct Finding: Equatable {
        var template: String
        var line: Int
        var column: Int
        var name: String
        var message: String
        /// The keys that were in reach, for a "did you mean".
        var candidates: [String]
        /// The name is a message key, compared whole (`nav.hoem` with `nav.home`).
        var isMessage = false
    }

    /// A template's tags as a tree.
    indirect enum Node {
        case variable(String, line: Int, column: Int)
        case section(String, inverted: Bool, [Node], line: Int, column: Int)
        case partial(String)
        case parent(String, overrides: [String: [Node]])
        case block(String, [Node])
    }

    private let trees: [String: [Node]]
    /// The catalog's messages (`t.…`) a template may name, with their placeholders.
    private let messages: Messages?
    private var findings: [Finding] = []
    private var reported: Set<String> = []
    private var visited: Set<String> = []

    /// - Parameter templates: template text by name (`pages/home`, `layouts.base` and `layouts/base` alike).
    init(templates: [String: String], messages: Messages? = nil) {
        var trees: [String: [Node]] = [:]
        for (name, text) in templates { trees[name] = Self.parse(text) }
        self.trees = trees
        self.messages = messages
    }

    /// The unknown names of `template` rendered with `schema`, each once.
    mutating func check(_ template: String, with schema: ViewSchema) -> [Finding] {
        findings = []
        guard let nodes = trees[template] else { return [] }
        walk(nodes, in: template, stack: [schema], overrides: [:], depth: 0)
        return findings
    }

    private mutating func walk(
        _ nodes: [Node], in template: String, stack: [ViewSchema],
        overrides: [String: (nodes: [Node], template: String, stack: [ViewSchema])], depth: Int
    ) {
        guard depth < 32 else { return }
        for node in nodes {
            switch node {
            case .variable(let name, let line, let column):
                _ = resolve(name, stack: stack, template: template, line: line, column: column)
            case .section(let name, let inverted, let children, let line, let column):
                let scope = resolve(name, stack: stack, template: template, line: line, column: column)
                let inner = inverted ? stack : stack + [scope ?? .plain]
                walk(children, in: template, stack: inner, overrides: overrides, depth: depth)
            case .partial(let name):
                let key = "\(name)|\(stack.map { "\(ObjectIdentifier($0))" }.joined(separator: ","))"
                guard !visited.contains(key), let tree = trees[name] else { continue }
                visited.insert(key)
                walk(tree, in: name, stack: stack, overrides: overrides, depth: depth + 1)
            case .parent(let name, let blocks):
                guard let tree = trees[name] else { continue }
                var inherited = overrides
                // The innermost definition of a block wins; an outer one given earlier stays.
                for (block, content) in blocks where inherited[block] == nil {
                    inherited[block] = (content, template, stack)
                }
                walk(tree, in: name, stack: stack, overrides: inherited, depth: depth + 1)
            case .block(let name, let defaults):
                if let override = overrides[name] {
                    // Overrides are rendered where the block stands, in the parent's context.
                    var rest = overrides
                    rest[name] = nil
                    walk(override.nodes, in: override.template, stack: stack, overrides: rest, depth: depth + 1)
                } else {
                    walk(defaults, in: template, stack: stack, overrides: overrides, depth: depth)
                }
            }
        }
    }

    /// The scope a name leads to, or nil (and a finding) when a model on the way lacks it.
    private mutating func resolve(_ name: String, stack: [ViewSchema], template: String, line: Int, column: Int) -> ViewSchema? {
        if name == "." { return .plain }
        // Transforms (`uppercase(name)`) and the like are swift-mustache's business.
        if name.contains("(") { return .plain }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts[0] == "t", parts.count > 1, let messages, stack.contains(where: { $0.scope(of: "t") != nil }) {
            return resolveMessage(parts.dropFirst().joined(separator: "."), messages, stack: stack, template: template, line: line, column: column)
        }
        guard var scope = stack.reversed().lazy.compactMap({ $0.scope(of: parts[0]) }).first else {
            report(
                template, line, column, name, "`\(parts[0])` is not a key of \(describe(stack))",
                candidates: stack.flatMap(\.keys))
            return nil
        }
        var owner = stack.reversed().first { $0.scope(of: parts[0]) != nil }!
        for part in parts.dropFirst() {
            guard let next = scope.scope(of: part) else {
                report(
                    template, line, column, name,
                    scope === ViewSchema.plain
                        ? "`\(owner.name)`'s `\(name.split(separator: ".").dropLast().joined(separator: "."))` is a plain value: it has no `\(part)`"
                        : "`\(part)` is not a key of \(scope.name)", candidates: scope.keys)
                return nil
            }
            owner = scope
            scope = next
        }
        return scope
    }

    /// A message must be in the catalog, and each of its placeholders a name in reach where it stands.
    private mutating func resolveMessage(
        _ key: String, _ messages: Messages, stack: [ViewSchema], template: String, line: Int, column: Int
    ) -> ViewSchema? {
        guard let entry = messages.entries[key] else {
            if messages.prefixes.contains(key) { return .plain }
            report(
                template, line, column, key, "`t.\(key)` is not a message of the catalog (Templates/i18n/)",
                candidates: Array(messages.entries.keys), isMessage: true)
            return nil
        }
        if key.hasPrefix("script.") { return .plain }
        for text in Messages.texts(of: entry) {
            for placeholder in Messages.placeholders(text) {
                _ = resolve(placeholder, stack: stack, template: template, line: line, column: column)
            }
        }
        return .plain
    }

    private func describe(_ stack: [ViewSchema]) -> String {
        let models = stack.reversed().filter { $0 !== ViewSchema.plain }.map(\.name)
        var unique: [String] = []
        for name in models where !unique.contains(name) { unique.append(name) }
        return unique.count == 1 ? unique[0] : unique.joined(separator: " or ")
    }

    private mutating func report(
        _ template: String, _ line: Int, _ column: Int, _ name: String, _ message: String,
        candidates: [String], isMessage: Bool = false
    ) {
        let key = "\(template):\(line):\(column)"
        guard reported.insert(key).inserted else { return }
        findings.append(
            Finding(
                template: template, line: line, column: column, name: name, message: message,
                candidates: candidates, isMessage: isMessage))
    }

    // MARK: Parsing

    /// The tags of a template. Text, comments and triple braces' braces are dropped; a change of
    /// delimiters (`{{=<% %>=}}`) ends the scan, since the rest is not in `{{ }}`.
    static func parse(_ text: String) -> [Node] {
        let chars = Array(text.unicodeScalars)
        var i = 0, line = 1, lineStart = 0
        // A stack of open sections: (name, inverted or kind, children, place).
        enum Open { case section(String, Bool, Int, Int), parent(String), block(String) }
        var stack: [(open: Open, nodes: [Node])] = [(.block(""), [])]
        func append(_ node: Node) { stack[stack.count - 1].nodes.append(node) }
        scan: while i < chars.count {
            if chars[i] == "\n" { line += 1; lineStart = i + 1; i += 1; continue }
            guard chars[i] == "{", i + 1 < chars.count, chars[i + 1] == "{" else { i += 1; continue }
            let column = i - lineStart + 1, tagLine = line
            var j = i + 2
            let triple = j < chars.count && chars[j] == "{"
            if triple { j += 1 }
            var body = ""
            while j + 1 < chars.count, !(chars[j] == "}" && chars[j + 1] == "}") {
                if chars[j] == "\n" { line += 1; lineStart = j + 1 }
                body.unicodeScalars.append(chars[j])
                j += 1
            }
            i = j + 2 + (triple && j + 2 < chars.count && chars[j + 2] == "}" ? 1 : 0)
            guard j + 1 < chars.count else { break }
            var tag = Substring(body).drop { $0 == " " }
            while tag.last == " " { tag = tag.dropLast() }
            guard let sigil = tag.first else { continue }
            let rest = String(tag.dropFirst().trimmingSpaces)
            switch sigil {
            case "!": continue
            case "=": break scan
            case "#", "^": stack.append((.section(rest, sigil == "^", tagLine, column), []))
            case "<": stack.append((.parent(rest.replacingDots), []))
            case "$": stack.append((.block(rest), []))
            case "/":
                guard stack.count > 1 else { continue }
                let (open, nodes) = stack.removeLast()
                switch open {
                case .section(let name, let inverted, let l, let c):
                    append(.section(name, inverted: inverted, nodes, line: l, column: c))
                case .parent(let name):
                    var overrides: [String: [Node]] = [:]
                    for case .block(let block, let content) in nodes { overrides[block] = content }
                    append(.parent(name, overrides: overrides))
                case .block(let name):
                    append(.block(name, nodes))
                }
            case ">": if !rest.hasPrefix("*") { append(.partial(rest.replacingDots)) }
            case "&": append(.variable(rest, line: tagLine, column: column))
            default: append(.variable(String(tag), line: tagLine, column: column))
            }
        }
        while stack.count > 1 {
            let (open, nodes) = stack.removeLast()
            if case .section(let name, let inverted, let l, let c) = open {
                append(.section(name, inverted: inverted, nodes, line: l, column: c))
            } else {
                stack[stack.count - 1].nodes += nodes
            }
        }
        return stack[0].nodes
    }
}

private extension String {
    /// Templates are registered under both `layouts/base` and `layouts.base`; the check uses slashes.
    var replacingDots: String { split(separator: ".").joined(separator: "/") }
}
