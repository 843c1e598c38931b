import Diagnostics

/// A rendered site held in memory with the intermediate results an incremental update reuses:
/// rendered Markdown bodies, each page's HTML and search entry, and the ids of linked pages.
public struct RenderedSite: Sendable {
    /// Every file, in the order a full build writes them.
    public internal(set) var files: [RenderedFile] = []
    /// How long each page took to render (templates, charts, diagrams), by output path.
    public internal(set) var pageSeconds: [String: Double] = [:]
    /// What rendering found: broken links and anchors, with their source locations.
    public internal(set) var diagnostics: [Diagnostic] = []

    /// Content paths of the bodies in rendering order (the order of their diagnostics).
    var bodyOrder: [String]
    var bodies: [String: SiteRenderer.Body]
    /// By index in `SiteGraph.pages`.
    var pageHTML: [String]
    var searchEntries: [String?]
    /// Each page's terms, for the sharded index of a large site (empty for a small one).
    var searchTerms: [PageTerms?] = []
    /// The index is in shards (`search/`), not one `search-index.js`.
    public internal(set) var searchSharded = false
    /// The `id`s on pages that Markdown links point into, by output path.
    var anchorIDs: [String: Set<String>] = [:]
    var fileIndex: [String: Int] = [:]
    /// Pages taken from the previous render as they were (`SiteRenderer.renderSite(reusing:changed:)`).
    public internal(set) var reusedPages = 0
    /// Set when pages changed but `search-index.js` was not assembled again yet.
    public internal(set) var searchIndexIsStale = false

    /// Bodies whose rendering found problems or that link to `#fragment`s.
    var bodiesWithFindings: Set<String>
    /// Position of each body in `bodyOrder`.
    var bodyPosition: [String: Int]
    let sidebarCache: SidebarCache

    init(
        bodyOrder: [String], bodies: [String: SiteRenderer.Body], pageHTML: [String], searchEntries: [String?],
        sidebarCache: SidebarCache
    ) {
        self.bodyOrder = bodyOrder
        self.bodies = bodies
        self.pageHTML = pageHTML
        self.searchEntries = searchEntries
        self.sidebarCache = sidebarCache
        bodyPosition = Dictionary(bodyOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        bodiesWithFindings = Set(bodies.filter { !$0.value.diagnostics.isEmpty || !$0.value.anchors.isEmpty }.keys)
    }

    mutating func setBody(_ body: SiteRenderer.Body, for contentPath: String) {
        bodies[contentPath] = body
        if body.diagnostics.isEmpty && body.anchors.isEmpty {
            bodiesWithFindings.remove(contentPath)
        } else {
            bodiesWithFindings.insert(contentPath)
        }
    }

    /// Whether the site has a rendered body for this Markdown file.
    public func hasBody(_ contentPath: String) -> Bool { bodies[contentPath] != nil }

    /// Every page's search entry, for assembling the index elsewhere (`SiteRenderer.searchIndexFiles`).
    public var searchEntriesForIndex: [String?] { searchEntries }
    public var searchTermsForIndex: [PageTerms?] { searchTerms }

    /// Puts a search index assembled elsewhere in place; `stale` when pages changed meanwhile.
    public mutating func installSearchIndex(_ files: [RenderedFile], stale: Bool) {
        for file in files {
            if let index = fileIndex[file.path] { self.files[index].contents = file.contents }
        }
        searchIndexIsStale = stale
    }

    /// The contents of the file at an output path.
    public func contents(of path: String) -> String? { fileIndex[path].map { files[$0].contents } }

    /// Replaces a file's contents; true when they differ.
    mutating func replace(_ path: String, with contents: String) -> Bool {
        guard let index = fileIndex[path] else { return false }
        guard files[index].contents != contents else { return false }
        files[index].contents = contents
        return true
    }
}
