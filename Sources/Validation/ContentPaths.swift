import Diagnostics
import Loading
import Model

/// Paths in the inputs are relative to `Content/` and must stay inside it.
enum ContentPaths {
    /// `notes/./a/../b.md` → `notes/b.md`; nil when the path climbs out of `Content/` or is absolute.
    static func normalize(_ path: String, relativeTo base: String = "") -> String? {
        if path.hasPrefix("/") || path.hasPrefix("\\") || path.contains("\\") { return nil }
        if path.count >= 2, path.dropFirst().first == ":" { return nil }  // C:…
        return ContentPath.resolve(path, relativeTo: base)
    }

    static func isExternalURL(_ s: String) -> Bool {
        let lower = s.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:")
    }
}

extension Fields {
    /// One path or a list of them (`azureml: [endpoint.yml, blue.yml, green.yml]`), each checked.
    mutating func contentPaths(_ key: String, _ d: inout DiagnosticBag, existing paths: Set<String>) -> [String] {
        guard let value = raw(key) else { return [] }
        if case .sequence(let items) = value.value {
            return items.compactMap { Self.checkedPath($0, key: key, context: context, &d, existing: paths, allowURL: false) }
        }
        return Self.checkedPath(value, key: key, context: context, &d, existing: paths, allowURL: false).map { [$0] } ?? []
    }

    /// A path relative to `Content/` that must name an existing file.
    mutating func contentPath(
        _ key: String, _ d: inout DiagnosticBag, existing paths: Set<String>,
        allowURL: Bool = false
    ) -> String? {
        guard let value = raw(key) else { return nil }
        return Self.checkedPath(value, key: key, context: context, &d, existing: paths, allowURL: allowURL)
    }

    static func checkedPath(
        _ value: YAMLNode, key: String, context: String, _ d: inout DiagnosticBag, existing paths: Set<String>, allowURL: Bool
    ) -> String? {
        guard let text = Self.string(value, context: "\(context).\(key)", &d) else { return nil }
        if allowURL, ContentPaths.isExternalURL(text) { return text }
        let (path, anchor) = splitAnchor(text)
        guard let normalized = ContentPaths.normalize(path) else {
            d.error(
                at: value.location, "\(context).\(key): path `\(text)` leaves Content/",
                hint: "paths are relative to Content/, e.g. notes/data.md")
            return nil
        }
        guard paths.contains(normalized) else {
            let hint =
                nearestName(to: normalized, in: paths).map { "did you mean `\($0)`?" }
                ?? "paths are relative to Content/"
            d.error(
                at: value.location, "\(context).\(key): expected an existing file under Content/, found `\(text)` (no such file)",
                hint: hint)
            return nil
        }
        return anchor.map { normalized + "#" + $0 } ?? normalized
    }
}

func splitAnchor(_ s: String) -> (String, String?) {
    guard let hash = s.firstIndex(of: "#") else { return (s, nil) }
    return (String(s[..<hash]), String(s[s.index(after: hash)...]))
}
