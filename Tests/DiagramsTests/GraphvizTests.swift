import Diagrams
import Testing

@Suite struct GraphvizTests {
    @Test func rendersSVGInProcess() throws {
        let svg = try Graphviz.shared.svg(dot: "digraph { a -> b [label=\"x\"]; }").get()
        #expect(svg.contains("<svg"))
        #expect(svg.contains(">a</text>") && svg.contains(">x</text>"))
    }

    @Test func aSyntaxErrorNamesItsLine() {
        guard case .failure(let failure) = Graphviz.shared.svg(dot: "digraph {\n a -> b\n c -> -> d }") else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.line == 3)
        #expect(failure.message.contains("syntax error"))
    }

    @Test func labelsAreEscapedInTheSVG() throws {
        let svg = try Graphviz.shared.svg(dot: "digraph { a [label=\"<script>alert(1)</script> & co\"]; }").get()
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;"))
    }

    @Test func inlineSVGHasATitleADescriptionAndPrefixedIDs() throws {
        let svg = try Graphviz.shared.svg(dot: "digraph architecture { a -> b; }").get()
        let inline = InlineSVG.make(svg, id: "d1", title: "A <title>", description: "Two boxes")
        #expect(inline.hasPrefix("<svg"))
        #expect(!inline.contains("<?xml") && !inline.contains("<!--"))
        #expect(inline.contains("<title id=\"d1-title\">A &lt;title&gt;</title>"))
        #expect(inline.contains("role=\"img\""))
        #expect(!inline.contains(" id=\"node1\""))
        #expect(inline.contains(" id=\"d1-node1\""))
        #expect(!inline.contains(" width=\""))
    }

    @Test func concurrentCallsAreSerialised() async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<16 {
                group.addTask { try Graphviz.shared.svg(dot: "digraph { n\(i) -> m\(i); }").get().contains("n\(i)") }
            }
            for try await ok in group { #expect(ok) }
        }
    }
}
