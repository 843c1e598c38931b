import Diagnostics

/// Markdown text and where it sits in its file, so rendered errors point at the right line.
public struct MarkdownBody: Sendable {
    public var text: String
    public var displayPath: String
    /// Relative to `Content/`: links in the body resolve from here.
    public var contentPath: String
    public var lineOffset: Int

    public init(text: String, displayPath: String, contentPath: String, lineOffset: Int) {
        self.text = text
        self.displayPath = displayPath
        self.contentPath = contentPath
        self.lineOffset = lineOffset
    }

    public var isBlank: Bool { text.allSatisfy(\.isWhitespace) }
}

/// A free page under `notes/`, or a section of the report or architecture document.
public struct Note: Sendable {
    public var contentPath: String
    public var title: String
    public var description: String?
    public var weight: Int
    public var date: DateValue?
    public var tags: [String] = []
    public var body: MarkdownBody

    public init(contentPath: String, title: String, weight: Int, body: MarkdownBody) {
        self.contentPath = contentPath
        self.title = title
        self.weight = weight
        self.body = body
    }
}

public struct Incident: Sendable {
    public enum Impact: String, Sendable, CaseIterable {
        case none, minor, major, critical
    }

    public var contentPath: String
    public var title: String
    public var started: DateValue
    public var resolved: DateValue?
    public var impact: Impact
    public var components: [String]
    public var body: MarkdownBody

    public init(
        contentPath: String, title: String, started: DateValue, resolved: DateValue?,
        impact: Impact, components: [String], body: MarkdownBody
    ) {
        self.contentPath = contentPath
        self.title = title
        self.started = started
        self.resolved = resolved
        self.impact = impact
        self.components = components
        self.body = body
    }

    public var isOpen: Bool { resolved == nil }
}
