import Model
import SiteGraph
import Testing

@Suite struct SiteGraphTests {
    func note(_ path: String, weight: Int = 0) -> Note {
        Note(
            contentPath: path, title: path, weight: weight,
            body: MarkdownBody(text: "", displayPath: "Content/" + path, contentPath: path, lineOffset: 0))
    }

    @Test func pagesHaveStableOutputPaths() {
        var model = SiteModel(config: SiteConfig(title: "T"))
        model.stages = StageKind.allCases.map { LifecycleStage(kind: $0, title: $0.rawValue, status: .done) }
        model.notes = [note("notes/a.md"), note("notes/data/index.md"), note("notes/data/b.md")]
        let graph = SiteGraph(model: model)
        let paths = graph.pages.map(\.outputPath)
        #expect(paths.contains("index.html"))
        #expect(paths.contains("lifecycle/customer-acceptance/index.html"))
        #expect(paths.contains("notes/a/index.html"))
        #expect(paths.contains("notes/data/index.html"))
        #expect(paths.contains("notes/data/b/index.html"))
        #expect(paths.contains("404.html"))
        #expect(Set(paths).count == paths.count)
        #expect(graph.target(forSource: "notes/data/index.md")?.outputPath == "notes/data/index.html")
        #expect(graph.page(at: "notes/data/b/index.html")?.ancestors == ["notes/index.html", "notes/data/index.html"])
    }

    @Test func reportSectionsAreFragmentsOfOnePage() {
        var model = SiteModel(config: SiteConfig(title: "T"))
        model.reportSections = [note("report/data.md")]
        let graph = SiteGraph(model: model)
        #expect(graph.target(forSource: "report/data.md") == .init(outputPath: "report/index.html", fragment: "report-data"))
    }

    @Test func relativeURLsClimbToTheRoot() {
        #expect(relativeURL(from: "index.html", to: "report/index.html") == "report/index.html")
        #expect(relativeURL(from: "notes/data/b/index.html", to: "report/index.html") == "../../../report/index.html")
        #expect(rootPrefix(for: "lifecycle/modeling/index.html") == "../../")
    }

    @Test func neighboursWithinASection() {
        var model = SiteModel(config: SiteConfig(title: "T"))
        model.notes = [note("notes/x/a.md"), note("notes/x/b.md"), note("notes/x/c.md")]
        let graph = SiteGraph(model: model)
        let (previous, next) = graph.neighbours(ofNoteAt: "notes/x/b/index.html")
        #expect(previous == 0)
        #expect(next == 2)
    }
}

@Suite struct FolderPageTests {
    @Test func indexThenReadmeInAnyCaseIsTheFolderPage() {
        let pages = SiteGraph.folderPages([
            "notes/Project/README.md", "notes/Project/Charter.md", "notes/Data/ReadMe.md", "notes/Model/readme.md",
            "notes/Model/index.md", "notes/x/readme.markdown", "notes/y/README.txt.md",
        ])
        #expect(pages["notes/Project"] == "notes/Project/README.md")
        #expect(pages["notes/Data"] == "notes/Data/ReadMe.md")
        #expect(pages["notes/Model"] == "notes/Model/index.md")
        #expect(pages["notes/x"] == "notes/x/readme.markdown")
        #expect(pages["notes/y"] == nil)
    }

    @Test func pathsWithSpacesHashesAndHangulArePercentEncoded() {
        #expect(urlPath("notes/Project/Exit Report/index.html") == "notes/Project/Exit%20Report/index.html")
        #expect(urlPath("notes/a#1.csv") == "notes/a%231.csv")
        #expect(urlPath("notes/보고서/index.html") == "notes/%EB%B3%B4%EA%B3%A0%EC%84%9C/index.html")
        #expect(urlPath("notes/a:b/index.html") == "notes/a%3Ab/index.html")
        #expect(urlPath("notes/plain-name_1.2/index.html") == "notes/plain-name_1.2/index.html")
        #expect(relativeURL(from: "lifecycle/modeling/index.html", to: "notes/Model 1/index.html") == "../../notes/Model%201/index.html")
    }
}

@Suite struct APIGroupTests {
    func spec(_ tags: [String?]) -> APISpec {
        var spec = APISpec(path: "api.json", format: "Swagger 2.0", title: "T")
        for (i, tag) in tags.enumerated() {
            var op = APISpec.Operation(method: "GET", path: "/things/x\(i)")
            op.tags = tag.map { [$0] } ?? []
            spec.operations.append(op)
        }
        return spec
    }

    @Test func aSmallSpecStaysOnOnePage() {
        #expect(APIGroups.groups(spec(Array(repeating: "core", count: APIGroups.operationsOnOnePage))).isEmpty)
    }

    @Test func groupsByTagElsePathAndSplitsBigOnes() {
        let groups = APIGroups.groups(spec(Array(repeating: "core", count: 130) + [nil, "Apps & Jobs"]))
        #expect(groups.map(\.name) == ["core (1/3)", "core (2/3)", "core (3/3)", "things", "Apps & Jobs"])
        #expect(groups.map(\.slug) == ["core", "core-2", "core-3", "things", "apps--jobs"])
        #expect(groups.map(\.operations.count) == [60, 60, 10, 1, 1])
        #expect(APIGroups.outputPath(endpoint: "Score API", group: groups[1]) == "api/score-api/core-2/index.html")
    }
}
