import Diagnostics
import Markdown
import Model
import SiteGraph

/// Rewrites the links of one Markdown body into relative site URLs and reports the broken ones.
///
/// A relative link resolves from the Markdown file's folder first, as on GitHub, then from
/// `Content/`, so that `notes/data.md` works from any file.
struct LinkResolver {
    let graph: SiteGraph
    let model: SiteModel
    let staticFiles: Set<String>
    /// The page the link is written on.
    let pageOutput: String
    let body: MarkdownBody

    /// A fragment that must exist on a page, checked once every page is rendered.
    struct AnchorCheck: Sendable {
        var outputPath: String
        var id: String
        var location: SourceLocation
        var written: String
    }

    func location(_ link: LinkReference) -> SourceLocation {
        SourceLocation(path: body.displayPath, line: link.line + body.lineOffset, column: link.column)
    }

    /// - Returns: the URL to write, or nil to keep the destination as written.
    /// - Parameter files: the published files (not pages) the body links to, appended to.
    func resolve(
        _ link: LinkReference, idPrefix: String, diagnostics: inout [Diagnostic],
        anchors: inout [AnchorCheck], files: inout [String]
    ) -> String? {
        let destination = link.destination
        if destination.isEmpty {
            // `[here]()`: a link that goes nowhere, most often one left to fill in.
            diagnostics.append(
                .warning(
                    at: location(link), "empty \(link.kind == .image ? "image source" : "link"): `()` leads nowhere",
                    hint: "write the page, file or URL between the parentheses, or remove the link"))
            return nil
        }
        if URLSafety.isUnsafe(destination) {
            diagnostics.append(
                .warning(
                    at: location(link), "unsafe link `\(destination.prefix(60))` removed",
                    hint: "javascript:, vbscript:, file: and data: links never reach the site"))
            return ""
        }
        if hasScheme(destination) || destination.hasPrefix("//") { return nil }
        if destination.hasPrefix("#") {
            let id = String(destination.dropFirst())
            anchors.append(AnchorCheck(outputPath: pageOutput, id: idPrefix + id, location: location(link), written: destination))
            return "#" + idPrefix + id
        }

        var path = destination
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = String(path[..<hash])
        }
        var query = ""
        if let q = path.firstIndex(of: "?") {
            query = String(path[q...])
            path = String(path[..<q])
        }
        path = percentDecoded(path)
        let folder = ContentPath.folder(of: body.contentPath)
        let fromRoot = path.hasPrefix("/")
        let bases = fromRoot ? [""] : (folder.isEmpty ? [""] : [folder, ""])
        var inside: [String] = []
        for base in bases {
            guard let resolved = ContentPath.resolve(fromRoot ? String(path.dropFirst()) : path, relativeTo: base) else { continue }
            inside.append(resolved)
            if let url = url(for: resolved, fragment: fragment, query: query, link: link, anchors: &anchors) {
                if staticFiles.contains(resolved), graph.target(forSource: resolved) == nil { files.append(resolved) }
                return url
            }
        }
        if inside.isEmpty {
            diagnostics.append(
                .error(
                    at: location(link), "link `\(destination)` leaves Content/",
                    hint: "link to pages and files inside Content/"))
            return ""
        }
        // The file is there but has errors of its own (reported with them): say so, not "no such page".
        if let broken = inside.first(where: { ($0.hasSuffix(".md") || $0.hasSuffix(".markdown")) && model.contentPaths.contains($0) }) {
            diagnostics.append(
                .error(
                    at: location(link), "link `\(destination)` leads to Content/\(broken), which is not published",
                    hint: "see the problems reported for Content/\(broken)"))
            return ""
        }
        let candidates = Array(graph.pages.compactMap(\.sourcePath)) + staticFiles
        let hint = nearestName(to: ContentPath.resolve(path, relativeTo: folder) ?? path, in: candidates).map { "did you mean `\($0)`?" }
        let what = path.hasSuffix(".md") ? "page" : "page or file"
        diagnostics.append(
            .error(
                at: location(link), "broken link: expected a \(what) under Content/, found `\(destination)` (no such \(what))",
                hint: hint ?? "links resolve from the file's folder, then from Content/"))
        return ""
    }

    private func url(
        for resolved: String, fragment: String?, query: String, link: LinkReference,
        anchors: inout [AnchorCheck]
    ) -> String? {
        var targetOutput: String?
        var targetFragment: String?
        var idPrefix = ""
        if let target = graph.target(forSource: resolved) {
            targetOutput = target.outputPath
            targetFragment = target.fragment
            if let f = target.fragment { idPrefix = f + "-" }
        } else if graph.page(at: resolved.isEmpty ? "index.html" : resolved + "/index.html") != nil {
            targetOutput = resolved.isEmpty ? "index.html" : resolved + "/index.html"
        } else if resolved.hasSuffix("/index.html") || resolved == "index.html", graph.page(at: resolved) != nil {
            targetOutput = resolved
        } else if staticFiles.contains(resolved) {
            return relativeURL(from: pageOutput, to: resolved) + query + (fragment.map { "#" + $0 } ?? "")
        }
        guard let targetOutput else { return nil }
        var url = relativeURL(from: pageOutput, to: targetOutput) + query
        if let fragment, !fragment.isEmpty {
            anchors.append(
                AnchorCheck(
                    outputPath: targetOutput, id: idPrefix + fragment, location: location(link),
                    written: link.destination))
            url += "#" + idPrefix + fragment
        } else if let targetFragment {
            url += "#" + targetFragment
        }
        return url
    }

    private func hasScheme(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":") else { return false }
        let scheme = s[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
            && scheme.first!.isLetter
    }
}
