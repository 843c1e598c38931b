import Foundation
/// Every SVG Handover puts inside a page passes through here: diagrams Graphviz wrote, charts,
/// badges. The SVG is parsed as XML (not searched with patterns) and written again from an
/// allow-list: elements outside it are dropped with everything inside them (`<script>`,
/// `<foreignObject>`, `<image>`, `<use>`, `<style>`…), attributes outside it and every `on…`
/// handler are dropped, every kept value is escaped again, links keep only relative or
/// `http(s):`/`mailto:` targets, and paint (`fill="url(#…)"`) may name only the SVG's own
/// gradients. Malformed XML is refused as a whole (nil): no guess at what a browser would make
/// of it.
public enum SVGSanitizer {
    static let elements: Set<String> = [
        "svg", "g", "title", "desc", "a", "path", "polygon", "polyline", "ellipse", "circle", "rect", "line",
        "text", "tspan", "defs", "lineargradient", "radialgradient", "stop", "clippath",
    ]
    static let attributes: Set<String> = [
        "id", "class", "role", "focusable", "viewbox", "width", "height", "x", "y", "x1", "y1", "x2", "y2",
        "cx", "cy", "r", "rx", "ry", "d", "points", "transform", "fill", "fill-opacity", "fill-rule", "stroke",
        "stroke-width", "stroke-dasharray", "stroke-opacity", "stroke-linecap", "stroke-linejoin",
        "stroke-miterlimit", "text-anchor", "dominant-baseline", "font-family", "font-size", "font-weight",
        "font-style", "text-decoration", "opacity", "offset", "stop-color", "stop-opacity", "gradientunits",
        "gradienttransform", "preserveaspectratio", "xmlns", "xmlns:xlink", "xml:space", "xlink:href", "href",
        "xlink:title", "target", "style", "aria-labelledby", "aria-label", "aria-hidden", "aria-describedby",
        "dx", "dy", "clip-path", "clippathunits", "baseline-shift", "letter-spacing", "vector-effect", "shape-rendering",
    ]
    static let targets: Set<String> = ["_blank", "_self", "_top", "_parent"]
    /// Most elements: an SVG larger than this is no diagram anyone reads.
    public static let maxElements = 200_000

    public static func sanitize(_ svg: String) -> String? {
        let b = Array(svg.utf8)
        var out = ""
        out.reserveCapacity(b.count)
        var open: [String] = []
        /// Inside a dropped element: its depth, and its content is dropped too.
        var skipping = 0
        var elementCount = 0
        var i = 0
        var textStart = 0
        func flushText(_ end: Int) {
            guard textStart < end, skipping == 0 else { return }
            out += escapeText(decodeEntities(String(decoding: b[textStart..<end], as: UTF8.self)))
        }
        while i < b.count {
            guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
            flushText(i)
            if starts(b, i, "<!--") {
                guard let end = find(b, "-->", from: i + 4) else { return nil }
                i = end + 3
            } else if starts(b, i, "<![CDATA[") {
                guard let end = find(b, "]]>", from: i + 9) else { return nil }
                if skipping == 0 { out += escapeText(String(decoding: b[(i + 9)..<end], as: UTF8.self)) }
                i = end + 3
            } else if starts(b, i, "<?") {
                guard let end = find(b, "?>", from: i + 2) else { return nil }
                i = end + 2
            } else if starts(b, i, "<!") {
                // A doctype; an internal subset (entity definitions) is refused outright.
                guard let end = b[i...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                if b[i..<end].contains(UInt8(ascii: "[")) { return nil }
                i = end + 1
            } else {
                guard let (tag, end) = HTMLSanitizer.parseTag(b, i) else { return nil }
                i = end
                // XML names keep their case on output; the allow-lists compare folded.
                let name = tag.name
                if tag.closing {
                    guard open.last == name else { return nil }
                    open.removeLast()
                    if skipping > 0 { skipping -= 1 } else { out += "</\(rawName(name))>" }
                } else {
                    elementCount += 1
                    guard elementCount <= maxElements else { return nil }
                    let allowed = skipping == 0 && elements.contains(name)
                    if !tag.selfClosing { open.append(name) }
                    if !allowed {
                        if !tag.selfClosing { skipping += 1 }
                    } else {
                        out += write(tag, name: name)
                    }
                }
            }
            textStart = i
        }
        flushText(b.count)
        guard open.isEmpty else { return nil }
        return out
    }

    /// camelCase SVG names that `HTMLSanitizer.parseTag` folded.
    static func rawName(_ name: String) -> String {
        switch name {
        case "lineargradient": return "linearGradient"
        case "radialgradient": return "radialGradient"
        case "viewbox": return "viewBox"
        case "gradientunits": return "gradientUnits"
        case "gradienttransform": return "gradientTransform"
        case "preserveaspectratio": return "preserveAspectRatio"
        case "clippath": return "clipPath"
        case "clippathunits": return "clipPathUnits"
        default: return name
        }
    }

    static func write(_ tag: HTMLSanitizer.Tag, name: String) -> String {
        var out = "<" + rawName(name)
        var seen = Set<String>()
        for (attribute, raw) in tag.attributes where seen.insert(attribute).inserted {
            guard attributes.contains(attribute), !attribute.hasPrefix("on"), let raw else { continue }
            let value = decodeEntities(raw)
            switch attribute {
            case "href", "xlink:href":
                guard name == "a", HTMLSanitizer.isSafeURL(value) else { continue }
            case "target":
                guard targets.contains(value) else { continue }
            case "fill", "stroke", "style", "clip-path":
                guard isSafePaint(value) else { continue }
            default:
                break
            }
            out += " \(rawName(attribute))=\"\(HTMLSanitizer.escapeAttribute(value))\""
        }
        return out + (tag.selfClosing ? "/>" : ">")
    }

    /// Paint and style may refer only to the SVG's own definitions: `url(#id)`, never a file or URL.
    static func isSafePaint(_ value: String) -> Bool {
        let lower = value.lowercased()
        if lower.contains("\\") || lower.contains("expression") || lower.contains("@import") || lower.contains("javascript") {
            return false
        }
        var rest = Substring(lower)
        while let range = rest.range(of: "url(") {
            let after = rest[range.upperBound...].drop { $0 == " " || $0 == "'" || $0 == "\"" }
            guard after.hasPrefix("#") else { return false }
            rest = after
        }
        return true
    }

    // MARK: - Bytes

    static func starts(_ b: [UInt8], _ i: Int, _ text: String) -> Bool {
        let t = Array(text.utf8)
        return i + t.count <= b.count && b[i..<(i + t.count)].elementsEqual(t)
    }

    static func find(_ b: [UInt8], _ text: String, from start: Int) -> Int? {
        let t = Array(text.utf8)
        var i = start
        while i + t.count <= b.count {
            if b[i] == t[0], b[i..<(i + t.count)].elementsEqual(t) { return i }
            i += 1
        }
        return nil
    }

    static func decodeEntities(_ text: String) -> String { HTMLSanitizer.decodeEntities(text) }

    static func escapeText(_ text: String) -> String { HTMLSanitizer.escapeText(text) }
}
