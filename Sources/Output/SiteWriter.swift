import CFileSwap
import Foundation

/// Writes a finished site: the only code in Handover that writes the output folder.
///
/// The site is written into a staging folder beside `OUT`, then swapped in with one atomic
/// rename, so a failed or killed build leaves the previous site exactly as it was.
public struct SiteWriter: Sendable {
    public enum Content: Sendable {
        case text(String)
        case data(Data)
        /// A file copied as it is (assets, images beside notes).
        case copy(URL)
    }

    public struct Entry: Sendable {
        public var path: String
        public var content: Content
        public init(path: String, content: Content) {
            self.path = path
            self.content = content
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Marks a folder as written by Handover, so that it never replaces a folder it did not write.
    public static let markerName = ".handover-site"

    public let outputURL: URL

    public init(outputURL: URL) {
        self.outputURL = outputURL.standardizedFileURL
    }

    public func write(_ entries: [Entry]) throws {
        let fm = FileManager.default
        let parent = outputURL.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        try checkReplaceable()
        removeStaleStaging()

        let staging = parent.appendingPathComponent(".\(outputURL.lastPathComponent).handover-staging-\(getpid())")
        try? fm.removeItem(at: staging)
        // The site before the last one, kept beside OUT by the last build, is rewritten in place:
        // overwriting files that exist costs a tenth of creating them anew and deleting the old
        // ones (measured on `make bench`'s 10,000 pages: 0.2 s against 2.7–5.6 s on ext4 with discard).
        let previous = retainedURL
        var existing: Inventory?
        // Only a folder that holds Handover's marker is ours to rewrite or remove; anything else
        // of that name is left as it is.
        let ours = Self.isKeptSite(previous)
        if ours, let inventory = Self.inventory(of: previous), rename(previous.path, staging.path) == 0 {
            existing = inventory
        } else {
            if ours { Self.removeTree(previous) }
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        }
        do {
            if let existing { Self.removeStale(existing, keeping: entries, in: staging) }
            try writeAll(entries, into: staging, inPlace: existing != nil)
            try Self.writeFile(
                staging.appendingPathComponent(Self.markerName).path,
                Array("Written by Handover. This folder is replaced as a whole on every build.\n".utf8), inPlace: existing != nil)
            try swapIn(staging)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }

    /// `.OUT.handover-previous` beside OUT: the site the last build replaced.
    var retainedURL: URL {
        outputURL.deletingLastPathComponent().appendingPathComponent(".\(outputURL.lastPathComponent).handover-previous")
    }

    /// The files and folders of a kept site, relative to it; nil unless it is a folder of this
    /// user holding only regular files and real folders (a symbolic link planted in it must
    /// never be written through).
    struct Inventory {
        var files: Set<String> = []
        var folders: [String] = []
    }

    /// A real folder (not a link) holding Handover's marker file.
    static func isKeptSite(_ url: URL) -> Bool {
        var info = stat()
        guard lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
        return lstat(url.path + "/" + markerName, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    static func inventory(of root: URL) -> Inventory? {
        var info = stat()
        guard lstat(root.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == geteuid() else { return nil }
        var inventory = Inventory()
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root.path : root.path + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
            for name in names {
                let path = relative.isEmpty ? name : relative + "/" + name
                guard lstat(root.path + "/" + path, &info) == 0 else { return nil }
                switch info.st_mode & S_IFMT {
                case S_IFREG: inventory.files.insert(path)
                case S_IFDIR:
                    inventory.folders.append(path)
                    pending.append(path)
                default: return nil
                }
            }
        }
        return inventory
    }

    /// Removes what the new site does not have, before writing: a file where a folder now goes,
    /// and folders no file needs any more (deepest first).
    static func removeStale(_ inventory: Inventory, keeping entries: [Entry], in root: URL) {
        var keep = Set(entries.map(\.path))
        keep.insert(markerName)
        var folders = Set<String>()
        for path in keep {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                folders.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
        for file in inventory.files where !keep.contains(file) { unlink(root.path + "/" + file) }
        for folder in inventory.folders.sorted(by: { $0.count > $1.count }) where !folders.contains(folder) {
            rmdir(root.path + "/" + folder)
        }
        // A folder kept where a file now goes.
        let kept = Set(inventory.folders)
        for path in keep where kept.contains(path) { removeTree(root.appendingPathComponent(path)) }
    }

    /// Changes some files of a site already written, each replaced atomically (written under a
    /// temporary name, then renamed), so that a server reading the folder never sees half a file.
    /// What `handover serve` does after an edit, instead of rewriting the whole site.
    public func patch(write entries: [Entry], remove paths: [String]) throws {
        for entry in entries where !Self.isSafe(entry.path) {
            throw Failure(description: "refusing to write outside the site: \(entry.path)")
        }
        var files: [(url: URL, data: Data)] = []
        for entry in entries {
            let url = outputURL.appendingPathComponent(entry.path)
            switch entry.content {
            case .text(let text): files.append((url, Data(text.utf8)))
            case .data(let data): files.append((url, data))
            case .copy(let source): files.append((url, try Data(contentsOf: source)))
            }
        }
        try AtomicFiles.write(files)
        for path in paths where Self.isSafe(path) {
            unlink(outputURL.appendingPathComponent(path).path)
        }
    }

    /// Refuses to replace a folder that holds files Handover did not write.
    func checkReplaceable() throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: outputURL.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw Failure(description: "\(outputURL.path) exists and is not a folder; choose another output with -o")
        }
        let contents = (try? fm.contentsOfDirectory(atPath: outputURL.path)) ?? []
        if !contents.isEmpty, !contents.contains(Self.markerName) {
            throw Failure(description: "\(outputURL.path) is not empty and was not written by Handover; remove it or choose another output with -o")
        }
    }

    /// Staging folders left by builds that were killed.
    func removeStaleStaging() {
        let fm = FileManager.default
        let parent = outputURL.deletingLastPathComponent()
        let prefix = ".\(outputURL.lastPathComponent).handover-staging-"
        for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            let pid = Int32(name.dropFirst(prefix.count)) ?? 0
            // Leave a staging folder alone while the build that owns it is still running.
            if pid > 0, pid != getpid(), kill(pid, 0) == 0 { continue }
            try? fm.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    func writeAll(_ entries: [Entry], into root: URL, inPlace: Bool = false) throws {
        let fm = FileManager.default
        var directories = Set<String>()
        for entry in entries {
            guard Self.isSafe(entry.path) else {
                throw Failure(description: "refusing to write outside the site: \(entry.path)")
            }
            if let slash = entry.path.lastIndex(of: "/") { directories.insert(String(entry.path[..<slash])) }
        }
        for directory in directories.sorted() {
            try fm.createDirectory(at: root.appendingPathComponent(directory), withIntermediateDirectories: true)
        }
        let failures = FailureBox()
        DispatchQueue.concurrentPerform(iterations: entries.count) { i in
            let entry = entries[i]
            let url = root.appendingPathComponent(entry.path)
            do {
                switch entry.content {
                case .text(let text):
                    var text = text
                    try text.withUTF8 { try Self.writeFile(url.path, UnsafeRawBufferPointer($0), inPlace: inPlace) }
                case .data(let data): try data.withUnsafeBytes { try Self.writeFile(url.path, $0, inPlace: inPlace) }
                case .copy(let source):
                    if inPlace { unlink(url.path) }
                    try FileManager.default.copyItem(at: source, to: url)
                }
            } catch {
                failures.record("cannot write \(entry.path): \(error.localizedDescription)")
            }
        }
        if let first = failures.first { throw Failure(description: first) }
    }

    func swapIn(_ staging: URL) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: outputURL.path) {
            if handover_exchange_paths(staging.path, outputURL.path) == 0 {
                retain(staging)  // now holds the previous site
                return
            }
            // No RENAME_EXCHANGE (an old kernel, some network file systems): two renames.
            let old = outputURL.deletingLastPathComponent()
                .appendingPathComponent(".\(outputURL.lastPathComponent).handover-old-\(getpid())")
            try? fm.removeItem(at: old)
            try fm.moveItem(at: outputURL, to: old)
            do {
                try fm.moveItem(at: staging, to: outputURL)
            } catch {
                try? fm.moveItem(at: old, to: outputURL)
                throw error
            }
            Self.removeTree(old)
        } else {
            try fm.moveItem(at: staging, to: outputURL)
        }
    }

    /// Keeps the site just replaced as `.OUT.handover-previous`, for the next build to rewrite;
    /// git leaves it out (its `.gitignore` says `*`, and goes when the folder is reused).
    func retain(_ old: URL) {
        try? Data("*\n".utf8).write(to: old.appendingPathComponent(".gitignore"))
        let previous = retainedURL
        if Self.isKeptSite(previous) { Self.removeTree(previous) }
        // rename(2) does not replace a folder that is not empty: someone else's stays, and so
        // the replaced site is removed instead of kept.
        if rename(old.path, previous.path) != 0 { Self.removeTree(old) }
    }

    /// Removes a folder and everything in it, its subfolders on several threads at once: deleting
    /// the previous 10,000-page site one file after another waits on the disk for seconds
    /// (measured: 6.1 s for `rm -rf` of the bench's 286 MB site, 3.5 s in 8 parallel parts).
    ///
    /// Only real folders are split (`lstat`): a symbolic link in the old site is removed as a link,
    /// never followed into what it points to.
    static func removeTree(_ root: URL) {
        let fm = FileManager.default
        func isRealFolder(_ url: URL) -> Bool {
            (try? fm.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType) == .typeDirectory
        }
        var parts: [URL] = []
        if isRealFolder(root) {
            for name in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] {
                let top = root.appendingPathComponent(name)
                guard isRealFolder(top) else { continue }
                // One level further: a site's notes are one folder of many sections.
                for child in (try? fm.contentsOfDirectory(atPath: top.path)) ?? [] { parts.append(top.appendingPathComponent(child)) }
            }
        }
        // Threads of their own, not the dispatch pool: these wait on the disk, not the CPU.
        let next = SharedIndex()
        let done = DispatchSemaphore(value: 0)
        let subtrees = parts
        let threads = min(8, subtrees.count)
        for _ in 0..<threads {
            Thread {
                while let i = next.take(below: subtrees.count) { try? FileManager.default.removeItem(at: subtrees[i]) }
                done.signal()
            }.start()
        }
        for _ in 0..<threads { done.wait() }
        try? fm.removeItem(at: root)
    }

    /// Plain open/write/close: Foundation's `Data.write` syncs every file to disk, which made
    /// writing a 10,000-page site take seconds. The swap is what makes a build safe, not fsync.
    static func writeFile(_ path: String, _ bytes: UnsafeRawBufferPointer, inPlace: Bool = false) throws {
        // In place: no O_TRUNC, so the file's blocks are overwritten rather than freed and taken
        // again; cut to its new length after. O_NOFOLLOW: never through a link.
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (inPlace ? 0 : O_TRUNC)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else { throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        if inPlace, ftruncate(fd, off_t(bytes.count)) != 0 {
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    static func writeFile(_ path: String, _ bytes: [UInt8], inPlace: Bool) throws {
        try bytes.withUnsafeBytes { try writeFile(path, $0, inPlace: inPlace) }
    }

    /// A relative path with no `..`, no absolute start and no empty part.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/") else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0.isEmpty || $0 == "." }
    }
}

private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func record(_ message: String) { lock.lock(); messages.append(message); lock.unlock() }
    var first: String? { lock.lock(); defer { lock.unlock() }; return messages.sorted().first }
}

/// The next index to work on, shared by threads.
final class SharedIndex: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < count else { return nil }
        value += 1
        return value - 1
    }
}

extension SiteWriter {
    /// Writes a release archive (`releases/<version>/`): staged beside it and renamed into place,
    /// with no marker and no kept copy, since it is committed with the project and never rewritten.
    /// `replacing` swaps out an archive that is there (`build --release --force`).
    public static func writeArchive(_ entries: [Entry], at url: URL, replacing: Bool) throws {
        let fm = FileManager.default
        let parent = url.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        removeTree(staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            try SiteWriter(outputURL: url).writeAll(entries, into: staging)
            if fm.fileExists(atPath: url.path) {
                guard replacing else { throw Failure(description: "\(url.path) exists and is never rewritten") }
                if handover_exchange_paths(staging.path, url.path) != 0 {
                    let old = parent.appendingPathComponent(".\(url.lastPathComponent).old-\(getpid())")
                    try fm.moveItem(at: url, to: old)
                    try fm.moveItem(at: staging, to: url)
                    removeTree(old)
                    return
                }
                removeTree(staging)  // now holds the replaced archive
            } else {
                try fm.moveItem(at: staging, to: url)
            }
        } catch {
            removeTree(staging)
            throw error
        }
    }
}
