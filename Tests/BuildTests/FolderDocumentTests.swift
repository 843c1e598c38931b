import Build
import Diagnostics
import Foundation
import Testing

/// Documents as teams write them: README folder pages, attachments, empty links and raw HTML.
@Suite struct FolderDocumentTests {
    func warnings(_ result: BuildPipeline.Result) -> [String] {
        result.diagnostics.filter { $0.severity == .warning }.map { "\($0.location): \($0.message)" }
    }

    @Test func aReadmeIsItsFolderPageUnlessTheFolderHasAnIndex() throws {
        let project = try makeProject([
            "Content/site.yaml": "title: T\n",
            "Content/notes/Project/README.md": "# Project documents\n\nPlanning.\n",
            "Content/notes/Project/Charter.md": "# Charter\n\nScope.\n",
            "Content/notes/Model/readme.md": "# Old readme\n",
            "Content/notes/Model/index.md": "---\ntitle: Models\n---\nThe models.\n",
        ])
        let output = temporaryOutput()
        let result = BuildPipeline.build(options(project, output: output))
        #expect(!result.hasErrors, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        let files = try snapshot(output)
        let projectPage = String(decoding: files["notes/Project/index.html"] ?? Data(), as: UTF8.self)
        #expect(projectPage.contains("<h1>Project documents</h1>"))
        #expect(projectPage.contains("Planning."))
        #expect(files["notes/Project/README/index.html"] == nil)
        // index.md wins; the readme beside it stays an ordinary page.
        let modelPage = String(decoding: files["notes/Model/index.html"] ?? Data(), as: UTF8.self)
        #expect(modelPage.contains("<h1>Models</h1>"))
        #expect(files["notes/Model/readme/index.html"] != nil)
    }

    @Test func emptyLinksAndDroppedHTMLAreWarningsAtTheirCharacterColumns() throws {
        let project = try makeProject([
            "Content/site.yaml": "title: T\n",
            "Content/notes/a.md": "---\ntitle: A\n---\nSee [here]() and ![a chart]().\n\n한국어 List<X> and <b>bold</b>.\n",
        ])
        let result = BuildPipeline.check(options(project))
        let found = warnings(result)
        #expect(found.contains { $0.hasPrefix("Content/notes/a.md:4:5: empty link") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("Content/notes/a.md:4:18: empty image source") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("Content/notes/a.md:6:9: raw HTML `<X>` left out") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("Content/notes/a.md:6:17: raw HTML `<b>` left out") }, "\(found)")
        #expect(found.count == 5, "\(found)")
    }

    @Test func rawHTMLOnIsNotWarnedAbout() throws {
        let project = try makeProject([
            "Content/site.yaml": "title: T\nraw_html: true\n",
            "Content/notes/a.md": "---\ntitle: A\n---\nSome <b>bold</b> text.\n",
        ])
        let result = BuildPipeline.check(options(project))
        #expect(warnings(result).isEmpty, "\(warnings(result))")
    }

    @Test func manyDroppedPiecesAreSummedUpAfterTheFirstFew() throws {
        let body = (1...9).map { "Line <i>\($0)</i>" }.joined(separator: "\n\n")
        let project = try makeProject([
            "Content/site.yaml": "title: T\n",
            "Content/notes/a.md": "---\ntitle: A\n---\n\(body)\n",
        ])
        let found = warnings(BuildPipeline.check(options(project)))
        #expect(found.filter { $0.contains("raw HTML `") }.count == 5, "\(found)")
        #expect(found.contains { $0.contains("13 more pieces of raw HTML left out") }, "\(found)")
    }

    @Test func attachmentsAreListedWithTypeSizeAndTheirReferences() throws {
        let project = try makeProject([
            "Content/site.yaml": "title: T\n",
            "Content/notes/data/index.md": "# Data\n\nThe [dictionary](dictionary.csv).\n",
            "Content/notes/data/dictionary.csv": String(repeating: "a,b\n", count: 500),
            "Content/notes/data/unused.ipynb": "{}",
            "Content/notes/other.md": "# Other\n\nSee [the dictionary](<data/dictionary.csv>).\n",
        ])
        let output = temporaryOutput()
        let result = BuildPipeline.build(options(project, output: output))
        #expect(!result.hasErrors, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        let files = try snapshot(output)
        let page = String(decoding: files["notes/data/index.html"] ?? Data(), as: UTF8.self)
        let rows = page.components(separatedBy: "<tr>").dropFirst(2)
        #expect(rows.count == 2)
        let csv = rows.first { $0.contains("dictionary.csv") } ?? ""
        #expect(csv.contains("Data table <span class=\"muted\">(CSV)</span>"))
        #expect(csv.contains(">1.95 KiB</td>"))
        #expect(csv.contains("href=\"../../notes/other/index.html\">Other</a>"))
        #expect(csv.contains("href=\"../../notes/data/index.html\">Data</a>"))
        let notebook = rows.first { $0.contains("unused.ipynb") } ?? ""
        #expect(notebook.contains("Notebook"))
        #expect(notebook.contains("<span class=\"muted\">–</span>"))
    }

    @Test func outputPathsWithSpacesAndHashesArePercentEncodedInLinks() throws {
        let project = try makeProject([
            "Content/site.yaml": "title: T\nbase_url: https://example.org/docs/\n",
            "Content/notes/Exit Report.md": "# Exit report\n\nDone.\n",
            "Content/notes/C# notes.md": "# C sharp\n\nSee the [exit report](<Exit Report.md>).\n",
        ])
        let output = temporaryOutput()
        let result = BuildPipeline.build(options(project, output: output))
        #expect(!result.hasErrors, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        let files = try snapshot(output)
        #expect(files["notes/Exit Report/index.html"] != nil)
        let notes = String(decoding: files["notes/index.html"] ?? Data(), as: UTF8.self)
        #expect(notes.contains("href=\"../notes/Exit%20Report/index.html\""))
        #expect(notes.contains("href=\"../notes/C%23%20notes/index.html\""))
        let sharp = String(decoding: files["notes/C# notes/index.html"] ?? Data(), as: UTF8.self)
        #expect(sharp.contains("href=\"../../notes/Exit%20Report/index.html\""))
        let sitemap = String(decoding: files["sitemap.xml"] ?? Data(), as: UTF8.self)
        #expect(sitemap.contains("<loc>https://example.org/docs/notes/Exit%20Report/</loc>"))
        let check = BuildPipeline.check(options(project))
        #expect(!check.hasErrors, "\(DiagnosticFormatter(format: .text).format(check.diagnostics))")
    }
}
