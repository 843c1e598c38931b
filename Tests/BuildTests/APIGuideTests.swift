import Build
import Diagnostics
import Foundation
import Testing

/// The API guide on specs shaped like vendors' (`scripts/vendor_spec.py` makes a large one for
/// `make bench`): links in descriptions, schemas shared by operations, and what `check` says.
@Suite struct APIGuideTests {
    static let spec = """
        {"swagger": "2.0", "info": {"title": "Cluster", "version": "1",
          "description": "See [concepts](/docs/concepts/) and [below](#operation/list) or [the site](https://kubernetes.io/)."},
         "host": "k.example", "schemes": ["https"], "basePath": "/",
         "paths": {
           "/pods": {"post": {"operationId": "createPod", "description": "Creates. [Pods](/docs/pods/#what)",
             "parameters": [{"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Pod"}}],
             "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Pod"}}}}},
           "/pods/{name}": {"put": {"operationId": "replacePod",
             "parameters": [{"name": "name", "in": "path", "required": true, "type": "string"},
                            {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Pod"}}],
             "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Pod"}}}}}},
         "definitions": {
           "Pod": {"type": "object", "properties": {"metadata": {"$ref": "#/definitions/Meta"}, "name": {"type": "string",
             "description": "Unique. More info: [names](/docs/names#unique)"}}},
           "Meta": {"type": "object", "properties": {"uid": {"type": "string"}}}}}
        """

    func project(docs: String? = nil) throws -> URL {
        var text = Self.spec
        if let docs { text = text.replacingOccurrences(of: "\"host\":", with: "\"externalDocs\": {\"url\": \"\(docs)\"}, \"host\":") }
        return try makeProject([
            "Content/site.yaml": "title: T\n",
            "Content/deployment.yaml": """
            model: { name: cluster, version: '1' }
            environments:
              - name: production
                endpoints:
                  - { name: kube, mode: realtime, url: https://k.example/, openapi: api/swagger.json }

            """,
            "Content/api/swagger.json": text,
        ])
    }

    @Test func relativeLinksInDescriptionsBecomeTextOrAbsoluteAndCheckPasses() throws {
        let dir = try project()
        let result = BuildPipeline.check(options(dir))
        #expect(!result.hasErrors, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        let page = try #require(result.files.first { $0.path == "api/index.html" }).contents
        #expect(page.contains("See concepts and below or <a href=\"https://kubernetes.io/\">the site</a>."))
        #expect(!page.contains("href=\"/docs"))
        #expect(!page.contains("href=\"#operation"))
        // With externalDocs, they lead to the vendor's documentation.
        let withDocs = BuildPipeline.check(options(try project(docs: "https://kubernetes.io/")))
        let docsPage = try #require(withDocs.files.first { $0.path == "api/index.html" }).contents
        #expect(docsPage.contains("<a href=\"https://kubernetes.io/docs/concepts/\">concepts</a>"))
        #expect(docsPage.contains("<a href=\"https://kubernetes.io/docs/names#unique\">names</a>"))
        #expect(docsPage.contains("<a href=\"https://kubernetes.io/#operation/list\">below</a>"))
    }

    @Test func aSchemaSharedByOperationsIsShownOnceAndLinkedFromTheRest() throws {
        let result = BuildPipeline.check(options(try project()))
        #expect(!result.hasErrors, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        let page = try #require(result.files.first { $0.path == "api/index.html" }).contents
        #expect(page.components(separatedBy: "<td><code>metadata.uid</code></td>").count == 2, "Meta's fields once on the page")
        #expect(page.contains("<table class=\"compact\" id=\"api-kube-createpod-request\">"))
        #expect(page.contains("(as in <a href=\"#api-kube-createpod-request\"><code>POST /pods</code></a>)"))
    }

