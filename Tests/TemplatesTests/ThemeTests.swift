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
