import Diagnostics

/// A rendered site held in memory with the intermediate results an incremental update reuses:
/// rendered Markdown bodies, each page's HTML and search entry, and the ids of linked pages.
public struct RenderedSite: Sendable {
    /// Every file, in the order a full build writes them.
    public internal(set) var files: [RenderedFile] = []
    /// What rendering found: broken links and anchors, with their source locations.
    public internal(set) var diagnostics: [Diagnostic] = []

    /// Content paths of the bodies in rendering order (the order of their diagnostics).
    var bodyOrder: [String]
    var bodies: [String: SiteRenderer.Body]
    /// By index in `SiteGraph.pages`.
    var pageHTML: [String]
    var searchEntries: [String?]
    /// The `id`s on pages that Markdown links point into, by output path.
    var anchorIDs: [String: Set<String>] = [:]
    var fileIndex: [String: Int] = [:]

    init(bodyOrder: [String], bodies: [String: SiteRenderer.Body], pageHTML: [String], searchEntries: [String?]) {
        self.bodyOrder = bodyOrder
        self.bodies = bodies
        self.pageHTML = pageHTML
        self.searchEntries = searchEntries
    }

    /// Whether the site has a rendered body for this Markdown file.
    public func hasBody(_ contentPath: String) -> Bool { bodies[contentPath] != nil }

    /// Replaces a file's contents; true when they differ.
    mutating func replace(_ path: String, with contents: String) -> Bool {
        guard let index = fileIndex[path] else { return false }
        guard files[index].contents != contents else { return false }
        files[index].contents = contents
        return true
    }
}
