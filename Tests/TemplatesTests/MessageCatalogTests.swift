import Basics
import Foundation
import Diagnostics
import Mustache
@testable import Templates
import Testing

/// The message catalogs: the built-in ones, a project's overrides and languages, plurals,
/// placeholders, and the words as templates show them.
@Suite struct MessageCatalogTests {
    let english = MessageCatalog.load(language: "en", overrides: [:]).0

    func entries(_ language: String) -> [String: MessageCatalog.Located] {
        var diagnostics: [Diagnostic] = []
        let entries = MessageCatalog.parse(Theme.builtInFiles["i18n/\(language).yaml"]!, path: language, into: &diagnostics)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return entries
    }

    @Test func theBuiltInKoreanCatalogHasEveryEnglishKeyAndNoOther() {
        let en = entries("en"), ko = entries("ko")
        #expect(en.count > 500)
        #expect(Set(en.keys).subtracting(ko.keys).sorted() == [])
        #expect(Set(ko.keys).subtracting(en.keys).sorted() == [])
        let (_, diagnostics) = MessageCatalog.load(language: "ko", overrides: [:])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func koreanUsesTheOfficialTDSPTerms() {
        let ko = MessageCatalog.load(language: "ko", overrides: [:]).0
        #expect(ko["stage.business-understanding.title"] == "비즈니스 이해")
        #expect(ko["stage.data-acquisition-and-understanding.title"] == "데이터 취득 및 이해")
        #expect(ko["stage.modeling.title"] == "모델링")
        #expect(ko["stage.deployment.title"] == "배포")
        #expect(ko["stage.customer-acceptance.title"] == "고객 승인")
    }

    @Test func datesAndNumbersReadAsTheLanguageWritesThem() {
        let ko = MessageCatalog.load(language: "ko", overrides: [:]).0
        let moment: Int64 = 1_795_649_400_000  // 2026-11-25 23:30 UTC
        #expect(ko.dateTime(moment) == "2026년 11월 25일 23:30 UTC")
        #expect(english.dateTime(moment) == "2026-11-25 23:30 UTC")
        #expect(ko.day(iso: "2026-05-18") == "2026년 5월 18일")
        #expect(ko.period(7 * 86400) == "7일")
        #expect(english.period(7 * 86400) == "7 days" && english.period(60) == "1 minute")
        #expect(ko.quantity(0.2186, unit: "s") == "218.6ms")
        let (de, _) = MessageCatalog.load(
            language: "de", overrides: ["i18n/de.yaml": "number.decimal: \",\"\nnumber.group: \".\"\n"])
        #expect(de.quantity(1_234_567.5, unit: "rows") == "1.234.568 rows")
        #expect(de.percent(0.99912) == "99,912%")
    }

    @Test func pluralFormsFollowTheLanguagesRules() {
        #expect(english.plural("period.days", 1) == "1 day")
        #expect(english.plural("period.days", 3) == "3 days")
        #expect(PluralRule.category(of: 1, language: "ko") == "other")
        #expect(PluralRule.category(of: 0, language: "fr") == "one")
        #expect(PluralRule.category(of: 22, language: "ru") == "few")
        #expect(PluralRule.category(of: 25, language: "pl-PL") == "many")
        let (ru, _) = MessageCatalog.load(
            language: "ru",
            overrides: ["i18n/ru.yaml": "period.days: {one: \"{count} день\", few: \"{count} дня\", many: \"{count} дней\", other: \"{count} дня\"}\n"])
        #expect(ru.plural("period.days", 21) == "21 день")
        #expect(ru.plural("period.days", 3) == "3 дня")
        #expect(ru.plural("period.days", 11) == "11 дней")
    }

    @Test func aMissingKeyFallsBackToEnglishWithAWarningNamingIt() {
        // A German catalog that has every message but one.
        let full = Theme.builtInFiles["i18n/en.yaml"]!.split(separator: "\n", omittingEmptySubsequences: false)
        let german = full.filter { !$0.hasPrefix("nav.dashboard:") }.joined(separator: "\n")
            .replacingOccurrences(of: "nav.home: \"Home\"", with: "nav.home: Startseite")
        let (de, diagnostics) = MessageCatalog.load(language: "de", overrides: ["i18n/de.yaml": german])
        #expect(de["nav.home"] == "Startseite")
        #expect(de["nav.dashboard"] == "Dashboard")
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics.first?.location.path == "Templates/i18n/de.yaml")
        #expect(diagnostics.first?.message == "1 message missing for `de`, shown in English: `nav.dashboard`")
    }

    @Test func aLanguageWithoutACatalogIsAWarningAtTheSiteLanguage() {
        let place = SourceLocation(path: "Content/site.yaml", line: 3, column: 11)
        let (fr, diagnostics) = MessageCatalog.load(language: "fr", overrides: [:], languageLocation: place)
        #expect(fr["nav.home"] == "Home")
        #expect(diagnostics.count == 1 && diagnostics[0].location == place, "\(diagnostics)")
        #expect(diagnostics[0].message.contains("no message catalog for `fr`"))
    }

