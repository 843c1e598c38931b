import Foundation
/// Graphviz's SVG document made fit to sit inside a page: no XML prolog or comments, a title and
/// a description for screen readers, ids prefixed so that several diagrams share a page, and a
/// viewBox without fixed size so that it scales.
public enum InlineSVG {
    public static func make(_ svg: String, id: String, title: String, description: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        var body = String(svg[start.lowerBound...])
        // Drop Graphviz's comments (they name the graph and node ids, nothing for readers).
        while let open = body.range(of: "<!--"), let close = body[open.upperBound...].range(of: "-->") {
            body.removeSubrange(open.lowerBound..<close.upperBound)
        }
        body = body.replacingOccurrences(of: " id=\"", with: " id=\"\(id)-")
        // Fixed width and height in points: the viewBox alone lets CSS size it.
        if let tagEnd = body.range(of: ">") {
            var tag = String(body[body.startIndex..<tagEnd.lowerBound])
            tag = removeAttribute("width", from: tag)
            tag = removeAttribute("height", from: tag)
            tag += " class=\"diagram\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" focusable=\"false\""
            let accessible = "><title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc>"
            body = tag + accessible + String(body[tagEnd.upperBound...])
        }
        // Graphviz titles the graph with its name: the title above replaces it.
        if let graphTitle = body.range(of: "<title>architecture</title>") { body.removeSubrange(graphTitle) }
        return body.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func removeAttribute(_ name: String, from tag: String) -> String {
        guard let range = tag.range(of: " \(name)=\"") else { return tag }
        guard let end = tag[range.upperBound...].firstIndex(of: "\"") else { return tag }
        var t = tag
        t.removeSubrange(range.lowerBound...end)
        return t
    }

    public static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
