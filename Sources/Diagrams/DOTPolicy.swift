/// What a DOT text may ask of Graphviz, checked before any layout: attributes that read files or
/// switch engines are refused, and the size of the graph is bounded (nodes, edges, label length
/// and lines, record nesting, HTML-label spans and tables, polygon sides, the layout's iteration
/// knobs), so that no diagram can crash, hang or exhaust a worker. Every refusal names the line.
///
/// A tokenizer for DOT (https://graphviz.org/doc/info/lang.html), not a parser: Graphviz reads
/// the text again and reports its own syntax errors.
public enum DOTPolicy {
    public struct Limits: Sendable {
        public var bytes = 256 * 1024
        public var nodes = 400
        public var edges = 600
        public var labelBytes = 16 * 1024
        public var labelLines = 200
        public var recordDepth = 16
        public var htmlTags = 2_000
        public var htmlTableDepth = 8
        public var span = 64
        public var sides = 100
        public var peripheries = 10
        /// Off only in tests of what lies behind the policy (the worker's sandbox, the SVG sanitiser).
        public var refuseFileAttributes = true
        public init() {}
    }

    /// Attributes Graphviz uses to read files, load a style sheet or pick another engine.
    public static let refusedAttributes: [String: String] = [
        "image": "it makes Graphviz read a file",
        "shapefile": "it makes Graphviz read a file",
        "imagepath": "it makes Graphviz read files",
        "fontpath": "it makes Graphviz read files",
        "fontnames": "it changes how Graphviz looks fonts up",
        "stylesheet": "it makes the diagram load a style sheet",
        "layout": "diagrams are laid out with dot only",
    ]
    /// Numeric attributes whose large values make the layout slow or huge, with their caps.
    static let capped: [String: Double] = [
        "nslimit": 10, "nslimit1": 10, "mclimit": 10, "searchsize": 500, "maxiter": 1_000, "mosek": 0,
        "dpi": 600, "resolution": 600, "width": 100, "height": 100, "fontsize": 500, "penwidth": 50,
        "arrowsize": 20, "labelfontsize": 500, "ranksep": 50, "nodesep": 50, "minlen": 100, "weight": 10_000,
    ]

    public struct Violation: Error, Equatable, Sendable {
        public var message: String
        /// 1-based, within the DOT text.
        public var line: Int
    }

    public static func check(_ dot: String, limits: Limits = Limits()) -> Violation? {
        let bytes = Array(dot.utf8)
        if bytes.count > limits.bytes {
            return Violation(message: "diagram too large: \(bytes.count) bytes of DOT, the limit is \(limits.bytes)", line: 1)
        }
        var lexer = Lexer(bytes: bytes)
        var tokens: [Token] = []
        while let token = lexer.next() {
            if case .error(let message) = token.kind { return Violation(message: message, line: token.line) }
            tokens.append(token)
        }

        var nodes = Set<String>()
        var edges = 0
        var bracketDepth = 0
        /// The edge statement being read: the node counts of its operands (`a -> {b c} -> d`:
        /// 1, 2, 1), and whether an edge operator waits for its right side.
        struct Statement {
            var operands: [Int] = []
            var pendingEdge = false
            /// Nodes named anywhere inside the subgraph this statement sits in.
            var nodesInside = 0
            /// The subgraph is the right side of an edge operator.
            var isOperand = false
        }
        var statement = Statement()
        var outer: [Statement] = []
        func endStatement() {
            if statement.operands.count > 1 {
                for k in 1..<statement.operands.count { edges += statement.operands[k - 1] * statement.operands[k] }
            }
            statement.operands = []
            statement.pendingEdge = false
        }
        let keywords: Set<String> = ["graph", "digraph", "subgraph", "node", "edge", "strict"]
        for (i, token) in tokens.enumerated() {
            switch token.kind {
            case .punct("["):
                bracketDepth += 1
            case .punct("]"):
                bracketDepth = max(0, bracketDepth - 1)
            case .punct("{") where bracketDepth == 0:
                let isOperand = statement.pendingEdge
                if !isOperand { endStatement() }
                statement.pendingEdge = false
                outer.append(statement)
                statement = Statement(isOperand: isOperand)
            case .punct("}") where bracketDepth == 0:
                endStatement()
                let inside = statement.nodesInside
                let wasOperand = statement.isOperand
                statement = outer.popLast() ?? Statement()
                statement.nodesInside += inside
                if wasOperand {
                    statement.operands.append(max(inside, 1))
                } else if i + 1 < tokens.count, tokens[i + 1].isEdgeOp {
                    statement.operands = [max(inside, 1)]
                }
            case .punct(";") where bracketDepth == 0:
                endStatement()
            case .edgeOp:
                statement.pendingEdge = true
            case .id(let text), .quoted(let text), .html(let text):
                let isValue = i > 0 && tokens[i - 1].kind == .punct("=")
                let isName = i + 1 < tokens.count && tokens[i + 1].kind == .punct("=")
                if isName {
                    let name = text.lowercased()
                    if limits.refuseFileAttributes, let reason = refusedAttributes[name] {
                        return Violation(message: "attribute `\(name)` is not allowed in a diagram: \(reason)", line: token.line)
                    }
                    if i + 2 < tokens.count, let violation = checkValue(name: name, tokens[i + 2], limits: limits) {
                        return violation
                    }
                } else if !isValue, bracketDepth == 0, !isKeywordOrName(tokens, i, keywords) {
                    nodes.insert(text)
                    statement.nodesInside += 1
                    if statement.pendingEdge {
                        statement.operands.append(1)
                        statement.pendingEdge = false
                    } else {
                        endStatement()
                        statement.operands = [1]
                    }
                    if nodes.count > limits.nodes {
                        return Violation(message: "diagram too large: more than \(limits.nodes) nodes, the limit is \(limits.nodes)", line: token.line)
                    }
                }
                if case .quoted = token.kind, text.utf8.count > limits.labelBytes {
                    return Violation(message: "a string of \(text.utf8.count) bytes, the limit is \(limits.labelBytes)", line: token.line)
                }
                if case .html = token.kind, let violation = checkHTMLLabel(text, line: token.line, limits: limits) {
                    return violation
                }
            default:
                break
            }
            if edges > limits.edges {
                return Violation(message: "diagram too large: \(edges) edges, the limit is \(limits.edges)", line: token.line)
            }
        }
        endStatement()
        if edges > limits.edges {
            return Violation(message: "diagram too large: \(edges) edges, the limit is \(limits.edges)", line: tokens.last?.line ?? 1)
        }
        return nil
    }

