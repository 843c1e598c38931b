import Build
import Foundation
import Testing

/// A `<script>` or `javascript:` value in any field never reaches the site unescaped.
@Suite struct EscapingTests {
    static let script = "<script>alert(1)</script>"
    static let js = "javascript:alert(1)"

    @Test func hostileValuesInEveryField() throws {
        let s = Self.script, q = "\"\(Self.script)\""
        let project = try makeProject([
            "Content/site.yaml": """
            title: \(q)
            description: \(q)
            customer: \(q)
            contact: \(q)
            team: [ { name: \(q), role: \(q) } ]
            """,
            "Content/deployment.yaml": """
            model:
              name: \(q)
              version: \(q)
              task: \(q)
              framework: \(q)
              owner: \(q)
              description: \(q)
              training_data: { name: \(q), link: "\(Self.js)" }
              metrics: [ { name: \(q), value: 1 } ]
              candidates: [ { name: \(q), metrics: { \(q): 1 } } ]
            environments:
              - name: \(q)
                endpoints: [ { name: ep, mode: realtime, url: "https://x.example/\(s)", auth: \(q), compute: { sku: \(q), autoscale: \(q) } } ]
                batch: [ { name: \(q), schedule: \(q), input: \(q), output: \(q) } ]
            pipelines: [ { name: \(q), steps: [\(q)] } ]
            consumers: [ { name: \(q), kind: website, uses: ep, description: \(q) } ]
            releases: [ { version: \(q), date: 2026-01-01, by: \(q), notes: \(q) } ]
            objectives: [ { component: ep, name: \(q), series: \(q), below: 1 } ]
            """,
            "Content/architecture.yaml": """
            components: [ { id: c, name: \(q), kind: \(q), tech: \(q), zone: \(q), description: \(q) } ]
            flows: [ { from: c, to: ep, label: \(q) } ]
            """,
            "Content/dashboard.yaml": "panels: [ { title: \(q), series: \(q), unit: \(q) } ]\n",
            "Content/lifecycle/customer-acceptance.md": """
            ---
            title: \(q)
            owners: [\(q)]
            artifacts: [ { name: \(q), link: "\(Self.js)" } ]
            criteria: [ \(q), { name: \(q), met: false, evidence: "\(Self.js)" } ]
            decision: { outcome: pending, by: \(q), notes: \(q) }
            signoffs: [ { name: \(q), role: \(q), decision: pending, comment: \(q) } ]
            ---
            \(s) [click](\(Self.js)) <img src=x onerror=alert(1)>
            """,
            "Content/incidents/x.md": "---\ntitle: \(q)\nstarted: 2026-01-01\nimpact: minor\ncomponents: [ep]\n---\n\(s)\n",
            "Content/notes/n.md": "---\ntitle: \(q)\ndescription: \(q)\ntags: [\(q)]\n---\n## \(s)\n\n[x](\(Self.js))\n",
        ])
        let result = BuildPipeline.check(options(project))
        #expect(result.files.count > 10)
        for file in result.files {
            #expect(!file.contents.contains("<script>alert"), "unescaped script in \(file.path)")
            #expect(!file.contents.lowercased().contains("javascript:"), "javascript: URL in \(file.path)")
            #expect(!file.contents.contains("onerror=alert"), "raw HTML attribute in \(file.path)")
        }
        let home = try #require(result.files.first { $0.path == "index.html" })
        #expect(home.contents.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // The printed sheet's footer is a CSS string in a <style>: escaped so that it cannot end it.
        #expect(home.contents.contains(#"content: "\3c script\3e alert(1)\3c /script\3e ""#), "\(home.contents.prefix(1200))")
    }
}
