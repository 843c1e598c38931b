import Basics
import Foundation
import Diagrams
import Markdown

/// A ```dot block of a note, laid out by Graphviz and shown as an inline diagram.
enum DotBlock {
    static func render(_ block: FencedCode, id: String, words: Messages) -> Result<String, Graphviz.Failure> {
        Graphviz.shared.svg(dot: block.code).map { svg in
            let label = graphLabel(block.code)
            let title = label ?? words["diagram.title"]
            let description = label.map { words("diagram.dotDescriptionLabel", ["label": $0]) } ?? words["diagram.dotDescription"]
            // The graph's label is drawn by Graphviz and names the SVG: no caption repeats it.
            return "<figure class=\"diagram-figure\">" + InlineSVG.make(svg, id: id, title: title, description: description)
                + "</figure>\n"
        }
    }

    /// The graph's own `label="…"` (outside any `[…]` of a node or edge), as the diagram's title.
    static func graphLabel(_ dot: String) -> String? {
        let chars = Array(dot)
        var depth = 0
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "[" { depth += 1 } else if c == "]" { depth = max(0, depth - 1) }
            if depth == 0, c == "l", String(chars[i..<min(chars.count, i + 5)]) == "label",
                i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "_")
            {
                var j = i + 5
                while j < chars.count, chars[j] == " " || chars[j] == "=" { j += 1 }
                if j < chars.count, chars[j] == "\"" {
                    var k = j + 1
                    var text = ""
                    while k < chars.count, chars[k] != "\"" {
                        if chars[k] == "\\", k + 1 < chars.count { k += 1 }
                        text.append(chars[k])
                        k += 1
                    }
                    return text.isEmpty ? nil : text
                }
            }
            i += 1
        }
        return nil
    }
}
