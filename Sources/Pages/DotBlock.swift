import Foundation
import Diagrams
import Markdown

/// A ```dot block of a note, laid out by Graphviz and shown as an inline diagram.
enum DotBlock {
    static func render(_ block: FencedCode, id: String) -> Result<String, Graphviz.Failure> {
        Graphviz.shared.svg(dot: block.code).map { svg in
            let label = graphLabel(block.code)
            let title = label ?? "Diagram"
            let description = "Diagram drawn from a Graphviz (DOT) block" + (label.map { ": \($0)" } ?? "")
            return "<figure class=\"diagram-figure\">" + InlineSVG.make(svg, id: id, title: title, description: description)
                + (label.map { "<figcaption>\(InlineSVG.escape($0))</figcaption>" } ?? "") + "</figure>\n"
        }
    }

    /// The graph's `label="…"`, when it sets one, as the diagram's title.
    static func graphLabel(_ dot: String) -> String? {
        for line in dot.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("label") || t.hasPrefix("graph [label") else { continue }
            guard let open = t.firstIndex(of: "\""), let close = t[t.index(after: open)...].firstIndex(of: "\"") else { continue }
            return String(t[t.index(after: open)..<close])
        }
        return nil
    }
}
