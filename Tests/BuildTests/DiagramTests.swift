import Build
import Diagnostics
import Foundation
import Testing

/// The architecture diagram and ```dot blocks, laid out by Graphviz in process.
@Suite struct DiagramTests {
    func page(_ files: [String: String], _ path: String) throws -> (String, [Diagnostic]) {
        let result = BuildPipeline.check(options(try makeProject(files)))
        return (result.files.first { $0.path == path }?.contents ?? "", result.diagnostics)
    }

    /// The inline SVG of the architecture page.
    func diagram(_ html: String) -> String {
        guard let start = html.range(of: "<svg class=\"diagram\""), let end = html.range(of: "</svg>", range: start.upperBound..<html.endIndex) else {
            return ""
        }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test func everyComponentAndFlowIsDrawnAndLinksToItsRow() throws {
        let (html, diagnostics) = try page(
            [
                "Content/site.yaml": "title: T\n",
                "Content/architecture.yaml": """
                components:
                  - { id: db, name: Orders DB, kind: datastore, zone: data }
                  - { id: etl, name: Nightly ETL, kind: pipeline, zone: processing }
                  - { id: api, name: Scoring API, kind: endpoint, zone: serving }
                flows:
                  - { from: db, to: etl, label: extract, mode: batch }
                  - { from: etl, to: api, label: features, mode: stream }
                """,
                "Content/deployment.yaml": """
                model: { name: churn, version: '1' }
                environments: [ { name: prod, endpoints: [ { name: api, mode: realtime } ], batch: [ { name: rescore } ] } ]
                consumers: [ { name: Portal, kind: website, uses: api } ]
                """,
            ], "architecture/index.html")
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        let svg = diagram(html)
        #expect(svg.contains("role=\"img\"") && svg.contains("<title id=\"architecture-diagram-title\">"))
        for name in ["Orders DB", "Nightly ETL", "Scoring API", "churn", "rescore", "Portal"] {
            #expect(svg.contains(">\(name)</text>"), "\(name) is not drawn")
        }
        // Two flows of architecture.yaml, model → endpoint and batch job, endpoint → consumer.
        #expect(svg.components(separatedBy: "class=\"edge\"").count - 1 == 5)
        for label in ["extract", "features", "serves", "runs", "scores"] { #expect(svg.contains(">\(label)</text>"), "\(label)") }
        for anchor in ["db", "etl", "api", "churn", "rescore", "portal"] {
            #expect(svg.contains("href=\"#component-\(anchor)\""), "\(anchor) does not link to its row")
            #expect(html.contains("id=\"component-\(anchor)\""), "no row for \(anchor)")
        }
        #expect(svg.contains(">data</text>") && svg.contains(">serving</text>"), "zones are clusters")
    }

    @Test func labelsAreEscaped() throws {
        let (html, _) = try page(
            [
                "Content/site.yaml": "title: T\n",
                "Content/architecture.yaml": """
                components:
                  - { id: "x\\"];evil[", name: "<script>alert(1)</script> & \\"quotes\\"", kind: datastore }
                """,
            ], "architecture/index.html")
        let svg = diagram(html)
        #expect(!svg.isEmpty)
        #expect(!html.contains("<script>alert"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
    }

    @Test func aDotBlockBecomesADiagram() throws {
        let (html, diagnostics) = try page(
            [
                "Content/site.yaml": "title: T\n",
                "Content/notes/flow.md": "---\ntitle: Flow\n---\nBefore.\n\n```dot\ndigraph { label=\"Order flow\"; a -> b; }\n```\n\nAfter.\n",
            ], "notes/flow/index.html")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(html.contains("<figure class=\"diagram-figure\"><svg class=\"diagram\""))
        #expect(html.contains("<title id=\"diagram-notes-flow-1-title\">Order flow</title>"))
        #expect(!html.contains("digraph"), "the DOT source is replaced by the diagram")
    }

    @Test func aBrokenDotBlockIsAnErrorAtItsLine() throws {
        let (_, diagnostics) = try page(
            [
                "Content/site.yaml": "title: T\n",
                "Content/notes/flow.md": "---\ntitle: Flow\n---\nText.\n\n```dot\ndigraph {\n  a -> b\n  c -> -> d\n}\n```\n",
            ], "notes/flow/index.html")
        // Line 9 of the file: the third line of the block.
        #expect(
            diagnostics.contains { $0.location.description == "Content/notes/flow.md:9:1" && $0.message.contains("syntax error") },
            "\(diagnostics)")
    }
}

/// Descriptions in an OpenAPI file are CommonMark, rendered safely.
@Suite struct APIGuideEscapingTests {
    @Test func specTextCannotInjectMarkupOrScripts() throws {
        let spec = #"""
            {"swagger": "2.0", "info": {"title": "<b>svc</b>", "version": "1", "description": "Use `score` <script>alert(1)</script> [x](javascript:alert(2))"},
             "paths": {"/score": {"post": {"operationId": "run\"><img src=x onerror=alert(3)>", "description": "**Scores** <img src=x onerror=alert(4)>",
               "parameters": [{"name": "body", "in": "body", "schema": {"type": "object", "properties": {"a<b": {"type": "string", "description": "<i>x</i>"}}, "example": {"a<b": "</script><script>alert(5)</script>"}}}],
               "responses": {"200": {"description": "ok <script>alert(6)</script>"}}}}}}
            """#
        let project = try makeProject([
            "Content/site.yaml": "title: T\n",
            "Content/api.json": spec,
            "Content/deployment.yaml":
                "model: { name: m, version: '1' }\nenvironments: [ { name: p, endpoints: [ { name: e, mode: realtime, url: 'https://x.example/score', openapi: api.json } ] } ]\n",
        ])
        let result = BuildPipeline.check(options(project))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let html = try #require(result.files.first { $0.path == "api/index.html" }?.contents)
        for bad in ["<script>alert", "javascript:", "<img src=x", "<img", "<b>svc</b>", "<i>x</i>"] {
            #expect(!html.contains(bad), "\(bad) reached the page")
        }
        #expect(html.contains("<code>score</code>") && html.contains("<strong>Scores</strong>"), "CommonMark is rendered")
        #expect(html.contains("run&quot;&gt;&lt;img"), "an operation id is text")
    }
}
