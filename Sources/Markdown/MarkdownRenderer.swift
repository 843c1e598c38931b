import Basics
import Sanitizing
import CCmarkGFM
import Foundation

/// Renders GitHub-flavoured Markdown to HTML through cmark-gfm: tables, task lists,
/// strikethrough, autolinks, footnotes, heading anchors; links rewritten by the caller.
public enum MarkdownRenderer {
    /// cmark-gfm's parser keeps global state (its inline-character tables), so two parses
    /// on different threads corrupt each other: parses take turns; everything else runs in parallel.
    private static let parseLock = NSLock()
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// - Parameters:
    ///   - rewriteLink: called for each link and image destination, in document order; returns the
    ///     destination to write, or nil to keep it as written.
    ///   - renderCodeBlock: called for each fenced code block with an info string (```dot);
    ///     returns the HTML to show instead (a diagram), or nil to show the code.
    public static func render(
        _ text: String, options: MarkdownOptions = MarkdownOptions(),
        rewriteLink: (LinkReference) -> String? = { _ in nil },
        renderCodeBlock: (FencedCode) -> String? = { _ in nil }
    ) -> RenderedMarkdown {
        _ = registered
        var parseOptions = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES
        if options.rawHTML { parseOptions |= CMARK_OPT_UNSAFE }

        parseLock.lock()
        guard let parser = cmark_parser_new(parseOptions) else {
            parseLock.unlock()
            return RenderedMarkdown(html: "", headings: [], summary: "", sections: [], droppedHTML: [])
        }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        text.utf8CString.withUnsafeBufferPointer { buffer in
            cmark_parser_feed(parser, buffer.baseAddress, buffer.count - 1)
        }
        let document = cmark_parser_finish(parser)
        parseLock.unlock()
        defer {
            cmark_node_free(document)
            cmark_parser_free(parser)
        }
        guard let document else { return RenderedMarkdown(html: "", headings: [], summary: "", sections: [], droppedHTML: []) }
        // Nodes taken out of the tree are freed only after the HTML is rendered: the literals of
        // inline nodes point into their block's buffer (cmark-gfm's chunks do not own their
        // bytes), so freeing a heading while its children live on elsewhere leaves them reading
        // freed memory: `## <a name="goal"></a>Goal` wrote random bytes and dropped the page.
        var detached: [OpaquePointer] = []
        defer { detached.forEach { cmark_node_free($0) } }

        // Collect first, change after: editing the tree under a live iterator is undefined.
        var headingNodes: [OpaquePointer] = []
        var linkNodes: [(node: OpaquePointer, kind: LinkReference.Kind)] = []
        var codeNodes: [OpaquePointer] = []
        var htmlNodes: [OpaquePointer] = []
        let sanitizeHTML = options.rawHTML && !options.rawHTMLUnsafe
        var firstParagraph: OpaquePointer?
        // Text for search, cut into the parts each heading starts.
        var sectionTexts: [String] = [""]
        var inHeading = false
        let iterator = cmark_iter_new(document)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT {
                if type == CMARK_NODE_HEADING {
                    inHeading = false
                } else if type.rawValue & 0xC000 == 0x8000, !inHeading {
                    // The end of any block, table cells too: "Name Value", not "NameValue".
                    sectionTexts[sectionTexts.count - 1] += " "
                }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                // Up to four bytes a character: enough for `searchTextLimit` characters of any script.
                if !inHeading, sectionTexts[sectionTexts.count - 1].utf8.count < options.searchTextLimit * 4,
                    let literal = cmark_node_get_literal(node)
                {
                    sectionTexts[sectionTexts.count - 1] += String(cString: literal)
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                if !inHeading { sectionTexts[sectionTexts.count - 1] += " " }
            default: break
            }
            switch type {
            case CMARK_NODE_HEADING:
                headingNodes.append(node)
                inHeading = true
                sectionTexts.append("")
            case CMARK_NODE_LINK: linkNodes.append((node, .link))
            case CMARK_NODE_IMAGE: linkNodes.append((node, .image))
            case CMARK_NODE_PARAGRAPH where firstParagraph == nil: firstParagraph = node
            case CMARK_NODE_CODE_BLOCK:
                if let info = cmark_node_get_fence_info(node), info.pointee != 0 { codeNodes.append(node) }
            case CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK:
                if sanitizeHTML || !options.rawHTML { htmlNodes.append(node) }
            default: break
            }
        }
        cmark_iter_free(iterator)

        let columns = ColumnMap(text)
        var droppedHTML: [DroppedHTML] = []
        for node in htmlNodes {
            // Copied out, sanitised, and set back as a string the node owns.
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            if !options.rawHTML {
                // cmark writes `<!-- raw HTML omitted -->`: the author learns where and what.
                let line = Int(cmark_node_get_start_line(node))
                let column = columns.characterColumn(line: line, byteColumn: Int(cmark_node_get_start_column(node)))
                droppedHTML.append(DroppedHTML(snippet: literal, line: line, column: column))
                continue
            }
            let clean = HTMLSanitizer.sanitize(literal)
            if clean != literal { cmark_node_set_literal(node, clean) }
        }

        for node in codeNodes {
            let info = String(cString: cmark_node_get_fence_info(node)).split(separator: " ").first.map(String.init) ?? ""
            let code = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            let block = FencedCode(info: info, code: code, line: Int(cmark_node_get_start_line(node)))
            guard let html = renderCodeBlock(block), let custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            // A custom block writes its text as it is, also in safe mode: the caller made it safe.
            cmark_node_set_on_enter(custom, html)
            cmark_node_set_on_exit(custom, "")
            cmark_node_insert_before(node, custom)
            cmark_node_unlink(node)
            detached.append(node)
        }

        for (node, kind) in linkNodes {
            let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let reference = LinkReference(
                destination: destination, kind: kind,
                line: Int(cmark_node_get_start_line(node)),
                column: columns.characterColumn(
                    line: Int(cmark_node_get_start_line(node)), byteColumn: Int(cmark_node_get_start_column(node))))
            if let replacement = rewriteLink(reference) {
                cmark_node_set_url(node, replacement)
            } else if URLSafety.isUnsafe(destination) {
                // Belt and braces: cmark drops javascript: in safe mode; keep it out in raw mode too.
                cmark_node_set_url(node, "")
            }
        }

        // A leading `# Title` the page already shows as its own heading: taken out, its section's
        // text joins the body's first.
        if let title = options.pageTitle, let first = cmark_node_first_child(document), first == headingNodes.first,
            cmark_node_get_heading_level(first) == 1, Self.sameTitle(plainText(of: first), title)
        {
            headingNodes.removeFirst()
            sectionTexts[0] += sectionTexts.remove(at: 1)
            cmark_node_unlink(first)
            detached.append(first)
        }
        let highest = headingNodes.map { Int(cmark_node_get_heading_level($0)) }.min() ?? options.headingBase
        let shift = max(0, options.headingBase - highest)

        var slugs = SlugSet()
        var headings: [Heading] = []
        for node in headingNodes {
            let level = min(6, Int(cmark_node_get_heading_level(node)) + shift)
            let text = plainText(of: node)
            let id = options.headingIDPrefix + slugs.unique(for: text)
            headings.append(Heading(level: level, text: text, id: id))
            replaceHeading(node, level: level, id: id, linkTitle: options.permalinkTitle)
            detached.append(node)
        }
        let summary = firstParagraph.map { plainText(of: $0) } ?? ""

        var renderOptions = CMARK_OPT_FOOTNOTES
        if options.rawHTML { renderOptions |= CMARK_OPT_UNSAFE }
        let html: String
        if let cString = cmark_render_html(document, renderOptions, cmark_parser_get_syntax_extensions(parser)) {
            html = String(cString: cString)
            free(cString)
        } else {
            html = ""
        }
        let sections = sectionTexts.enumerated().map { i, text in
            TextSection(heading: i == 0 ? nil : headings[i - 1], text: collapseSpaces(text, limit: options.searchTextLimit))
        }
        return RenderedMarkdown(
            html: TaskListMarkup.accessible(html), headings: headings, summary: summary, sections: sections, droppedHTML: droppedHTML)
    }

