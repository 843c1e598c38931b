import Foundation

/// Writes a set of files all or nothing: each is written beside its destination under a
/// temporary name, and only when every one is written are they renamed into place.
public enum AtomicFiles {
    public static func write(_ files: [(url: URL, data: Data)]) throws {
        var staged: [(temporary: URL, final: URL)] = []
        do {
            for file in files {
                try FileManager.default.createDirectory(at: file.url.deletingLastPathComponent(), withIntermediateDirectories: true)
                let temporary = file.url.deletingLastPathComponent()
                    .appendingPathComponent(".\(file.url.lastPathComponent).handover-tmp-\(getpid())")
                try file.data.withUnsafeBytes { try SiteWriter.writeFile(temporary.path, $0) }
                staged.append((temporary, file.url))
            }
            for item in staged {
                guard rename(item.temporary.path, item.final.path) == 0 else {
                    throw SiteWriter.Failure(description: "cannot move \(item.temporary.lastPathComponent) to \(item.final.path): \(String(cString: strerror(errno)))")
                }
            }
        } catch {
            for item in staged { unlink(item.temporary.path) }
            throw error
        }
    }
}
