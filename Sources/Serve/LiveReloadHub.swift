import Diagnostics
import Foundation

/// What the open pages are told after every rebuild, as one Server-Sent Event.
public struct BuildEvent: Sendable, Codable, Equatable {
    public struct Problem: Sendable, Codable, Equatable {
        /// `Content/notes/a.md:3:7`
        public var location: String
        public var severity: String
        public var message: String
        public var hint: String?
    }

    /// Goes up with every successful rebuild; a page built before it may be out of date.
    public var generation: Int
    /// Output paths rewritten by the rebuild (`notes/a/index.html`).
    public var changed: [String]
    /// When not empty, the rebuild failed and the last good site is still served.
    public var errors: [Problem]
    public var warnings: [Problem]
    /// Names one run of the server: a page from an earlier run reloads.
    public var server: String

    public init(server: String, generation: Int, changed: [String], diagnostics: [Diagnostic]) {
        self.server = server
        self.generation = generation
        self.changed = changed
        let problems = diagnostics.map {
            Problem(location: $0.location.description, severity: $0.severity.rawValue, message: $0.message, hint: $0.hint)
        }
        errors = problems.filter { $0.severity == "error" }
        warnings = problems.filter { $0.severity == "warning" }
    }

    /// `event: build` and the JSON on one `data:` line.
    public var serverSentEvent: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "event: build\ndata: \(json)\n\n"
    }
}

/// Fans each build event out to every open page; a page that connects gets the latest one.
public final class LiveReloadHub: @unchecked Sendable {
    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<BuildEvent>.Continuation] = [:]
    private var latestEvent: BuildEvent?

    public init() {}

    public var latest: BuildEvent? { lock.withLock { latestEvent } }

    public func publish(_ event: BuildEvent) {
        let targets = lock.withLock { () -> [AsyncStream<BuildEvent>.Continuation] in
            latestEvent = event
            return Array(subscribers.values)
        }
        for continuation in targets { continuation.yield(event) }
    }

    /// A stream of events that starts with the latest one.
    public func subscribe() -> AsyncStream<BuildEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<BuildEvent>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = self.lock.withLock { self.subscribers.removeValue(forKey: id) }
        }
        let latest = lock.withLock { () -> BuildEvent? in
            subscribers[id] = continuation
            return latestEvent
        }
        if let latest { continuation.yield(latest) }
        return stream
    }

    /// Ends every stream: the server is shutting down.
    public func finishAll() {
        let targets = lock.withLock { () -> [AsyncStream<BuildEvent>.Continuation] in
            defer { subscribers.removeAll() }
            return Array(subscribers.values)
        }
        for continuation in targets { continuation.finish() }
    }
}
