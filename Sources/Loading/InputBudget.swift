/// The input budget every build runs under: a safety net behind the limits of each parser, so
/// that no input, however it is shaped, can make a build read without bound. Documented in the
/// README ("Limits"); a file past a limit is a located error naming the limit.
public enum InputBudget {
    /// Bytes of one file under `Content/` or `Templates/`.
    public static let maxFileBytes: Int64 = 128 << 20
    /// Bytes of all files under `Content/` together.
    public static let maxTotalBytes: Int64 = 2 << 30
    /// Bytes of one Markdown file: cmark-gfm is linear, but pages this long are a mistake.
    public static let maxMarkdownBytes = 8 << 20
}
