import Foundation
import Testing
@testable import Watch

/// Collects the watcher's batches.
final class Batches: @unchecked Sendable {
    private let lock = NSLock()
    private var batches: [FolderWatcher.Batch] = []
    func add(_ batch: FolderWatcher.Batch) { lock.withLock { batches.append(batch) } }
    var all: [FolderWatcher.Batch] { lock.withLock { batches } }
    var paths: Set<String> { lock.withLock { batches.reduce(into: []) { $0.formUnion($1.paths) } } }

    /// Waits until `condition` holds on the paths seen, for at most two seconds.
    func wait(until condition: (Set<String>) -> Bool) async -> Bool {
        for _ in 0..<200 {
            if condition(paths) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}

@Suite struct FolderWatcherTests {
    func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("handover-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("notes"), withIntermediateDirectories: true)
        return url.standardizedFileURL.path
    }

    @Test func reportsWritesInNestedFoldersAndIgnoresEditorFiles() async throws {
        let root = try folder()
        let watcher = try FolderWatcher(roots: [root])
        #expect(watcher.watchCount == 2)
        let batches = Batches()
        watcher.start { batches.add($0) }
        defer { watcher.stop() }

        try Data("a".utf8).write(to: URL(fileURLWithPath: root + "/notes/a.md"))
        try Data("swap".utf8).write(to: URL(fileURLWithPath: root + "/notes/.a.md.swp"))
        try Data("backup".utf8).write(to: URL(fileURLWithPath: root + "/notes/a.md~"))
        #expect(await batches.wait { $0.contains(root + "/notes/a.md") })
        #expect(!batches.paths.contains { $0.hasSuffix(".swp") || $0.hasSuffix("~") })
    }

    @Test func aNewFolderIsWatchedAndWhatIsAlreadyInItReported() async throws {
        let root = try folder()
        let watcher = try FolderWatcher(roots: [root])
        let batches = Batches()
        watcher.start { batches.add($0) }
        defer { watcher.stop() }

        // Created together, faster than the watcher can add a watch for the new folder.
        try FileManager.default.createDirectory(atPath: root + "/notes/new/deeper", withIntermediateDirectories: true)
        try Data("b".utf8).write(to: URL(fileURLWithPath: root + "/notes/new/deeper/b.md"))
        #expect(await batches.wait { $0.contains(root + "/notes/new/deeper/b.md") })
        // And later writes inside it arrive too.
        try await Task.sleep(for: .milliseconds(50))
        try Data("c".utf8).write(to: URL(fileURLWithPath: root + "/notes/new/deeper/c.md"))
        #expect(await batches.wait { $0.contains(root + "/notes/new/deeper/c.md") })
        #expect(watcher.watchCount == 4)
    }

    @Test func anAtomicSaveIsOneChangeOfTheSavedFile() async throws {
        let root = try folder()
        try Data("old".utf8).write(to: URL(fileURLWithPath: root + "/notes/a.md"))
        let watcher = try FolderWatcher(roots: [root])
        let batches = Batches()
        watcher.start { batches.add($0) }
        defer { watcher.stop() }

        // What many editors do: write a hidden temporary file, then rename it over the original.
        try Data("new".utf8).write(to: URL(fileURLWithPath: root + "/notes/.a.md.tmp123"))
        #expect(rename(root + "/notes/.a.md.tmp123", root + "/notes/a.md") == 0)
        #expect(await batches.wait { $0.contains(root + "/notes/a.md") })
        try await Task.sleep(for: .milliseconds(50))
        #expect(batches.paths == [root + "/notes/a.md"])
        #expect(batches.all.count == 1, "debounced into one batch")
    }

    @Test func editorDebrisNames() {
        for name in [".a.md.swp", "a.md~", "#a.md#", ".#a.md", "4913", "a.md.tmp", ".hidden"] {
            #expect(FolderWatcher.isEditorDebris(name), "\(name)")
        }
        for name in ["a.md", "deployment.yaml", "index.md", "image.png"] {
            #expect(!FolderWatcher.isEditorDebris(name), "\(name)")
        }
    }

    /// One raw inotify event as the kernel writes it: wd, mask, cookie, name length, name.
    func event(wd: Int32, mask: UInt32, name: String = "") -> [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: wd) { bytes += $0 }
        withUnsafeBytes(of: mask) { bytes += $0 }
        withUnsafeBytes(of: UInt32(0)) { bytes += $0 }
        let padded = name.isEmpty ? 0 : (name.utf8.count / 16 + 1) * 16
        withUnsafeBytes(of: UInt32(padded)) { bytes += $0 }
        var nameBytes = Array(name.utf8)
        nameBytes += [UInt8](repeating: 0, count: padded - nameBytes.count)
        return bytes + nameBytes
    }

    @Test func aQueueOverflowIsARescanOfEverything() throws {
        let root = try folder()
        let watcher = try FolderWatcher(roots: [root])
        var batch = FolderWatcher.Batch(paths: [], rescan: false)
        let buffer = event(wd: -1, mask: UInt32(IN_Q_OVERFLOW)) + event(wd: 1, mask: UInt32(IN_CLOSE_WRITE), name: "a.md")
        watcher.parse(buffer, count: buffer.count, into: &batch)
        #expect(batch.rescan)
        #expect(batch.paths.contains(root + "/a.md"), "events after the overflow still count")
    }
}
