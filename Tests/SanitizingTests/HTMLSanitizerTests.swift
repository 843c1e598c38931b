@testable import Sanitizing
import Testing

@Suite struct HTMLSanitizerTests {
    func clean(_ html: String) -> String { HTMLSanitizer.sanitize(html) }

    @Test func unsafeSchemesGoWhateverTheirSpelling() {
        for href in [
            "javascript:alert(1)", "JAVASCRIPT:alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript:x",
            "&#106avascript:x", "java&#x09;script:x", "java\tscript:x", " \u{1}javascript:x",
            "javascript&colon;x", "vbscript:x", "data:text/html,<script>x</script>", "file:///etc/passwd",
            "jav&NewLine;ascript:x",
        ] {
            #expect(clean("<a href=\"\(href)\">x</a>") == "<a>x</a>", "\(href)")
        }
        #expect(clean("<a href='https://example.com/?a=1&amp;b=2'>x</a>") == "<a href=\"https://example.com/?a=1&amp;b=2\">x</a>")
        #expect(clean("<a href=\"../notes/\">x</a>") == "<a href=\"../notes/\">x</a>")
        #expect(clean("<a href=\"#goal\">x</a>") == "<a href=\"#goal\">x</a>")
        #expect(clean("<a href=\"a/b:c\">x</a>") == "<a href=\"a/b:c\">x</a>")  // a colon after a slash is a path
        #expect(clean("<img src=\"data:image/png;base64,AAAA\">") == "<img src=\"data:image/png;base64,AAAA\">")
        #expect(clean("<a href=\"data:image/png;base64,AAAA\">x</a>") == "<a>x</a>")
        #expect(clean("<img srcset=\"a.png 1x, javascript:x 2x\">") == "<img>")
    }

    @Test func handlersAndUnknownAttributesGoValuesAreEscapedAgain() {
        #expect(clean("<img src=x onerror=alert(1)>") == "<img src=\"x\">")
        #expect(clean("<details open ONTOGGLE=\"x\">") == "<details open>")
        #expect(clean("<span title='a\"b<c'>") == "<span title=\"a&quot;b&lt;c\">")
        #expect(clean("<div style=\"color: red\">") == "<div style=\"color: red\">")
        #expect(clean("<div style=\"background:url(x)\">") == "<div>")
        #expect(clean("<div style=\"b\\61ckground:u\\72l(x)\">") == "<div>")
        #expect(clean("<a xlink:href=\"javascript:x\" formaction=\"x\">") == "<a>")
    }

    @Test func elementsOutsideTheListAreShownAsText() {
        #expect(clean("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(clean("<svg onload=x>") == "&lt;svg onload=x&gt;")
        #expect(clean("<form action=\"javascript:x\">") == "&lt;form action=\"javascript:x\"&gt;")
        #expect(clean("<X>") == "&lt;X&gt;")
        #expect(clean("a < b and <3") == "a &lt; b and &lt;3")
        #expect(clean("<!-- note --><b>x</b>") == "<b>x</b>")
        #expect(clean("<a href=\"x\"") == "&lt;a href=\"x\"")  // unclosed: text
        #expect(clean("</a>") == "</a>")
    }
}