    /// Whether a heading says what a title says, markup and case aside (`# Project *Charter*`).
    static func sameTitle(_ heading: String, _ title: String) -> Bool {
        func plain(_ s: String) -> String {
            s.lowercased().filter { !"*_`~".contains($0) }.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return plain(heading) == plain(title)
    }

    /// Runs of white space as one space, cut at `limit` bytes (on a character boundary).
    static func collapseSpaces(_ text: String, limit: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(min(text.utf8.count, limit + 4))
        var lastSpace = true
        // Characters (code points), not bytes: a Korean section keeps as many as an English one.
        var characters = 0
        for byte in text.utf8 {
            if byte == 32 || byte == 10 || byte == 9 || byte == 13 {
                if !lastSpace {
                    out.append(32)
                    characters += 1
                }
                lastSpace = true
            } else {
                // Stop only between characters: never inside a UTF-8 sequence.
                if byte & 0xC0 != 0x80 {
                    if characters >= limit { break }
                    characters += 1
                }
                out.append(byte)
                lastSpace = false
            }
        }
        if out.last == 32 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// The caller frees `heading` after rendering (its children's text lives in its buffer).
    /// Swaps a heading for a custom inline that writes `<hN id="…">` and a permalink, inside an
    /// empty custom block: cmark-gfm has no heading ids of its own, and a custom block alone
    /// would put line breaks around the heading's text.
    private static func replaceHeading(_ heading: OpaquePointer, level: Int, id: String, linkTitle: String) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK),
            let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
        else { return }
        cmark_node_set_on_enter(block, "")
        cmark_node_set_on_exit(block, "")
        cmark_node_set_on_enter(inline, "<h\(level) id=\"\(id)\">")
        cmark_node_set_on_exit(inline, "<a class=\"headerlink\" href=\"#\(id)\" title=\"\(markupEscape(linkTitle))\">¶</a></h\(level)>")
        while let child = cmark_node_first_child(heading) {
            cmark_node_unlink(child)
            cmark_node_append_child(inline, child)
        }
        cmark_node_append_child(block, inline)
        cmark_node_replace(heading, block)
    }

