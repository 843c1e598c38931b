import Foundation

/// Where a site may be written: the check made before anything is deleted or swapped.
///
/// A `.handover-site` marker only proves that Handover wrote a folder, never that replacing it
/// is safe: the project, `Content/` or `Templates/` may have been moved or cloned into it. So the
/// real paths (symbolic links resolved) are compared, whatever marker is there.
public enum OutputPlacement {
    public struct Refusal: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// The real folder the site goes to. `output` may be a symbolic link (`_site -> /srv/www/site`):
    /// the site is then built beside the link's target and swapped in there, and the link stays.
    ///
    /// Refused: OUT equal to, or an ancestor of, the project folder, `Content/` or `Templates/`;
    /// OUT inside `Content/` or `Templates/` (inside the project is fine: that is `_site`); OUT the
    /// filesystem root, the home folder or an ancestor of it.
    public static func resolve(
        output: URL, project: URL,
        home: String? = ProcessInfo.processInfo.environment["HOME"]
    ) throws(Refusal) -> URL {
        let out = realPath(output.path)
        let projectPath = realPath(project.path)
        let protected = [
            ("the project folder", projectPath),
            ("Content/", realPath(project.appendingPathComponent("Content").path)),
            ("Templates/", realPath(project.appendingPathComponent("Templates").path)),
        ]
        let shown = output.path == out ? out : "\(output.path) (\(out))"
        if out == "/" {
            throw Refusal(description: "refusing to write the site to the filesystem root; choose an output folder of its own with -o")
        }
        if let home, !home.isEmpty, home != "/" {
            let homePath = realPath(home)
            if out == homePath || isInside(homePath, out) {
                throw Refusal(
                    description: "refusing to write the site to \(shown): it is your home folder or holds it; choose an output folder of its own with -o")
            }
        }
        for (name, path) in protected {
            if out == path {
                throw Refusal(
                    description:
                        "refusing to write the site to \(shown): it is \(name), which a build would replace; choose another output with -o (default: DIR/_site)"
                )
            }
            if isInside(path, out) {
                throw Refusal(
                    description:
                        "refusing to write the site to \(shown): it holds \(name) (\(path)), which a build would delete; choose an output folder outside the project, or DIR/_site"
                )
            }
            if name != "the project folder", isInside(out, path) {
                throw Refusal(
                    description:
                        "refusing to write the site to \(shown): it lies inside \(name), so every build would read the last one; choose an output outside \(name), such as DIR/_site"
                )
            }
        }
        return URL(fileURLWithPath: out, isDirectory: true)
    }

    /// Whether `path` lies strictly inside `folder` (both real, absolute, without trailing slash).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" ? path != "/" : path.hasPrefix(folder + "/")
    }

    /// The real absolute path of `path`: every symbolic link resolved, also a dangling one and in
    /// the parts that do not exist yet (they are kept as written), `.` and `..` applied after.
    public static func realPath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var pending = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        pending.reverse()  // a stack: the next component last
        var resolved: [String] = []
        var hops = 0
        while let component = pending.popLast() {
            if component == "." { continue }
            if component == ".." { _ = resolved.popLast(); continue }
            let candidate = "/" + (resolved + [component]).joined(separator: "/")
            var info = stat()
            if lstat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, hops < 40 {
                hops += 1
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let count = readlink(candidate, &buffer, buffer.count - 1)
                if count > 0 {
                    let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                    if target.hasPrefix("/") { resolved = [] }
                    for part in target.split(separator: "/", omittingEmptySubsequences: true).reversed() {
                        pending.append(String(part))
                    }
                    continue
                }
            }
            resolved.append(component)
        }
        return "/" + resolved.joined(separator: "/")
    }
}
