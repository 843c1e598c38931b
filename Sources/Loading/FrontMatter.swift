import Basics
import Diagnostics

/// A Markdown file split into its YAML front matter and its body.
public struct FrontMatterSplit: Sendable, Equatable {
    /// The YAML between the `---` fences, nil when the file has none.
    public var yaml: String?
    /// Lines before the YAML (the opening fence): add to YAML line numbers.
    public var yamlLineOffset: Int
    public var body: String
    /// Lines before the body in the file: add to Markdown line numbers.
    public var bodyLineOffset: Int
    /// Set when a front matter was opened and never closed.
    public var unclosed: Bool

    public static func split(_ text: String) -> FrontMatterSplit {
        // "\r\n" is one Character in Swift: normalise line ends before looking for them.
        var text = Substring(text.utf8.contains(13) ? text.replacingAll("\r\n", with: "\n") : text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        guard text.hasPrefix("---"), let firstNewline = text.firstIndex(of: "\n"),
            text[..<firstNewline].trimmingTrailingSpace == "---"
        else {
            return FrontMatterSplit(yaml: nil, yamlLineOffset: 0, body: String(text), bodyLineOffset: 0, unclosed: false)
        }
        var lineNumber = 1
        var lineStart = text.index(after: firstNewline)
        let yamlStart = lineStart
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            lineNumber += 1
            let line = text[lineStart..<lineEnd].trimmingTrailingSpace
            if line == "---" || line == "..." {
                let bodyStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
                return FrontMatterSplit(
                    yaml: String(text[yamlStart..<lineStart]), yamlLineOffset: 1,
                    body: String(text[bodyStart...]), bodyLineOffset: lineNumber,
                    unclosed: false)
            }
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
        }
        return FrontMatterSplit(
            yaml: String(text[yamlStart...]), yamlLineOffset: 1, body: "",
            bodyLineOffset: lineNumber, unclosed: true)
    }
}