    /// A keyword, the name after `graph`/`digraph`/`subgraph`, or a port after `:`: no node.
    static func isKeywordOrName(_ tokens: [Token], _ i: Int, _ keywords: Set<String>) -> Bool {
        if case .id(let word) = tokens[i].kind, keywords.contains(word.lowercased()) { return true }
        guard i > 0 else { return false }
        if tokens[i - 1].kind == .punct(":") { return true }
        if case .id(let previous) = tokens[i - 1].kind, ["graph", "digraph", "subgraph"].contains(previous.lowercased()) {
            return true
        }
        return false
    }

    static func checkValue(name: String, _ token: Token, limits: Limits) -> Violation? {
        let value: String
        switch token.kind {
        case .id(let v), .quoted(let v): value = v
        case .html: return nil
        default: return nil
        }
        if name == "sides", let n = Double(value), !(n <= Double(limits.sides)) {
            return Violation(message: "`sides=\(value)`: the limit is \(limits.sides)", line: token.line)
        }
        if name == "peripheries", let n = Double(value), !(n <= Double(limits.peripheries)) {
            return Violation(message: "`peripheries=\(value)`: the limit is \(limits.peripheries)", line: token.line)
        }
        if let cap = capped[name] {
            // Some take lists (`ranksep="1.2 equally"`): the first number counts.
            let first = value.split(whereSeparator: { $0 == " " || $0 == "," }).first.map(String.init) ?? value
            if let n = Double(first), !(abs(n) <= cap) {
                return Violation(message: "`\(name)=\(value)`: the limit is \(cap.formatted())", line: token.line)
            }
        }
        if name == "label" || name == "xlabel" || name == "headlabel" || name == "taillabel" {
            var lines = 1
            var depth = 0
            var maxDepth = 0
            var escaped = false
            for c in value.utf8 {
                if escaped {
                    if c == UInt8(ascii: "n") || c == UInt8(ascii: "l") || c == UInt8(ascii: "r") { lines += 1 }
                    escaped = false
                    continue
                }
                switch c {
                case UInt8(ascii: "\\"): escaped = true
                case 10: lines += 1
                case UInt8(ascii: "{"): depth += 1; maxDepth = max(maxDepth, depth)
                case UInt8(ascii: "}"): depth -= 1
                default: break
                }
            }
            if lines > limits.labelLines {
                return Violation(message: "a label of \(lines) lines, the limit is \(limits.labelLines)", line: token.line)
            }
            if maxDepth > limits.recordDepth {
                return Violation(message: "a record label nested \(maxDepth) deep, the limit is \(limits.recordDepth)", line: token.line)
            }
        }
        return nil
    }

