/// `site.yaml`: the site and the project it documents.
public struct SiteConfig: Sendable {
    public var title: String
    public var description: String?
    public var customer: String?
    public var project: String?
    public var team: [TeamMember] = []
    /// Absolute URL the site is published at; only sitemap and feed use it, every page link stays relative.
    public var baseURL: String?
    public var language: String = "en"
    /// `raw_html: true`: raw HTML in Markdown is let through an allow-list sanitiser.
    public var rawHTML: Bool = false
    /// `raw_html: unsafe`: raw HTML is let through as written, scripts and all.
    public var rawHTMLUnsafe: Bool = false
    public var contact: String?

    public init(title: String) { self.title = title }
}

public struct TeamMember: Sendable {
    public var name: String
    public var role: String?
    public var email: String?

    public init(name: String, role: String? = nil, email: String? = nil) {
        self.name = name
        self.role = role
        self.email = email
    }
}
