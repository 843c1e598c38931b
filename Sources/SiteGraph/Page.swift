import Model

/// One HTML page of the site, with where it is written and where it sits in the navigation.
public struct Page: Sendable {
    public enum Kind: Sendable, Equatable {
        case home
        case dashboard
        case report
        case architecture
        /// The API consumer guide, from the endpoints' OpenAPI files.
        case api
        /// One group of operations of a large API description (`APIGroups`).
        case apiGroup(endpoint: String, group: String)
        case lifecycle
        case stage(StageKind)
        case notesIndex
        /// A folder of notes; `index.md` gives its text when there is one.
        case section
        case note
        case incidents
        case incident
        case notFound
    }

    public var kind: Kind
    public var title: String
    /// Where the page is written, relative to the site root: `notes/data/index.html`.
    public var outputPath: String
    /// The Markdown file the page comes from, relative to `Content/`.
    public var sourcePath: String?
    /// The area of the site the page belongs to, for the navigation.
    public var area: Area
    /// Output paths of the pages above this one, outermost first (home excluded).
    public var ancestors: [String]
    /// A section of more notes than a page lists: which of its pages this is (1 for the first).
    public var pageNumber = 1

    public init(
        kind: Kind, title: String, outputPath: String, sourcePath: String? = nil,
        area: Area, ancestors: [String] = []
    ) {
        self.kind = kind
        self.title = title
        self.outputPath = outputPath
        self.sourcePath = sourcePath
        self.area = area
        self.ancestors = ancestors
    }

    /// The folders above the page: `notes/data/index.html` → 2.
    public var depth: Int { outputPath.reduce(0) { $0 + ($1 == "/" ? 1 : 0) } }
}

/// A folder under `notes/`: its notes and sub-folders, in reading order.
public struct NoteSection: Sendable {
    /// Relative to `Content/`: `notes/data`.
    public var path: String
    public var title: String
    public var weight: Int
    public var outputPath: String
    /// Indices into `SiteModel.notes`, `index.md` excluded.
    public var notes: [Int] = []
    public var subsections: [String] = []
    /// Index into `SiteModel.notes` of the folder's `index.md` (or `README.md`).
    public var indexNote: Int?
    public var parent: String?
    /// Files of the folder other than Markdown (documents, data, images), by content path, sorted.
    public var files: [String] = []
}
