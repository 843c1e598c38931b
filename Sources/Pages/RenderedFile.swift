/// A file of the finished site, as text.
public struct RenderedFile: Sendable {
    /// Relative to the site root.
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
