import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Watches folder trees with inotify and hands over batches of changed paths.
///
/// One watch per folder (inotify does not recurse); a folder created later is watched and
/// scanned, because files may land in it before its watch exists. Events are debounced: a batch
/// is delivered once the trees have been quiet for `quietPeriod`, so that an editor's
/// write-rename-delete dance becomes one rebuild. A queue overflow means events were lost, so
/// the whole tree is reported as changed.
public final class FolderWatcher: @unchecked Sendable {
    /// What changed, as absolute paths. `rescan` is true when events were lost.
    public struct Batch: Sendable, Equatable {
        public var paths: Set<String>
        public var rescan: Bool
    }

    public let roots: [String]
    public let quietPeriod: Duration
    /// A batch is delivered at the latest this long after its first event, even if edits go on.
    public let longestWait: Duration
    private let fd: Int32
    private var watches: [Int32: String] = [:]
    private let lock = NSLock()
    private var stopped = false
    private var thread: Thread?

    /// - Parameter roots: folders to watch; a missing folder is watched once it appears only
    ///   if its parent is watched.
    public init(roots: [String], quietPeriod: Duration = .milliseconds(8), longestWait: Duration = .milliseconds(250)) throws {
        self.roots = roots.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        self.quietPeriod = quietPeriod
        self.longestWait = longestWait
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw WatchError(message: "inotify_init1 failed: \(String(cString: strerror(errno)))") }
        for root in self.roots { _ = addTree(root) }
    }

    deinit { close(fd) }

    public struct WatchError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// How many folders are watched.
    public var watchCount: Int { lock.withLock { watches.count } }

    /// Starts a thread that calls `handler` with every batch until `stop()`.
    public func start(_ handler: @escaping @Sendable (Batch) -> Void) {
        let thread = Thread { [self] in run(handler) }
        thread.name = "handover-watch"
        self.thread = thread
        thread.start()
    }

    public func stop() {
        lock.withLock { stopped = true }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Files an editor writes beside the real one: swap, backup, lock and temporary files.
    public static func isEditorDebris(_ name: String) -> Bool {
        if name.hasPrefix(".#") || name.hasPrefix("#") || name.hasSuffix("~") { return true }
        if name == "4913" { return true }  // vim's probe that a folder is writable
        for suffix in [".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload", ".kate-swp", ".DS_Store"] where name.hasSuffix(suffix) {
            return true
        }
        // Atomic savers write `.name.XXXXXX` and rename it over the file: the rename is what counts.
        return name.hasPrefix(".") && name.count > 1
    }

    /// Watches `path` and every folder below it; returns the files found (for a new folder).
    @discardableResult
    private func addTree(_ path: String) -> [String] {
        var files: [String] = []
        let mask =
            UInt32(
                IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE
                    | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB) | UInt32(IN_ONLYDIR)
        let wd = inotify_add_watch(fd, path, mask)
        guard wd >= 0 else { return files }
        lock.withLock { watches[wd] = path }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return files }
        for name in names.sorted() where !Self.isEditorDebris(name) {
            let child = path + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue { files += addTree(child) } else { files.append(child) }
        }
        return files
    }

    private func run(_ handler: @escaping @Sendable (Batch) -> Void) {
        var pending = Batch(paths: [], rescan: false)
        var firstEvent: ContinuousClock.Instant?
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let clock = ContinuousClock()
        while !isStopped {
            // Wait for events: without pending ones, in slices so that stop() is noticed.
            let timeout: Int32
            if let first = firstEvent {
                let untilLongest = longestWait - (clock.now - first)
                timeout = Int32(max(0, min(quietPeriod, untilLongest).milliseconds))
            } else {
                timeout = 200
            }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, timeout)
            if ready > 0 {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    parse(buffer, count: count, into: &pending)
                    if firstEvent == nil, !pending.paths.isEmpty || pending.rescan { firstEvent = clock.now }
                }
                if let first = firstEvent, clock.now - first < longestWait { continue }
            }
            // Quiet (or waited long enough): deliver.
            if firstEvent != nil {
                if pending.rescan { pending.paths.formUnion(roots) }  // events were lost: everything may have changed
                let batch = pending
                pending = Batch(paths: [], rescan: false)
                firstEvent = nil
                if !batch.paths.isEmpty { handler(batch) }
            }
        }
    }

    /// Reads the events of one `read()` of the inotify descriptor into a batch.
    func parse(_ buffer: [UInt8], count: Int, into batch: inout Batch) {
        var offset = 0
        let headerSize = MemoryLayout<inotify_event>.size
        while offset + headerSize <= count {
            let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                let base = raw.baseAddress! + offset
                return (
                    base.loadUnaligned(as: Int32.self),
                    base.loadUnaligned(fromByteOffset: 4, as: UInt32.self),
                    Int(base.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
                )
            }
            let nameBytes = buffer[(offset + headerSize)..<min(count, offset + headerSize + length)]
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            offset += headerSize + length

            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                batch.rescan = true
                continue
            }
            guard let folder = lock.withLock({ watches[wd] }) else { continue }
            if mask & UInt32(IN_IGNORED) != 0 {
                lock.withLock { _ = watches.removeValue(forKey: wd) }
                continue
            }
            if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                batch.paths.insert(folder)
                continue
            }
            guard !name.isEmpty, !Self.isEditorDebris(name) else { continue }
            let path = folder + "/" + name
            batch.paths.insert(path)
            if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                // A new folder: watch it, and report what is already inside.
                for file in addTree(path) { batch.paths.insert(file) }
            }
        }
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
