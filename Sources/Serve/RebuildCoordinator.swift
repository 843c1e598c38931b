import Build
import Diagnostics
import Foundation

/// The one place rebuilds happen: changes that arrive while a rebuild runs are merged into the
/// next one, so a burst of saves costs at most one extra rebuild.
public actor RebuildCoordinator {
    private var session: BuildSession
    private let hub: LiveReloadHub
    private let log: @Sendable (String) -> Void
    private var pending: Set<String> = []
    private var running = false
    public private(set) var generation = 0
    /// Names this run of the server in every event.
    public nonisolated let serverID = String(UInt64.random(in: 1...UInt64.max), radix: 36)

    public init(session: BuildSession, hub: LiveReloadHub, log: @escaping @Sendable (String) -> Void) {
        self.session = session
        self.hub = hub
        self.log = log
    }

    /// The first build, before the server answers.
    @discardableResult
    public func buildAll() -> BuildSession.Outcome {
        let outcome = session.rebuildAll()
        report(outcome)
        return outcome
    }

    /// Paths changed on disk (absolute). Returns at once; the rebuild follows.
    public func enqueue(_ paths: Set<String>) {
        pending.formUnion(paths)
        guard !running else { return }
        running = true
        Task { await drain() }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            if let outcome = session.apply(changedPaths: batch, deferSearchIndex: true) { report(outcome) }
            // Let changes that arrived meanwhile join the next batch.
            await Task.yield()
        }
        running = false
        scheduleSearchIndex()
    }

    /// How long edits must pause before the search index is assembled again: on a large site
    /// assembling it takes both cores for a while, and a save during it waited (measured with
    /// `make bench`'s edits 0.3 s apart: 75 ms to reload with 250 ms here, against 47 ms without
    /// the search index's work).
    let searchIndexDelay: Duration = .milliseconds(1000)
    private var assemblingSearchIndex = false

    /// The search index waits until the edits pause, and is assembled away from this actor:
    /// on a large site it is most of an update's work, and edits must not wait for it.
    private func scheduleSearchIndex() {
        guard session.hasDeferredWork, !assemblingSearchIndex else { return }
        assemblingSearchIndex = true
        Task {
            try? await Task.sleep(for: searchIndexDelay)
            await self.assembleSearchIndex()
        }
    }

    private func assembleSearchIndex() async {
        defer {
            assemblingSearchIndex = false
            if !running { scheduleSearchIndex() }
        }
        guard let job = session.searchIndexJob() else { return }
        guard let staged = try? await Task.detached(priority: .utility, operation: { try job.run() }).value else { return }
        let written = session.install(staged)
        if !written.isEmpty, var event = hub.latest {
            event.changed = written
            hub.publish(event)
        }
    }

    private func report(_ outcome: BuildSession.Outcome) {
        var problems = outcome.diagnostics
        if let failure = outcome.internalFailure {
            problems.append(.error(at: SourceLocation(path: "."), "cannot write the site: \(failure)"))
        }
        if !outcome.hasErrors { generation += 1 }
        hub.publish(BuildEvent(server: serverID, generation: generation, changed: outcome.hasErrors ? [] : outcome.written, diagnostics: problems))
        let ms = String(format: "%.0f ms", outcome.seconds * 1000)
        if !problems.isEmpty { log(DiagnosticFormatter(format: .text).format(problems)) }
        if outcome.hasErrors {
            log("rebuild failed (\(problems.filter { $0.severity == .error }.count) error(s)); still serving the last good site")
        } else {
            let kind = outcome.incremental ? "incremental" : outcome.reusedNotePages ? "data: note pages reused" : "full"
            log("rebuilt in \(ms) (\(kind)): \(outcome.written.count) file(s) written, \(outcome.removed.count) removed")
        }
    }
}
