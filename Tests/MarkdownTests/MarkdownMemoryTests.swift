import Markdown
import Testing

@Suite struct MarkdownMemoryTests {
    /// `## <a name="goal"></a>Goal` (every Microsoft Docs and TDSP page) read freed memory: the rest
    /// of the page was dropped and the bytes changed from run to run.
    @Test func inlineHTMLInHeadingsIsStableAndKeepsThePage() {
        var body = ""
        for i in 0..<50 { body += "## <a name=\"s\(i)\"></a>Section \(i) <small>v\(i)</small>\n\nParagraph \(i) with *emphasis*.\n\n" }
        body += "Last line.\n"
        var outputs = Set<String>()
        for _ in 0..<20 {
            let rendered = MarkdownRenderer.render(body, options: MarkdownOptions(rawHTML: true))
            outputs.insert(rendered.html)
            #expect(rendered.headings.count == 50)
        }
        #expect(outputs.count == 1)
        let html = outputs.first ?? ""
        #expect(html.contains("<h2 id=\"section-49-v49\"><a name=\"s49\"></a>Section 49 <small>v49</small>"))
        #expect(html.contains("<p>Last line.</p>"))
        let unsafe = MarkdownRenderer.render(body, options: MarkdownOptions(rawHTMLUnsafe: true)).html
        #expect(unsafe == html)
    }
}