    @Test func aProjectOverridesSomeKoreanWordsAndKeepsTheRest() {
        let (ko, diagnostics) = MessageCatalog.load(
            language: "ko-KR", overrides: ["i18n/ko.yaml": "nav.home: 처음으로\n", "i18n/ko-KR.yaml": "nav.report: 리포트\n"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(ko["nav.home"] == "처음으로" && ko["nav.report"] == "리포트" && ko["nav.dashboard"] == "대시보드")
    }

    @Test func mistakesInACatalogAreFoundWithTheirPlace() {
        let text =
            "nav.hom: Start\nhealth.detail: \"{what} as of {when}\"\nperiod.days: {one: \"{count} Tag\"}\nsite.skip: \"{{oops}}\"\n"
            + "site.contact: \"{t.site.contact}\"\n"
        let (_, diagnostics) = MessageCatalog.load(language: "de", overrides: ["i18n/de.yaml": text])
        let found = diagnostics.map { "\($0.location.line ?? 0): \($0.message)" }
        #expect(found.contains { $0.hasPrefix("1: `nav.hom` is not a message") }, "\(found)")
        #expect(diagnostics.contains { $0.hint?.contains("`nav.home`") == true })
        #expect(found.contains { $0.hasPrefix("2: `health.detail` has the placeholder `{when}`") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("3: `period.days`: plural forms need `other`") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("4: `site.skip`: braces may only hold a placeholder name") }, "\(found)")
        // A message naming a message (itself, here) would render without end: refused.
        #expect(found.contains { $0.hasPrefix("5: `site.contact`: braces may only hold a placeholder name") }, "\(found)")
    }

    @Test func aTemplateFillsPlaceholdersFromWhereTheMessageStandsAndEscapesThem() throws {
        let (messages, _) = MessageCatalog.load(
            language: "en", overrides: ["i18n/en.yaml": "site.preparedFor: \"for **{site.customer}** & `co`\"\n"])
        let template = try MustacheTemplate(string: "<p>{{#site}}{{t.site.preparedFor}}{{/site}} {{t.nav.home}}</p>")
        let html = template.render(["t": MessageScope(messages), "site": ["customer": "<Contoso>"]])
        #expect(html == "<p>for <strong>&lt;Contoso&gt;</strong> &amp; <code>co</code> Home</p>")
    }

    @Test func theTemplateCheckKnowsTheCatalog() {
        struct Page: ViewModel {
            static let fields = ViewFields<Self>("the page", [.value("t") { _ in nil }, .value("name") { _ in "x" }])
        }
        var check = TemplateKeyCheck(
            templates: ["page": "{{t.nav.home}} {{t.nav.hoem}} {{t.site.preparedFor}}"], messages: english)
        let findings = check.check("page", with: Page.schema).map(\.message)
        #expect(findings.count == 2, "\(findings)")
        #expect(findings.contains { $0.contains("`t.nav.hoem` is not a message of the catalog") })
        // The message's placeholder `{site.customer}` must be in reach where it stands.
        #expect(findings.contains { $0.contains("`site`") })
    }

    @Test func quantitiesReadInTheirUnit() {
        #expect(english.quantity(0.2186, unit: "s") == "218.6 ms")
        #expect(english.quantity(2.5, unit: "s") == "2.5 s")
        #expect(english.quantity(16.33, unit: "h") == "16.33 hours")
        #expect(english.quantity(90, unit: "min") == "1.5 hours")
        #expect(english.quantity(0.000161, unit: "err/s") == "0.000161 err/s")
        #expect(english.quantity(48102, unit: "rows") == "48,102 rows")
        #expect(english.quantity(15.25, unit: "%") == "15.25%")
        #expect(english.quantity(1, unit: "") == "1")
        #expect(english.duration(0.00085) == "850 µs")
        #expect(english.duration(3 * 86400) == "3 days")
        // A node exporter's MemTotal, and zero traffic, as a reader writes them.
        #expect(english.quantity(25_275_973_632, unit: "bytes") == "23.54 GiB")
        #expect(english.quantity(512, unit: "B") == "512 B")
        #expect(english.quantity(0, unit: "B/s") == "0 B/s")
        #expect(english.quantity(1536, unit: "bytes/s") == "1.5 KiB/s")
        #expect(english.quantity(25_275_973_632, unit: "") == "25.28 billion")
        #expect(english.quantity(3.2e12, unit: "req") == "3.2 trillion req")
    }

    @Test func windowsInWords() {
        #expect(english.period(604_800) == "7 days")
        #expect(english.period(86_400) == "24 hours")
        #expect(english.period(172_800) == "2 days")
        #expect(english.period(3600) == "1 hour")
        #expect(english.period(5400) == "90 minutes")
        #expect(english.period(45) == "45 seconds")
    }
}