    /// HTML-like labels: no images, bounded tags, table nesting and spans.
    static func checkHTMLLabel(_ html: String, line: Int, limits: Limits) -> Violation? {
        let lower = html.lowercased()
        if html.utf8.count > limits.labelBytes {
            return Violation(message: "an HTML label of \(html.utf8.count) bytes, the limit is \(limits.labelBytes)", line: line)
        }
        let tags = lower.utf8.filter { $0 == UInt8(ascii: "<") }.count
        if tags > limits.htmlTags {
            return Violation(message: "an HTML label of \(tags) tags, the limit is \(limits.htmlTags)", line: line)
        }
        if limits.refuseFileAttributes, lower.contains("<img") {
            return Violation(message: "`<img>` is not allowed in a diagram's HTML label: it makes Graphviz read a file", line: line)
        }
        var depth = 0
        var rest = Substring(lower)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            if rest.hasPrefix("table") { depth += 1 } else if rest.hasPrefix("/table") { depth -= 1 }
            if depth > limits.htmlTableDepth {
                return Violation(message: "HTML tables nested \(depth) deep, the limit is \(limits.htmlTableDepth)", line: line)
            }
            let tagEnd = rest.firstIndex(of: ">") ?? rest.endIndex
            let tag = rest[..<tagEnd]
            for attribute in ["rowspan", "colspan", "border", "cellpadding", "cellspacing", "cellborder"] {
                var search = tag[...]
                while let range = search.range(of: attribute) {
                    let value = search[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
                        .prefix { $0.isNumber }
                    if let n = Int(value.prefix(9)), n > limits.span || value.count > 9 {
                        return Violation(message: "`\(attribute)=\(value)` in an HTML label: the limit is \(limits.span)", line: line)
                    }
                    search = search[range.upperBound...]
                }
            }
        }
        return nil
    }

    // MARK: - Tokens

    struct Token {
        enum Kind: Equatable {
            case id(String)
            case quoted(String)
            case html(String)
            case punct(Character)
            case edgeOp
            case error(String)
        }
        var kind: Kind
        var line: Int
        var isEdgeOp: Bool { kind == .edgeOp }
    }

    struct Lexer {
        let bytes: [UInt8]
        var i = 0
        var line = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func next() -> Token? {
            skipSpaceAndComments()
            guard i < bytes.count else { return nil }
            let start = line
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                var out: [UInt8] = []
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                        out.append(bytes[i])
                        i += 1
                    }
                    if bytes[i] == 10 { line += 1 }
                    out.append(bytes[i])
                    i += 1
                }
                guard i < bytes.count else { return Token(kind: .error("a string is never closed"), line: start) }
                i += 1
                return Token(kind: .quoted(String(decoding: out, as: UTF8.self)), line: start)
            case UInt8(ascii: "<"):
                var depth = 0
                let begin = i
                while i < bytes.count {
                    if bytes[i] == UInt8(ascii: "<") { depth += 1 }
                    if bytes[i] == UInt8(ascii: ">") { depth -= 1; if depth == 0 { break } }
                    if bytes[i] == 10 { line += 1 }
                    i += 1
                }
                guard i < bytes.count else { return Token(kind: .error("an HTML label is never closed"), line: start) }
                i += 1
                return Token(kind: .html(String(decoding: bytes[(begin + 1)..<(i - 1)], as: UTF8.self)), line: start)
            case UInt8(ascii: "-") where i + 1 < bytes.count && (bytes[i + 1] == UInt8(ascii: ">") || bytes[i + 1] == UInt8(ascii: "-")):
                i += 2
                return Token(kind: .edgeOp, line: start)
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ";"),
                UInt8(ascii: ","), UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "+"):
                i += 1
                return Token(kind: .punct(Character(Unicode.Scalar(c))), line: start)
            default:
                let begin = i
                if c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || (c >= 0x30 && c <= 0x39) {
                    // A numeral: [-]?(.[0-9]+ | [0-9]+(.[0-9]*)?)
                    i += 1
                    while i < bytes.count, (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == UInt8(ascii: ".") { i += 1 }
                    return Token(kind: .id(String(decoding: bytes[begin..<i], as: UTF8.self)), line: start)
                }
                while i < bytes.count, Self.isIDByte(bytes[i]) { i += 1 }
                if i == begin { i += 1; return Token(kind: .punct(Character(Unicode.Scalar(c))), line: start) }
                return Token(kind: .id(String(decoding: bytes[begin..<i], as: UTF8.self)), line: start)
            }
        }

        static func isIDByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
                || b >= 0x80
        }

        mutating func skipSpaceAndComments() {
            while i < bytes.count {
                let c = bytes[i]
                if c == 10 { line += 1; i += 1; continue }
                if c == 32 || c == 9 || c == 13 { i += 1; continue }
                if c == UInt8(ascii: "/"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "/") {
                    while i < bytes.count, bytes[i] != 10 { i += 1 }
                    continue
                }
                if c == UInt8(ascii: "#"), i == 0 || bytes[i - 1] == 10 {
                    while i < bytes.count, bytes[i] != 10 { i += 1 }
                    continue
                }
                if c == UInt8(ascii: "/"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") {
                    i += 2
                    while i + 1 < bytes.count, !(bytes[i] == UInt8(ascii: "*") && bytes[i + 1] == UInt8(ascii: "/")) {
                        if bytes[i] == 10 { line += 1 }
                        i += 1
                    }
                    i = min(bytes.count, i + 2)
                    continue
                }
                return
            }
        }
    }
}
