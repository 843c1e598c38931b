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
    /// `updates:` in the front matter, oldest first: what the team said, and when.
    public var updates: [Update] = []

    /// One timestamped word from the team during the incident (Statuspage's update).
    public struct Update: Sendable {
        public enum Status: String, Sendable, CaseIterable {
            case investigating, identified, monitoring, resolved
        }
        public var at: DateValue
        public var status: Status?
        public var text: String
        public init(at: DateValue, status: Status?, text: String) {
            self.at = at
            self.status = status
            self.text = text
        }
    }

    /// The newest update.
    public var latestUpdate: Update? { updates.last }

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
