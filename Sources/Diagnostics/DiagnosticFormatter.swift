import Basics
/// Prints diagnostics for people (`text`), for tools (`json`) or as GitHub Actions annotations (`github`).
public enum DiagnosticFormat: String, CaseIterable, Sendable {
    case text
    case json
    case github
}

public struct DiagnosticFormatter: Sendable {
    public var format: DiagnosticFormat

    public init(format: DiagnosticFormat) {
        self.format = format
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        switch format {
        case .text:
            return diagnostics.map(text).joined()
        case .github:
            return diagnostics.map(github).joined()
        case .json:
            let items = diagnostics.map { d in
                var fields = [
                    "\"severity\":\(jsonString(d.severity.rawValue))",
                    "\"path\":\(jsonString(d.location.path))",
                    "\"line\":\(d.location.line)",
                    "\"column\":\(d.location.column)",
                    "\"message\":\(jsonString(d.message))",
                ]
                if let hint = d.hint { fields.append("\"hint\":\(jsonString(hint))") }
                return "{" + fields.joined(separator: ",") + "}"
            }
            let errors = diagnostics.filter { $0.severity == .error }.count
            return "{\"errors\":\(errors),\"warnings\":\(diagnostics.count - errors),\"diagnostics\":[\n"
                + items.joined(separator: ",\n") + "\n]}\n"
        }
    }

    private func text(_ d: Diagnostic) -> String {
        var line = "\(d.location): \(d.severity.rawValue): \(d.message)\n"
        if let hint = d.hint { line += "  hint: \(hint)\n" }
        return line
    }

    private func github(_ d: Diagnostic) -> String {
        // https://docs.github.com/actions/reference/workflow-commands-for-github-actions
        var props = ["file=\(escapeProperty(d.location.path))"]
        if d.location.line > 0 { props.append("line=\(d.location.line)") }
        if d.location.column > 0 { props.append("col=\(d.location.column)") }
        var message = d.message
        if let hint = d.hint { message += " (hint: \(hint))" }
        return "::\(d.severity.rawValue) \(props.joined(separator: ","))::\(escapeData(message))\n"
    }

    private func escapeData(_ s: String) -> String {
        s.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    private func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}

extension String {
    /// Foundation-free replace, so leaf modules need not import Foundation.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
