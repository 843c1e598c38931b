import Basics
import Markdown
import Testing

@Suite struct MarkdownRendererTests {
    @Test func githubFlavouredExtensions() {
        let html = MarkdownRenderer.render(
            """
            | a | b |
            |---|---|
            | 1 | 2 |

            - [x] done
            - [ ] open

            ~~gone~~ and www.example.com

            Note[^1].

            [^1]: The footnote.
            """
        ).html
        #expect(html.contains("<table>"))
        #expect(html.contains("<td>1</td>"))
        #expect(html.contains("<span class=\"task-box task-done\" aria-hidden=\"true\">✓</span><span class=\"visually-hidden\">Done: </span>done"))
        #expect(!html.contains("<input"))
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("<a href=\"http://www.example.com\">www.example.com</a>"))
        #expect(html.contains("class=\"footnotes\""))
    }

    @Test func headingsGetUniqueIDsAndAnchors() {
        let result = MarkdownRenderer.render("# Title\n\n## Set up\n\n## Set up\n\n### Über `code`!\n")
        #expect(result.headings.map(\.id) == ["title", "set-up", "set-up-1", "über-code"])
        #expect(result.headings[3].text == "Über code!")
        #expect(result.html.contains("<h2 id=\"set-up\">Set up<a class=\"headerlink\" href=\"#set-up\""))
    }

    @Test func headingIDPrefix() {
        let result = MarkdownRenderer.render("## Data\n", options: MarkdownOptions(headingIDPrefix: "report-data-"))
        #expect(result.headings.first?.id == "report-data-data")
    }

    @Test func rawHTMLIsDroppedUnlessAllowed() {
        let source = "<script>alert(1)</script>\n\nText <b onclick=\"x()\">bold</b>\n"
        let safe = MarkdownRenderer.render(source).html
        #expect(!safe.contains("<script"))
        #expect(!safe.contains("onclick"))
        let raw = MarkdownRenderer.render("<div class=\"note\">kept</div>\n", options: MarkdownOptions(rawHTML: true)).html
        #expect(raw.contains("<div class=\"note\">kept</div>"))
        // The tagfilter extension still neutralises <script> in raw mode.
        #expect(!MarkdownRenderer.render(source, options: MarkdownOptions(rawHTML: true)).html.contains("<script>"))
    }

    @Test func unsafeURLsNeverReachHref() {
        for options in [MarkdownOptions(), MarkdownOptions(rawHTML: true)] {
            let html = MarkdownRenderer.render("[a](javascript:alert(1)) [b](JaVaScRiPt:x) ![c](vbscript:x)", options: options).html
            #expect(!html.lowercased().contains("javascript:"))
            #expect(!html.lowercased().contains("vbscript:"))
        }
    }

    @Test func linksAreRewrittenWithTheirPositions() {
        var seen: [LinkReference] = []
        let html = MarkdownRenderer.render("Intro\n\nSee [setup](setup.md#install) and ![img](a.png).\n") { link in
            seen.append(link)
            return link.destination == "setup.md#install" ? "../setup/index.html#install" : nil
        }.html
        #expect(seen.map(\.destination) == ["setup.md#install", "a.png"])
        #expect(seen.first?.line == 3)
        #expect(seen.first?.column == 5)
        #expect(html.contains("href=\"../setup/index.html#install\""))
        #expect(html.contains("src=\"a.png\""))
    }

    @Test func summaryIsTheFirstParagraph() {
        #expect(MarkdownRenderer.render("# T\n\nFirst *para*\ngraph.\n\nSecond.").summary == "First para graph.")
    }

    @Test func parallelRendersAgree() async {
        let source = "~~strike~~ **bold** | a |\n|---|\n| 1 |\n"
        let expected = MarkdownRenderer.render(source).html
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<64 { group.addTask { MarkdownRenderer.render(source).html } }
            var all: [String] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.allSatisfy { $0 == expected })
    }
}

/// Columns as editors count them: characters, not cmark-gfm's UTF-8 bytes.
@Suite struct ColumnTests {
    @Test func linkColumnsCountCharacters() {
        var columns: [Int] = []
        _ = MarkdownRenderer.render(
            "# 제목\n\n애플리케이션 배포 안내 [링크](missing.md) and [b](x.md)\n\n| 표 | [c](y.md) |\n|---|---|\n",
            rewriteLink: {
                columns.append($0.column); return nil
            })
        #expect(columns == [14, 35, 7])
    }

    @Test func theColumnMapRoundsInsideACharacterDown() {
        let map = ColumnMap("ab\n한국어x")
        #expect(map.characterColumn(line: 2, byteColumn: 10) == 4)  // the x after three 3-byte syllables
        #expect(map.characterColumn(line: 2, byteColumn: 5) == 2)  // inside 국: its column
        #expect(map.characterColumn(line: 1, byteColumn: 3) == 3)
        #expect(map.characterColumn(line: 9, byteColumn: 3) == 3)  // past the text: as given
    }
}

/// A document's own `# Title` and outline under the page's.
@Suite struct HeadingOutlineTests {
    func render(_ text: String, title: String?, base: Int) -> RenderedMarkdown {
        var options = MarkdownOptions()
        options.pageTitle = title
        options.headingBase = base
        return MarkdownRenderer.render(text, options: options)
    }

    @Test func aLeadingTitleThePageShowsIsNotRepeated() {
        let r = render("# Project *Charter*\n\nIntro.\n\n## Scope\n\nText.\n", title: "Project Charter", base: 2)
        #expect(!r.html.contains("<h1"))
        #expect(r.html.contains("<h2 id=\"scope\">"))
        #expect(r.headings.map(\.level) == [2])
        #expect(r.sections.first?.text == "Intro.")
        #expect(r.summary == "Intro.")
    }

    /// Search reads words: a table's cells and a list's items stay apart ("Name Value", not "NameValue").
    @Test func searchTextKeepsTheWordsOfCellsApart() {
        let r = render("| Name | Value |\n|---|---|\n| depot | 42 |\n\n- one\n- two\n", title: nil, base: 2)
        #expect(r.sections.first?.text == "Name Value depot 42 one two")
    }

    /// The search text's limit counts characters: Korean keeps as many as English (600), cut
    /// between syllables.
    @Test func searchTextLimitCountsCharacters() {
        let korean = String(repeating: "배포 단계 ", count: 200)
        let r = render(korean + "\n", title: nil, base: 2)
        let text = r.sections.first?.text ?? ""
        #expect(text.count == 600 || text.count == 599, "\(text.count) characters")
        #expect(text.unicodeScalars.allSatisfy { !(0x1100...0x11FF).contains($0.value) })
        let english = render(String(repeating: "deploy stage ", count: 200) + "\n", title: nil, base: 2)
        #expect((english.sections.first?.text.count ?? 0) >= 599)
    }

    @Test func anotherTitleStaysAndTheOutlineMovesUnder() {
        let r = render("# Exit report\n\n## Results\n\n#### Deep\n", title: "Customer acceptance", base: 3)
        #expect(r.headings.map(\.level) == [3, 4, 6])
        #expect(r.html.contains("<h3 id=\"exit-report\">") && r.html.contains("<h6 id=\"deep\">"))
    }

    @Test func anOutlineAlreadyUnderThePageIsUnchanged() {
        let r = render("Intro.\n\n## A\n\n### B\n", title: "Note", base: 2)
        #expect(r.headings.map(\.level) == [2, 3])
    }
}
