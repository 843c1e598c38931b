import Basics
import Diagnostics
import Charts
import Model
import SiteGraph
import Templates

/// `sitemap.xml` (`files/sitemap.xml`).
struct SitemapView: ViewModel {
    struct URL: ViewModel {
        var loc: String
        static let fields = ViewFields<Self>("a sitemap entry", [.value("loc") { $0.loc }])
    }

    var urls: [URL]
    var lastmod: String?

    static let fields = ViewFields<Self>(
        "the sitemap", [.models("urls") { $0.urls }, .value("lastmod") { $0.lastmod }])
}

extension SiteRenderer {
    /// sitemap.xml needs absolute URLs: written only when site.yaml sets `base_url`.
    func sitemap() -> String? {
        guard let base = model.config.baseURL else { return nil }
        let urls = graph.pages.filter { $0.kind != .notFound }.map { page in
            SitemapView.URL(loc: base + urlPath(page.outputPath == SitePath.home ? "" : String(page.outputPath.dropLast("index.html".count))))
        }
        return theme.render("files/sitemap.xml", SitemapView(urls: urls, lastmod: model.buildTime?.dayString))
    }
}
