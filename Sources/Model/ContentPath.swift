/// Paths in the inputs, resolved the one way every stage agrees on.
public enum ContentPath {
    /// `notes/./a/../b.md` relative to `base` → `notes/b.md`; nil when `..` climbs above the root.
    public static func resolve(_ path: String, relativeTo base: String = "") -> String? {
        var parts = base.isEmpty ? [] : base.split(separator: "/").map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The folder a path is in: `notes/data/a.md` → `notes/data`; `a.md` → ``.
    public static func folder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }
}
