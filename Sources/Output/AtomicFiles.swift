import Foundation

/// Writes a set of files all or nothing: each is written beside its destination under a
/// temporary name, and only when every one is written are they renamed into place.
public enum AtomicFiles {
    /// Files written under temporary names beside where they go, not yet renamed into place.
    public struct Staged: Sendable {
        public fileprivate(set) var items: [(temporary: URL, final: URL)] = []

        /// Renames every file into place.
        public func commit() throws {
            for item in items {
                guard rename(item.temporary.path, item.final.path) == 0 else {
                    throw SiteWriter.Failure(
                        description: "cannot move \(item.temporary.lastPathComponent) to \(item.final.path): \(String(cString: strerror(errno)))")
                }
            }
        }

        /// Removes the temporary files.
        public func discard() {
            for item in items { unlink(item.temporary.path) }
        }
    }

    /// Writes every file under a temporary name beside its destination; nothing is in place yet.
    public static func stage(_ files: [(url: URL, data: Data)], tag: String = "") throws -> Staged {
        var staged = Staged()
        do {
            for file in files {
                try FileManager.default.createDirectory(at: file.url.deletingLastPathComponent(), withIntermediateDirectories: true)
                let temporary = file.url.deletingLastPathComponent()
                    .appendingPathComponent(".\(file.url.lastPathComponent).handover-tmp-\(getpid())\(tag)")
                try file.data.withUnsafeBytes { try SiteWriter.writeFile(temporary.path, $0) }
                staged.items.append((temporary, file.url))
            }
        } catch {
            staged.discard()
            throw error
        }
        return staged
    }

    public static func write(_ files: [(url: URL, data: Data)]) throws {
        let staged = try stage(files)
        do {
            try staged.commit()
        } catch {
            staged.discard()
            throw error
        }
    }
}
