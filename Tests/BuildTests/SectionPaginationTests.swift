import Build
import Foundation
import Testing

/// A section of more notes than a page lists is listed 100 notes a page, with a pager.
@Suite struct SectionPaginationTests {
    @Test func aLongSectionIsListedAPageAtATime() throws {
        var files = ["Content/site.yaml": "title: Paging\n", "Content/notes/big/index.md": "---\ntitle: Big\n---\nMany.\n"]
        for i in 1...250 { files["Content/notes/big/n\(String(format: "%03d", i)).md"] = "---\ntitle: Note \(i)\n---\nBody \(i).\n" }
        files["Content/notes/small/a.md"] = "A\n"
        let result = BuildPipeline.check(options(try makeProject(files)))
        #expect(!result.hasErrors, "every pager link resolves: \(result.diagnostics.map(\.message))")
        func page(_ path: String) -> String? { result.files.first { $0.path == path }?.contents }
        let first = try #require(page("notes/big/index.html"))
        let second = try #require(page("notes/big/page/2/index.html"))
        let third = try #require(page("notes/big/page/3/index.html"))
        #expect(page("notes/big/page/4/index.html") == nil)
        #expect(page("notes/big/page/1/index.html") == nil, "page 1 is the section's own page")
        func listed(_ html: String) -> Int {
            html.components(separatedBy: "<ul class=\"page-list\">")[1].components(separatedBy: "</ul>")[0].components(separatedBy: "<li>").count - 1
        }
        let counts: [Int] = [listed(first), listed(second), listed(third)]
        #expect(counts == [100, 100, 50])
        #expect(first.contains("Many."), "the section's text is on its first page")
        #expect(!second.contains("Many."))
        #expect(second.contains("Pages 101–200 of 250 (page 2 of 3)."))
        #expect(second.contains("<a rel=\"prev\" href=\"../../../../notes/big/index.html\">"))
        #expect(second.contains("<a rel=\"next\" href=\"../../../../notes/big/page/3/index.html\">"))
        #expect(second.contains("<span aria-current=\"page\">2</span>"))
        #expect(!third.contains("rel=\"next\""))
        #expect(!(try #require(page("notes/small/index.html"))).contains("listing-pager"))
    }
}