    @Test func outputLinkProblemsAreAtTheTemplateNeverInSite() throws {
        let dir = try project()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("Templates/pages"), withIntermediateDirectories: true)
        let api = try String(contentsOf: repositoryRoot.appendingPathComponent("Templates/pages/api.mustache"), encoding: .utf8)
        try api.replacingOccurrences(of: "{{/main}}", with: "<a href=\"{{root}}nowhere.html\">x</a>{{/main}}").write(
            to: dir.appendingPathComponent("Templates/pages/api.mustache"), atomically: true, encoding: .utf8)
        let result = BuildPipeline.check(options(dir))
        let errors = result.diagnostics.filter { $0.severity == .error }.map { "\($0.location): \($0.message)" }
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { !$0.contains("_site/") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("Templates/pages/api.mustache: page api/index.html: link `../nowhere.html` leads to no file") }, "\(errors)")
    }

    /// A long body is shown once, as the example request, and the calls read it from a file.
    @Test func aLongBodyIsReadFromRequestJSONByEveryCall() throws {
        let fields = (0..<120).map { "\"field\($0)\": {\"type\": \"string\"}" }.joined(separator: ", ")
        let text = Self.spec.replacingOccurrences(
            of: "\"name\": {\"type\": \"string\",", with: "\(fields), \"name\": {\"type\": \"string\",")
        let dir = try project()
        try text.write(to: dir.appendingPathComponent("Content/api/swagger.json"), atomically: true, encoding: .utf8)
        let result = BuildPipeline.check(options(dir))
        #expect(!result.hasErrors, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        let page = try #require(result.files.first { $0.path == "api/index.html" }).contents
        #expect(page.components(separatedBy: "&quot;field119&quot;").count == 3, "in the two example requests only")
        #expect(page.contains("--data-binary @request.json"))
        #expect(page.contains("payload = json.load(f)"))
        #expect(page.contains("JSON.parse(await readFile(&quot;request.json&quot;, &quot;utf8&quot;))"))
        #expect(page.contains("Body = File.Contents(&quot;request.json&quot;)"))
    }

    /// Past `APIGroups.operationsOnOnePage` operations, each tag gets a page; the guide lists them,
    /// and a schema first shown on one page is linked to from the others.
    @Test func aLargeSpecIsSplitIntoAPageATagWithSchemaLinksAcrossThem() throws {
        var paths: [String] = []
        for i in 0..<70 {
            let tag = i < 40 ? "core" : "apps"
            paths.append(
                """
                "/\(tag)/things\(i)": {"post": {"operationId": "create\(i)", "tags": ["\(tag)"], "summary": "Creates thing \(i).",
                  "parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Pod"}}],
                  "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Pod"}}}}}
                """)
        }
        let text = """
            {"swagger": "2.0", "info": {"title": "Big", "version": "1"}, "host": "k.example", "basePath": "/",
             "paths": {\(paths.joined(separator: ","))},
             "definitions": {"Pod": {"type": "object", "properties": {"metadata": {"$ref": "#/definitions/Meta"}}},
               "Meta": {"type": "object", "properties": {"uid": {"type": "string"}}}}}
            """
        let dir = try project()
        try text.write(to: dir.appendingPathComponent("Content/api/swagger.json"), atomically: true, encoding: .utf8)
        let result = BuildPipeline.check(options(dir))
        #expect(!result.hasErrors, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        let files = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, $0.contents) })
        let guide = try #require(files["api/index.html"])
        #expect(guide.contains("<a href=\"../api/kube/core/index.html\">core</a> <span class=\"muted small\">(40)</span>"))
        #expect(guide.contains("<a href=\"../api/kube/apps/index.html#api-kube-create45\">"))
        #expect(!guide.contains("Calling it"), "no operation is shown on the guide's own page")
        let core = try #require(files["api/kube/core/index.html"])
        let apps = try #require(files["api/kube/apps/index.html"])
        #expect(core.components(separatedBy: "<section class=\"operation\"").count == 41)
        #expect(apps.components(separatedBy: "<section class=\"operation\"").count == 31)
        #expect(core.contains("<code>metadata.uid</code>"))
        #expect(!apps.contains("<code>metadata.uid</code>"))
        #expect(apps.contains("(as in <a href=\"../../../api/kube/core/index.html#api-kube-create0-request\"><code>POST /core/things0</code></a>)"))
        #expect(core.contains("<h1>core · kube</h1>"))
        // Each page's operations are in the search index, linked to their anchors.
        let index = try #require(files["search-index.js"])
        #expect(index.contains("\"u\":\"api/kube/apps/index.html\",\"k\":\"api\""))
        #expect(index.contains("[\"api-kube-create45\",\"POST /apps/things45\",\"create45 · Creates thing 45. · Pod Pod\"]"))
        #expect(index.contains("[\"api-kube-create0\",\"POST /core/things0\",\"create0 · Creates thing 0. · Pod metadata metadata.uid\"]"))
    }

    /// A description split into files, as `swagger-cli`/Redocly projects keep them: `$ref`s into
    /// other files under Content/ are followed (relative to the file they are written in).
    @Test func aMultiFileDescriptionIsReadAcrossItsFiles() throws {
        let dir = try makeProject([
            "Content/site.yaml": "title: T\n",
            "Content/deployment.yaml": """
            model: { name: m, version: '1' }
            environments:
              - name: production
                endpoints:
                  - { name: score, mode: realtime, url: https://s.example/score, openapi: api/openapi.yaml }

            """,
            "Content/api/openapi.yaml": """
            openapi: 3.0.3
            info: { title: Scoring, version: '1' }
            paths:
              /score:
                post:
                  requestBody: { content: { application/json: { schema: { $ref: './schemas/pod.yaml#/Pod' } } } }
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { $ref: 'schemas/pod.yaml#/Status' } } } }
                    '400': { description: bad, content: { application/json: { schema: { $ref: './missing.yaml#/Error' } } } }

            """,
            "Content/api/schemas/pod.yaml": """
            Pod:
              type: object
              properties:
                metadata: { $ref: '../common/meta.yaml#/Meta' }
                status: { $ref: '#/Status' }
            Status:
              type: object
              properties:
                phase: { type: string, enum: [Pending, Running] }

            """,
            "Content/api/common/meta.yaml": "Meta:\n  type: object\n  properties:\n    uid: { type: string, description: The unique id. }\n",
        ])
        let result = BuildPipeline.check(options(dir))
        let warnings = result.diagnostics.map { "\($0.location): \($0.message)" }
        #expect(!result.hasErrors, "\(warnings)")
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.hasPrefix("Content/api/openapi.yaml:9:83: OpenAPI: `$ref` into `./missing.yaml` (1 reference)") == true, "\(warnings)")
        let page = try #require(result.files.first { $0.path == "api/index.html" }).contents
        #expect(page.contains("<td><code>metadata.uid</code></td><td>string</td>"))
        #expect(page.contains("The unique id."))
        #expect(page.contains("<code>status.phase</code>"))
        #expect(page.contains("one of <code>Pending</code>, <code>Running</code>"))
    }
}
