import Build
import Diagnostics
import Foundation
import Testing

/// `Examples/tdsp-docs` keeps a TDSP project template's `Docs/` folder as it is under `notes/`:
/// README files as folder pages, names with spaces, a .docx, a CSV and an upper-case .PNG.
@Suite struct TDSPExampleTests {
    let project = repositoryRoot.appendingPathComponent("Examples/tdsp-docs")

    func page(_ files: [String: Data], _ path: String) -> String {
        files[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    @Test func buildsCleanlyWithEveryDocumentAtItsRealName() throws {
        let output = temporaryOutput()
        let result = BuildPipeline.build(options(project, output: output))
        #expect(result.diagnostics.isEmpty, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        let files = try snapshot(output)
        for path in [
            "notes/index.html", "notes/Project/index.html", "notes/Project/Charter/index.html",
            "notes/Project/Exit Report/index.html", "notes/Project/System Architecture.docx",
            "notes/Data_Report/index.html", "notes/Data_Report/Data Defintion/index.html",
            "notes/Data_Dictionaries/Raw-Data-Dictionary.csv", "notes/Data_Dictionaries/data-dictionary-from-sql-table.PNG",
            "notes/Model/Model 1/Model Report/index.html", "notes/Model/Baseline/Baseline Models/index.html",
        ] {
            #expect(files[path] != nil, "missing \(path)")
        }
        // README.md (ReadMe.md too) is its folder's page, never a page of its own.
        #expect(!files.keys.contains { $0.lowercased().contains("readme") }, "\(files.keys.filter { $0.lowercased().contains("readme") })")
        #expect(page(files, "notes/Project/index.html").contains("<h1>Project management documents</h1>"))
        #expect(page(files, "notes/Data_Report/index.html").contains("<h1"))
    }

    @Test func everyPageHasOneH1AndEveryLinkResolves() {
        let result = BuildPipeline.check(options(project))
        #expect(!result.hasErrors, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        #expect(result.diagnostics.isEmpty, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        // The handover document (print/index.html) is several documents, each opening with its h1.
        for file in result.files where file.path.hasSuffix(".html") && file.path != "print/index.html" {
            #expect(file.contents.components(separatedBy: "<h1").count == 2, "\(file.path) must have one h1")
        }
    }

    @Test func stageArtifactsLeadToTheTemplatesDocumentsWithSpacesEncoded() throws {
        let output = temporaryOutput()
        _ = BuildPipeline.build(options(project, output: output))
        let files = try snapshot(output)
        let business = page(files, "lifecycle/business-understanding/index.html")
        #expect(business.contains("href=\"../../notes/Project/Charter/index.html\""))
        let modeling = page(files, "lifecycle/modeling/index.html")
        #expect(modeling.contains("href=\"../../notes/Model/Model%201/Model%20Report/index.html\""))
        #expect(modeling.contains("href=\"../../notes/Model/FinalReport/index.html\""))
        let acceptance = page(files, "lifecycle/customer-acceptance/index.html")
        #expect(acceptance.contains("href=\"../../notes/Project/Exit%20Report/index.html\""))
        let deployment = page(files, "lifecycle/deployment/index.html")
        #expect(deployment.contains("href=\"../../notes/Project/System%20Architecture.docx\""))
        #expect(!files.values.contains { String(decoding: $0, as: UTF8.self).contains("href=\"../../notes/Project/Exit Report") })
    }

    @Test func attachmentsAreListedOnTheirFolderPageWithTypeSizeAndWhereTheyAreLinked() throws {
        let output = temporaryOutput()
        _ = BuildPipeline.build(options(project, output: output))
        let files = try snapshot(output)
        let dictionaries = page(files, "notes/Data_Dictionaries/index.html")
        let csvSize =
            try FileManager.default.attributesOfItem(
                atPath: project.appendingPathComponent("Content/notes/Data_Dictionaries/Raw-Data-Dictionary.csv").path)[.size] as! Int
        #expect(dictionaries.contains("<h2 id=\"files\">Files</h2>"))
        #expect(dictionaries.contains("<a href=\"../../notes/Data_Dictionaries/Raw-Data-Dictionary.csv\">Raw-Data-Dictionary.csv</a></td><td>Data table"))
        #expect(dictionaries.contains(">\(csvSize) B</td>"))
        #expect(dictionaries.contains("Image <span class=\"muted\">(PNG)</span>"))
        let projectPage = page(files, "notes/Project/index.html")
        #expect(projectPage.contains("Word document <span class=\"muted\">(DOCX)</span>"))
        // Linked from the deployment stage and from the exit report.
        let row = projectPage.components(separatedBy: "System Architecture.docx</a>").last ?? ""
        #expect(row.contains("href=\"../../lifecycle/deployment/index.html\">Deployment</a>"))
        #expect(row.contains("href=\"../../notes/Project/Exit%20Report/index.html\""))
    }
}
