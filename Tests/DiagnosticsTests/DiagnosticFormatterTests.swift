import Diagnostics
import Testing

@Suite struct DiagnosticFormatterTests {
    let diagnostics: [Diagnostic] = [
        .error(at: SourceLocation(path: "Content/deployment.yaml", line: 4, column: 12), "model.version: expected text, found a list"),
        .warning(at: SourceLocation(path: "Content/site.yaml", line: 2, column: 1), "site: unknown field `titel`", hint: "did you mean `title`?"),
    ]

    @Test func textIsCompilerStyle() {
        let text = DiagnosticFormatter(format: .text).format(diagnostics)
        #expect(
            text == """
                Content/deployment.yaml:4:12: error: model.version: expected text, found a list
                Content/site.yaml:2:1: warning: site: unknown field `titel`
                  hint: did you mean `title`?

                """)
    }

    @Test func githubAnnotationsEscapeProperties() {
        let text = DiagnosticFormatter(format: .github).format([
            .error(at: SourceLocation(path: "Content/a,b.md", line: 3, column: 1), "bad: 100%\nnext")
        ])
        #expect(text == "::error file=Content/a%2Cb.md,line=3,col=1::bad: 100%25%0Anext\n")
    }

    @Test func jsonCountsAndEscapes() {
        let json = DiagnosticFormatter(format: .json).format(diagnostics)
        #expect(json.hasPrefix("{\"errors\":1,\"warnings\":1,"))
        #expect(json.contains("\"path\":\"Content/deployment.yaml\",\"line\":4,\"column\":12"))
        #expect(json.contains("\"hint\":\"did you mean `title`?\""))
    }

    @Test func nearestNameFindsTyposOnly() {
        #expect(nearestName(to: "onwers", in: ["owners", "status", "title"]) == "owners")
        #expect(nearestName(to: "titel", in: ["owners", "status", "title"]) == "title")
        #expect(nearestName(to: "zzzzzz", in: ["owners", "status", "title"]) == nil)
    }

    @Test func bagSortsByLocationAndDropsDuplicates() {
        var bag = DiagnosticBag()
        bag.add(diagnostics[1])
        bag.add(diagnostics[0])
        bag.add(diagnostics[0])
        #expect(bag.sorted.map(\.location.path) == ["Content/deployment.yaml", "Content/site.yaml"])
        #expect(bag.hasErrors)
    }
}
