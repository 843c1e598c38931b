import Basics
import Diagnostics
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
        body = canonicalClusters(body)
        body = body.replacingOccurrences(of: " id=\"", with: " id=\"\(id)-")
        // Fixed width and height in points: the viewBox alone lets CSS size it.
        if let tagEnd = body.range(of: ">") {
            // Graphviz breaks the tag over lines: one line, sized by its viewBox only.
            var attributes = String(body[body.index(body.startIndex, offsetBy: 4)..<tagEnd.lowerBound])
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            attributes = removeAttribute("width", from: " " + attributes)
            attributes = removeAttribute("height", from: attributes)
            let tag = "<svg class=\"diagram\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" focusable=\"false\"" + attributes
            let accessible = "><title id=\"\(id)-title\">\(markupEscape(title))</title><desc id=\"\(id)-desc\">\(markupEscape(description))</desc>"
            body = tag + accessible + String(body[tagEnd.upperBound...])
        }
        // Graphviz titles the graph with its name: the title above replaces it. An anonymous
        // graph is named `%N`, N counting the graphs its worker has read: never stable.
        if let graphTitle = body.range(of: "<title>architecture</title>") { body.removeSubrange(graphTitle) }
        if let open = body.range(of: "<title>%"), let close = body[open.upperBound...].range(of: "</title>"),
            body[open.upperBound..<close.lowerBound].allSatisfy(\.isNumber)
        {
            body.removeSubrange(open.lowerBound..<close.upperBound)
        }
        return body.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// cgraph orders named subgraphs by the address of their name, so clusters come out in an
    /// order that changes from run to run. Clusters do not overlap: putting them in name order,
    /// with ids from their names, makes the output the same every time.
    static func canonicalClusters(_ svg: String) -> String {
        var clusters: [(title: String, text: String)] = []
        var rest = svg
        var insertAt: String.Index?
        while let start = rest.range(of: "<g id=\"clust"), let end = rest.range(of: "</g>", range: start.upperBound..<rest.endIndex) {
            let block = String(rest[start.lowerBound..<end.upperBound])
            let title =
                block.range(of: "<title>").flatMap { t in
                    block.range(of: "</title>", range: t.upperBound..<block.endIndex).map { String(block[t.upperBound..<$0.lowerBound]) }
                } ?? ""
            clusters.append((title, block))
            let offset = rest.distance(from: rest.startIndex, to: start.lowerBound)
            rest.removeSubrange(start.lowerBound..<end.upperBound)
            if rest[rest.index(rest.startIndex, offsetBy: offset)...].hasPrefix("\n") {
                rest.remove(at: rest.index(rest.startIndex, offsetBy: offset))
            }
            if insertAt == nil { insertAt = rest.index(rest.startIndex, offsetBy: offset) }
        }
        guard let insertAt, !clusters.isEmpty else { return svg }
        let sorted = clusters.sorted { $0.title < $1.title }.map { cluster -> String in
            guard let idEnd = cluster.text.range(of: "\" class=\"cluster\"") else { return cluster.text }
            return "<g id=\"" + cluster.title + String(cluster.text[idEnd.lowerBound...])
        }
        var result = rest
        result.insert(contentsOf: sorted.joined(separator: "\n") + "\n", at: insertAt)
        return result
    }

    static func removeAttribute(_ name: String, from tag: String) -> String {
        guard let range = tag.range(of: " \(name)=\"") else { return tag }
        guard let end = tag[range.upperBound...].firstIndex(of: "\"") else { return tag }
        var t = tag
        t.removeSubrange(range.lowerBound...end)
        return t
    }
}