    /// The text a reader sees in a node: literals and code, without markup.
    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default: break
            }
        }
        cmark_iter_free(iterator)
        return text
    }
}

public struct MarkdownOptions: Sendable {
    /// Pass raw HTML through (site.yaml `raw_html: true`) by way of `HTMLSanitizer`; dropped otherwise.
    public var rawHTML: Bool
    /// `raw_html: unsafe`: raw HTML as written, not sanitised.
    public var rawHTMLUnsafe: Bool
    /// Put before every heading id, for bodies shown several to a page (report sections).
    public var headingIDPrefix: String
    /// Characters of text kept per section for the search index.
    public var searchTextLimit: Int
    /// The heading the page gives this body (its `h1`, or a section's `h2`): a leading `# Title`
    /// that says the same is not repeated.
    public var pageTitle: String?
    /// The level the body's highest heading takes, so that it sits under the page's own outline:
    /// 2 on a note (under the page's `h1`), 3 in a stage's notes or a report section. Lower
    /// levels follow, capped at 6; a body whose headings already start there is unchanged.
    public var headingBase: Int = 1
    /// The title of a heading's permalink, in the site's language (escaped here).
    public var permalinkTitle = "Permanent link"
    public init(rawHTML: Bool = false, rawHTMLUnsafe: Bool = false, headingIDPrefix: String = "", searchTextLimit: Int = 600) {
        self.rawHTML = rawHTML || rawHTMLUnsafe
        self.rawHTMLUnsafe = rawHTMLUnsafe
        self.headingIDPrefix = headingIDPrefix
        self.searchTextLimit = searchTextLimit
    }
}

public struct RenderedMarkdown: Sendable {
    public var html: String
    public var headings: [Heading]
    /// The first paragraph as plain text: a page's description when it has none.
    public var summary: String
    /// The text before the first heading, then the text under each heading: what search reads.
    public var sections: [TextSection]
    /// Raw HTML left out because the site does not pass it through, in document order.
    public var droppedHTML: [DroppedHTML]
}

/// A piece of raw HTML that was not written to the page, with its place in the Markdown text.
public struct DroppedHTML: Sendable, Equatable {
    public var snippet: String
    public var line: Int
    public var column: Int
}

public struct TextSection: Sendable {
    public init(heading: Heading?, text: String) {
        self.heading = heading
        self.text = text
    }

    public var heading: Heading?
    public var text: String
}

public struct Heading: Sendable, Equatable {
    public var level: Int
    public var text: String
    public var id: String
}

/// A fenced code block with an info string: ```dot …```.
public struct FencedCode: Sendable {
    /// The first word of the info string: `dot`.
    public var info: String
    public var code: String
    /// The line of the opening fence in the Markdown text (1-based).
    public var line: Int
}

/// A link or image destination as written, with its place in the Markdown text (1-based).
public struct LinkReference: Sendable {
    public enum Kind: Sendable { case link, image }
    public var destination: String
    public var kind: Kind
    public var line: Int
    public var column: Int
}
