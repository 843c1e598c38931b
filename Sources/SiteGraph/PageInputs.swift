/// The kinds of input an edit can change. Every page kind declares the ones it shows; a rebuild
/// renders again only the pages that show something that changed (`ChangeClassifier` in Build).
public enum InputKind: String, Hashable, Sendable, CaseIterable {
    /// The text of a Markdown body, its front matter and leading heading as they were.
    case markdownBody
    /// The front matter or leading heading of a Markdown file: titles, order, descriptions.
    case frontMatter
    /// `site.yaml`.
    case siteConfig
    /// `deployment.yaml`, `architecture.yaml`, `dashboard.yaml` and the files they import.
    case deploymentData
    /// Snapshots under `monitoring/`.
    case monitoring
    /// Template overrides under `Templates/`.
    case template
    /// Any other file under `Content/` that was there before and still is: copied, linked to.
    case asset
    /// A file or folder that appeared or went away.
    case structure
}

extension InputKind {
    /// What a rendered Markdown body depends on: its text, the pages and files its links resolve
    /// against, and the site's raw HTML setting. Not deployment data or monitoring.
    public static let markdownInputs: Set<InputKind> = [.markdownBody, .frontMatter, .siteConfig, .asset, .structure]
}

extension Page.Kind {
    /// The inputs a page of this kind shows. Notes and their sections show Markdown, titles and
    /// the site's settings, never deployment data or monitoring; every generated page may show anything.
    public var inputs: Set<InputKind> {
        switch self {
        case .note, .section, .notesIndex: return InputKind.markdownInputs.union([.template])
        default: return Set(InputKind.allCases)
        }
    }
}
