import Basics
import Diagnostics
import Charts
import Model
import SiteGraph

extension SiteRenderer {
    /// sitemap.xml needs absolute URLs: written only when site.yaml sets `base_url`.
    func sitemap() -> String? {
        guard let base = model.config.baseURL else { return nil }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in graph.pages where page.kind != .notFound {
            let path = page.outputPath == "index.html" ? "" : String(page.outputPath.dropLast("index.html".count))
            xml += "  <url><loc>\(xmlEscape(base + path))</loc>"
            if let time = model.buildTime { xml += "<lastmod>\(time.dayString)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }
}

/// XML text and attributes: the same escaping the charts use.
func xmlEscape(_ s: String) -> String { markupEscape(s) }
