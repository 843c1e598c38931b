import Diagnostics
import Model
import Pages
import SiteGraph

/// Follows every relative `href` and `src` of the rendered site and checks that its file and
/// its `#fragment` exist: what `handover check` promises, whatever template produced the link.
enum OutputLinkChecker {
    /// - Parameter origins: each page's source or template, where a problem is reported.
    static func check(_ files: [RenderedFile], staticFiles: Set<String>, origins: [String: String] = [:]) -> [Diagnostic] {
        var paths = Set(files.map(\.path))
        paths.formUnion(staticFiles)
        var idsByPage: [String: Set<String>] = [:]
        for file in files where file.path.hasSuffix(".html") {
            idsByPage[file.path] = attributeValues("id", in: file.contents)
        }
        var diagnostics: [Diagnostic] = []
        for file in files where file.path.hasSuffix(".html") && file.path != "404.html" {
            let folder = ContentPath.folder(of: file.path)
            let origin = SourceLocation(path: origins[file.path] ?? "Templates")
            var reported = Set<String>()
            for url in attributeValues("href", in: file.contents).union(attributeValues("src", in: file.contents)) {
                guard !url.isEmpty, !isExternal(url) else { continue }
                var path = url
                var fragment: String?
                if let hash = path.firstIndex(of: "#") {
                    fragment = String(path[path.index(after: hash)...])
                    path = String(path[..<hash])
                }
                if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
                path = percentDecoded(path)
                let target = path.isEmpty ? file.path : resolve(path, from: folder)
                guard let target, paths.contains(target) else {
                    if reported.insert(url).inserted {
                        diagnostics.append(
                            .error(at: origin, "page \(file.path): link `\(url)` leads to no file of the site"))
                    }
                    continue
                }
                if let fragment, !fragment.isEmpty, let ids = idsByPage[target], !ids.contains(fragment) {
                    if reported.insert(url).inserted {
                        diagnostics.append(
                            .error(at: origin, "page \(file.path): link `\(url)` names an anchor that \(target) does not have"))
                    }
                }
            }
        }
        return diagnostics
    }

    static func isExternal(_ url: String) -> Bool {
        if url.hasPrefix("//") { return true }
        guard let colon = url.firstIndex(of: ":") else { return false }
        return url[..<colon].allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    static func resolve(_ path: String, from folder: String) -> String? {
        guard var result = ContentPath.resolve(path, relativeTo: folder) else { return nil }
        if path.hasSuffix("/") { result += result.isEmpty ? "index.html" : "/index.html" }
        return result
    }

    static func attributeValues(_ name: String, in html: String) -> Set<String> {
        var result = Set<String>()
        let needle = " \(name)=\""
        var rest = html[...]
        while let range = rest.firstRange(of: needle) {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            result.insert(decodeEntities(String(after[..<end])))
            rest = after[end...]
        }
        return result
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingAll("&amp;", with: "&").replacingAll("&#39;", with: "'").replacingAll("&quot;", with: "\"")
    }
}
