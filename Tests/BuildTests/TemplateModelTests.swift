import Diagnostics
import Pages
import Templates
import Testing

/// The built-in templates and the page models they are rendered with agree, key for key.
@Suite struct TemplateModelTests {
    @Test func builtInTemplatesNameOnlyKeysTheirModelsHave() throws {
        let theme = try #require(Theme.load().0)
        let findings = theme.checkKeys(SiteRenderer.templateModels, messages: MessageCatalog.load(language: "en", overrides: [:]).0)
        #expect(findings.map { "\($0.location.description): \($0.message)" } == [])
    }

    @Test func everyPageTemplateIsChecked() {
        let checked = Set(SiteRenderer.templateModels.map(\.template))
        for name in Theme.requiredTemplates { #expect(checked.contains(name), "\(name) has no model in SiteRenderer.templateModels") }
    }

    @Test func anOverrideNamingAnUnknownKeyIsAWarningAtItsPlace() throws {
        let dashboard = """
            {{<layouts.base}}{{$main}}
            <h1>{{page.title}}</h1>
            {{#tiles}}<p>{{titel}}</p>{{/tiles}}
            {{#health}}{{label}} {{site.title}} {{page.nope}}{{/health}}
            {{/main}}{{/layouts.base}}
            """
        let theme = try #require(Theme.load(overrides: ["pages/dashboard.mustache": dashboard]).0)
        let findings = theme.checkKeys(SiteRenderer.templateModels, messages: MessageCatalog.load(language: "en", overrides: [:]).0)
        #expect(findings.map(\.severity) == [.warning, .warning])
        #expect(
            findings.map(\.location.description) == [
                "Templates/pages/dashboard.mustache:3:14",
                "Templates/pages/dashboard.mustache:4:37",
            ])
        #expect(findings.first?.message.contains("`titel`") == true)
        #expect(findings.first?.hint?.contains("did you mean `title`?") == true)
        #expect(findings.last?.message.contains("`nope` is not a key of page") == true)
    }

    @Test func anOverriddenPartialIsCheckedWhereEveryPageUsesIt() throws {
        let theme = try #require(Theme.load(overrides: ["partials/status.mustache": "{{key}}{{icon}}{{lable}}"]).0)
        let findings = theme.checkKeys(SiteRenderer.templateModels, messages: MessageCatalog.load(language: "en", overrides: [:]).0)
        // Reported once, at the partial, however many pages include it.
        #expect(findings.map(\.location.description) == ["Templates/partials/status.mustache:1:16"])
    }
}
