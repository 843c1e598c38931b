import Diagnostics
import Foundation

/// Everything read from a project's folder, parsed into located values but not yet checked.
public struct LoadedContent: Sendable {
    /// `Content/site.yaml` and its siblings, keyed by file name (`site.yaml`).
    public var yamlFiles: [String: YAMLDocument] = [:]
    /// Every Markdown file, sorted by path.
    public var markdown: [MarkdownSource] = []
    /// Files copied to the site as they are (under `assets/`, and images beside notes).
    public var staticFiles: [StaticFile] = []
    /// Every file under `Content/`, by its path relative to `Content/`: what paths in the inputs may name.
    public var allPaths: Set<String> = []
    /// Snapshot files under `monitoring/`, raw.
    public var monitoring: [DataFile] = []
    /// `monitoring/**/NAME.queries.yaml`: the expression each pulled snapshot beside it answers.
    public var queryManifests: [YAMLDocument] = []
    /// Files that `deployment.yaml` names for import (MLmodel, model card, OpenAPI, Azure ML YAML),
    /// as text, by path relative to `Content/`.
    public var referencedFiles: [String: String] = [:]
    /// Files of the project's own `Templates/` folder, by path relative to it.
    public var templateOverrides: [String: String] = [:]

    public init() {}
}

public struct YAMLDocument: Sendable {
    /// Relative to `Content/`.
    public var contentPath: String
    /// Relative to the project directory, as diagnostics print it.
    public var displayPath: String
    /// nil for an empty file.
    public var root: YAMLNode?

    public init(contentPath: String, displayPath: String, root: YAMLNode?) {
        self.contentPath = contentPath
        self.displayPath = displayPath
        self.root = root
    }
}

public struct MarkdownSource: Sendable {
    public var contentPath: String
    public var displayPath: String
    public var frontMatter: YAMLNode?
    public var body: String
    /// Lines before the body in the file.
    public var bodyLineOffset: Int
    /// The front matter as written: a later edit that leaves it alone changed only the body.
    public var frontMatterText: String?

    public init(contentPath: String, displayPath: String, frontMatter: YAMLNode?, body: String, bodyLineOffset: Int) {
        self.contentPath = contentPath
        self.displayPath = displayPath
        self.frontMatter = frontMatter
        self.body = body
        self.bodyLineOffset = bodyLineOffset
    }
}

public struct StaticFile: Sendable {
    public var contentPath: String
    public var sourceURL: URL
    /// The size published: what a folder's page lists beside the file.
    public var bytes: Int
    /// What is published instead of the file's bytes: an SVG after `SVGSanitizer` (an SVG opened
    /// from the site runs its scripts with the site's origin).
    public var sanitized: Data?

    public init(contentPath: String, sourceURL: URL, bytes: Int = 0, sanitized: Data? = nil) {
        self.contentPath = contentPath
        self.sourceURL = sourceURL
        self.bytes = bytes
        self.sanitized = sanitized
    }
}

public struct DataFile: Sendable {
    public var contentPath: String
    public var displayPath: String
    public var data: Data
}
