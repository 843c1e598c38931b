import Foundation
import Diagnostics
import Templates
import Testing

@Suite struct ThemeTests {
    @Test func builtInThemeLoadsCleanly() throws {
        let (theme, diagnostics) = Theme.load()
        #expect(diagnostics.isEmpty)
        let loaded = try #require(theme)
        #expect(loaded.assets.contains { $0.path == "assets/handover.css" })
        for name in Theme.requiredTemplates { #expect(Theme.builtInFiles["\(name).mustache"] != nil) }
    }

    @Test func missingPartialIsAnErrorAtItsPlace() {
        let (theme, diagnostics) = Theme.load(overrides: ["pages/note.mustache": "line one\n  {{> partials/pagr}}\n"])
        #expect(theme == nil)
        let d = diagnostics.first
        #expect(d?.location.description == "Templates/pages/note.mustache:2:3")
        #expect(d?.message == "template partial `partials/pagr` does not exist")
        #expect(d?.hint == "did you mean `partials/pager`?")
    }

    @Test func missingParentIsAnError() {
        let (_, diagnostics) = Theme.load(overrides: ["pages/note.mustache": "{{<layouts.bse}}{{$main}}x{{/main}}{{/layouts.bse}}"])
        #expect(diagnostics.contains { $0.message == "template parent `layouts.bse` does not exist" })
    }

    @Test func syntaxErrorHasALine() {
        let (_, diagnostics) = Theme.load(overrides: ["pages/note.mustache": "ok\n{{#a}}\nunclosed\n"])
        #expect(diagnostics.first?.location.path == "Templates/pages/note.mustache")
        #expect(diagnostics.first?.message.hasPrefix("template syntax error") == true)
    }

    @Test func overrideReplacesByName() throws {
        let (theme, _) = Theme.load(overrides: ["assets/handover.css": "body{}"])
        #expect(try #require(theme).files["assets/handover.css"] == "body{}")
    }
}

@Suite struct SchemaTests {
    @Test(arguments: ["site", "deployment", "architecture", "dashboard"])
    func schemaIsJSONWithTheFileFields(_ name: String) throws {
        let text = try #require(Theme.builtInFiles["schemas/\(name).schema.json"])
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let properties = try #require(schema["properties"] as? [String: Any])
        let expected: [String: Set<String>] = [
            "site": ["title", "description", "customer", "project", "contact", "team", "base_url", "language", "raw_html"],
            "deployment": ["model", "environments", "pipelines", "consumers", "releases", "objectives"],
            "architecture": ["components", "flows"],
            "dashboard": ["window", "stale_after", "panels", "maintenance"],
        ]
        #expect(Set(properties.keys) == expected[name])
    }
}
