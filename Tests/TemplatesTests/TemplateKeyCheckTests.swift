@testable import Templates
import Testing

private struct Item: ViewModel {
    var name: String
    var note: String?
    static let fields = ViewFields<Self>("an item", [.value("name") { $0.name }, .value("note") { $0.note }])
}

private struct Root: ViewModel {
    var title: String
    var items: [Item]
    static let fields = ViewFields<Self>("the root", [.value("title") { $0.title }, .models("items") { $0.items }])
}

@Suite struct TemplateKeyCheckTests {
    func findings(_ templates: [String: String], _ root: String = "page") -> [String] {
        var check = TemplateKeyCheck(templates: templates)
        return check.check(root, with: Root.schema).map { "\($0.line):\($0.column) \($0.message)" }
    }

    @Test func aNameInsideASectionMayBeAKeyOfAnyEnclosingModel() {
        #expect(findings(["page": "{{title}}{{#items}}{{name}} {{title}}{{^note}}-{{/note}}{{/items}}"]) == [])
    }

    @Test func anUnknownNameIsFoundWithItsPlace() {
        #expect(
            findings(["page": "{{title}}\n  {{#items}}{{nmae}}{{/items}}{{{raw}}}"])
                == ["2:13 `nmae` is not a key of an item or the root", "2:31 `raw` is not a key of the root"])
    }

    @Test func aDottedNameIsFollowedThroughTheModels() {
        #expect(
            findings(["page": "{{items.name}}{{title.length}}{{items.nope}}"])
                == ["1:15 `the root`'s `title` is a plain value: it has no `length`", "1:31 `nope` is not a key of an item"])
    }

    @Test func partialsAndParentsAreCheckedWithTheContextTheyAreRenderedIn() {
        let templates = [
            "layout": "<h1>{{title}}</h1>{{$main}}default {{missingDefault}}{{/main}}",
            "row": "{{name}}{{bad}}",
            "page": "{{<layout}}{{$main}}{{#items}}{{>row}}{{/items}}{{/main}}{{/layout}}",
        ]
        // The block's default is replaced, so its unknown name is never rendered; the partial's is.
        #expect(
            findings(templates).map { $0.split(separator: " ").dropFirst().joined(separator: " ") }
                == ["`bad` is not a key of an item or the root"])
    }

    @Test func commentsAndChangedDelimitersAreNotNames() {
        #expect(findings(["page": "{{! {{nothing}} }}{{title}}{{=<% %>=}}<% whatever %>"]) == [])
    }
}
