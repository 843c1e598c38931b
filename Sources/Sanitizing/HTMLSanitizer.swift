/// The allow-list that raw HTML in Markdown passes through with `raw_html: true`.
///
/// cmark-gfm hands raw HTML over as fragments: one tag a node inline, whole blocks otherwise.
/// Each fragment is tokenised (text, tags, comments) and written again: elements outside the list
/// are shown as text (`&lt;script&gt;`), so the author sees them; attributes outside the list and
/// every `on…` handler are dropped; URL attributes keep only safe schemes, judged the way a
/// browser parses them (entities decoded, tabs and newlines removed, case folded); every kept
/// attribute value is escaped again. Comments, doctypes and processing instructions are dropped.
public enum HTMLSanitizer {
    static let elements: Set<String> = [
        "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "center",
        "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
        "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd",
        "li", "mark", "nav", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small",
        "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
        "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
    ]
    static let attributes: Set<String> = [
        "abbr", "align", "alt", "border", "cellpadding", "cellspacing", "cite", "class", "color", "cols",
        "colspan", "datetime", "dir", "face", "headers", "height", "href", "hreflang", "id", "lang", "media",
        "name", "open", "rel", "reversed", "role", "rows", "rowspan", "scope", "size", "sizes", "span", "src",
        "srcset", "start", "style", "summary", "target", "title", "type", "valign", "value", "width",
    ]
    /// Attributes whose value a browser follows or loads.
    static let urlAttributes: Set<String> = ["href", "src", "cite", "srcset"]
    static let safeSchemes: Set<String> = ["http", "https", "mailto", "tel"]
    static let safeImageTypes = ["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"]

    public static func sanitize(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count)
        let bytes = Array(html.utf8)
        var i = 0
        var textStart = 0
        func flushText(upTo end: Int) {
            if textStart < end { out += String(decoding: bytes[textStart..<end], as: UTF8.self) }
        }
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            flushText(upTo: i)
            if let end = skipMarkupDeclaration(bytes, i) {
                i = end  // comment, doctype, CDATA, processing instruction: dropped
            } else if let (tag, end) = parseTag(bytes, i) {
                out += write(tag, original: String(decoding: bytes[i..<end], as: UTF8.self))
                i = end
            } else {
                out += "&lt;"
                i += 1
            }
            textStart = i
        }
        flushText(upTo: bytes.count)
        return out
    }

    struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var attributes: [(name: String, value: String?)]
    }

    static func write(_ tag: Tag, original: String) -> String {
        guard elements.contains(tag.name) else { return escapeText(original) }
        if tag.closing { return "</\(tag.name)>" }
        var out = "<" + tag.name
        var seen = Set<String>()
        for (name, raw) in tag.attributes where seen.insert(name).inserted {
            guard isAllowed(name) else { continue }
            let value = raw.map(decodeEntities) ?? ""
            if urlAttributes.contains(name), !isSafeURLAttribute(name, value, element: tag.name) { continue }
            if name == "style", !isSafeStyle(value) { continue }
            out += raw == nil ? " \(name)" : " \(name)=\"\(escapeAttribute(value))\""
        }
        return out + (tag.selfClosing ? " />" : ">")
    }

    static func isAllowed(_ name: String) -> Bool {
        if name.hasPrefix("on") { return false }
        return attributes.contains(name) || name.hasPrefix("aria-") || (name.hasPrefix("data-") && name.count > 5)
    }

    static func isSafeURLAttribute(_ name: String, _ value: String, element: String) -> Bool {
        guard name == "srcset" else { return isSafeURL(value, image: element == "img" || element == "source") }
        return value.split(separator: ",").allSatisfy { candidate in
            let url = candidate.split(separator: " ", omittingEmptySubsequences: true).first.map(String.init) ?? ""
            return isSafeURL(url, image: true)
        }
    }

    /// Whether a URL, as a browser reads it, is relative or of a scheme that neither runs code nor
    /// reads local files. Raster `data:` images are allowed where an image is loaded.
    public static func isSafeURL(_ value: String, image: Bool = false) -> Bool {
        // The URL parser strips leading and trailing C0 controls and spaces and removes every
        // tab and newline before it reads the scheme.
        let scalars = value.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        let trimmed = String(String.UnicodeScalarView(scalars.drop { $0.value <= 0x20 }))
        guard let delimiter = trimmed.firstIndex(where: { $0 == ":" || $0 == "/" || $0 == "?" || $0 == "#" }),
            trimmed[delimiter] == ":"
        else { return true }  // relative
        let scheme = trimmed[..<delimiter].lowercased()
        if safeSchemes.contains(scheme) { return true }
        if image, scheme == "data" {
            let lower = trimmed.lowercased()
            return safeImageTypes.contains { lower.hasPrefix($0 + ";") || lower.hasPrefix($0 + ",") }
        }
        return false
    }

    /// Style may size and colour; it may not load anything (`url(`, `@import`) or run old IE
    /// `expression(`. CSS escapes could hide either, so a backslash rejects the value too.
    static func isSafeStyle(_ value: String) -> Bool {
        let lower = value.lowercased()
        return !lower.contains("url(") && !lower.contains("expression") && !lower.contains("@import")
            && !lower.contains("\\") && !lower.contains("javascript") && !lower.contains("behavior")
    }

    // MARK: - Tokens

    static func isNameByte(_ b: UInt8) -> Bool {
        !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D || b == UInt8(ascii: "/")
            || b == UInt8(ascii: ">") || b == UInt8(ascii: "=") || b == 0)
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }

    /// `<!-- … -->`, `<!DOCTYPE …>`, `<![CDATA[ … ]]>`, `<? … ?>`: the index after it, or nil.
    static func skipMarkupDeclaration(_ b: [UInt8], _ start: Int) -> Int? {
        guard start + 1 < b.count, b[start + 1] == UInt8(ascii: "!") || b[start + 1] == UInt8(ascii: "?") else { return nil }
        let rest = b[(start + 1)...]
        let terminator: [UInt8]
        if rest.starts(with: Array("!--".utf8)) {
            terminator = Array("-->".utf8)
        } else if rest.starts(with: Array("![CDATA[".utf8)) {
            terminator = Array("]]>".utf8)
        } else {
            terminator = [UInt8(ascii: ">")]
        }
        var i = start + 2
        while i + terminator.count <= b.count {
            if b[i..<(i + terminator.count)].elementsEqual(terminator) { return i + terminator.count }
            i += 1
        }
        return b.count  // unclosed: the rest is part of it
    }

    /// A start or end tag at `start` (`<` ), or nil when the `<` does not open one.
    static func parseTag(_ b: [UInt8], _ start: Int) -> (Tag, Int)? {
        var i = start + 1
        var closing = false
        if i < b.count, b[i] == UInt8(ascii: "/") { closing = true; i += 1 }
        guard i < b.count, (b[i] | 0x20) >= UInt8(ascii: "a"), (b[i] | 0x20) <= UInt8(ascii: "z") else { return nil }
        let nameStart = i
        while i < b.count, isNameByte(b[i]) { i += 1 }
        let name = String(decoding: b[nameStart..<i], as: UTF8.self).lowercased()
        var attributes: [(String, String?)] = []
        var selfClosing = false
        while i < b.count {
            while i < b.count, isSpace(b[i]) { i += 1 }
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: ">") { return (Tag(name: name, closing: closing, selfClosing: selfClosing, attributes: attributes), i + 1) }
            if b[i] == UInt8(ascii: "/") { selfClosing = true; i += 1; continue }
            selfClosing = false
            let attributeStart = i
            i += 1  // a name may start with `=` (the spec allows it); never loop in place
            while i < b.count, isNameByte(b[i]) { i += 1 }
            let attributeName = String(decoding: b[attributeStart..<i], as: UTF8.self).lowercased()
            var j = i
            while j < b.count, isSpace(b[j]) { j += 1 }
            guard j < b.count, b[j] == UInt8(ascii: "=") else {
                attributes.append((attributeName, nil))
                continue
            }
            j += 1
            while j < b.count, isSpace(b[j]) { j += 1 }
            guard j < b.count else { return nil }
            if b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
                let quote = b[j]
                guard let close = b[(j + 1)...].firstIndex(of: quote) else { return nil }
                attributes.append((attributeName, String(decoding: b[(j + 1)..<close], as: UTF8.self)))
                i = close + 1
            } else {
                let valueStart = j
                while j < b.count, !isSpace(b[j]), b[j] != UInt8(ascii: ">") { j += 1 }
                attributes.append((attributeName, String(decoding: b[valueStart..<j], as: UTF8.self)))
                i = j
            }
        }
        return nil
    }

    // MARK: - Entities

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "colon": ":",
        "tab": "\t", "newline": "\n", "lpar": "(", "rpar": ")", "sol": "/", "num": "#", "quest": "?",
        "period": ".", "comma": ",", "semi": ";", "equals": "=", "excl": "!", "percnt": "%", "bsol": "\\",
    ]

    /// Character references as a browser decodes them in an attribute value: numeric ones with or
    /// without `;`, named ones with `;`. An unknown name is kept as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "&" else { out.unicodeScalars.append(scalars[i]); i += 1; continue }
            var j = i + 1
            if j < scalars.count, scalars[j] == "#" {
                j += 1
                let hex = j < scalars.count && (scalars[j] == "x" || scalars[j] == "X")
                if hex { j += 1 }
                let digitsStart = j
                var value: UInt32 = 0
                while j < scalars.count, let digit = hexValue(scalars[j], hex: hex), j - digitsStart < 8 {
                    value = value * (hex ? 16 : 10) + digit
                    j += 1
                }
                if j > digitsStart {
                    if j < scalars.count, scalars[j] == ";" { j += 1 }
                    out.unicodeScalars.append(Unicode.Scalar(value).flatMap { $0.value == 0 ? nil : $0 } ?? "\u{FFFD}")
                    i = j
                    continue
                }
            } else {
                while j < scalars.count, j - i < 12, scalars[j].properties.isAlphabetic || ("0"..."9").contains(scalars[j]) { j += 1 }
                if j < scalars.count, scalars[j] == ";",
                    let replacement = namedEntities[String(String.UnicodeScalarView(scalars[(i + 1)..<j])).lowercased()]
                {
                    out += replacement
                    i = j + 1
                    continue
                }
            }
            out.unicodeScalars.append(scalars[i])
            i += 1
        }
        return out
    }

    static func hexValue(_ s: Unicode.Scalar, hex: Bool) -> UInt32? {
        switch s {
        case "0"..."9": return s.value - 48
        case "a"..."f" where hex: return s.value - 87
        case "A"..."F" where hex: return s.value - 55
        default: return nil
        }
    }

    static func escapeAttribute(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for c in value.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func escapeText(_ value: String) -> String {
        var out = ""
        for c in value.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
