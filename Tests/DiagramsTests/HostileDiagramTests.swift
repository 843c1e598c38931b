import Diagrams
import Foundation
import Sanitizing
import Testing

/// DOT written to hurt: each case ends in a located failure or a safe SVG, never a crash or a hang.
@Suite(.serialized) struct HostileDiagramTests {
    func failure(_ dot: String) -> Graphviz.Failure? {
        if case .failure(let failure) = Graphviz.shared.svg(dot: dot) { return failure }
        return nil
    }

    @Test func fileReadingAndEngineSwitchingAttributesAreRefusedAtTheirLine() {
        let cases: [(String, String)] = [
            ("digraph {\n a [image=\"/etc/passwd\"]\n}", "attribute `image`"),
            ("digraph {\n\n a [shape=epsf shapefile=\"../../secret.ps\"] }", "attribute `shapefile`"),
            ("digraph { fontpath=\"/root\"; a }", "attribute `fontpath`"),
            ("digraph { imagepath=\"/\"; a }", "attribute `imagepath`"),
            ("digraph { layout=neato; maxiter=100000000; a }", "attribute `layout`"),
            ("digraph { a [label=<<table><tr><td><img src=\"/etc/hosts\"/></td></tr></table>>] }", "`<img>`"),
            ("digraph { stylesheet=\"https://evil.example/x.css\"; a }", "attribute `stylesheet`"),
        ]
        for (dot, expected) in cases {
            let f = failure(dot)
            #expect(f?.kind == .limit && f?.message.contains(expected) == true, "\(dot): \(String(describing: f))")
        }
        #expect(failure("digraph {\n a [image=\"/etc/passwd\"]\n}")?.line == 2)
        #expect(failure("digraph {\n\n a [shape=epsf shapefile=\"x.ps\"] }")?.line == 3)
    }

    @Test func sizeLimitsAreLocatedAndNamed() {
        var complete = "graph {\n"
        for a in 0..<50 { for b in (a + 1)..<50 { complete += "n\(a) -- n\(b)\n" } }
        complete += "}"
        #expect(failure(complete)?.message.contains("diagram too large: 601 edges, the limit is 600") == true)

        let fan = "digraph { {a b c d e f g h i j k l m n o p q r s t u v w x y} -> {A B C D E F G H I J K L M N O P Q R S T U V W X Y} }"
        #expect(failure(fan)?.message.contains("edges, the limit is 600") == true)

        let nodes = "digraph { " + (0..<500).map { "n\($0);" }.joined() + " }"
        #expect(failure(nodes)?.message.contains("more than 400 nodes") == true)

        let lines = "digraph { a [label=\"" + String(repeating: "x\\n", count: 50_000) + "\"] }"
        #expect(failure(lines)?.kind == .limit)

        let record = "digraph { a [shape=record label=\"" + String(repeating: "{", count: 100_000) + String(repeating: "}", count: 100_000) + "\"] }"
        #expect(failure(record)?.kind == .limit)

        let spans = "digraph { a [label=<<table><tr><td rowspan=\"65535\" colspan=\"65535\">x</td></tr></table>>] }"
        #expect(failure(spans)?.message.contains("rowspan=65535") == true)
        #expect(failure("digraph { a [shape=polygon sides=100000000] }")?.message.contains("`sides=100000000`") == true)
        #expect(failure("digraph { mclimit=1000; a -> b }")?.message.contains("mclimit") == true)
        let loops = "digraph { " + String(repeating: "a -> a; ", count: 20_000) + "}"
        #expect(failure(loops)?.message.contains("diagram too large") == true)
    }

    @Test func hostileMarkupInTheSVGIsRemoved() throws {
        let dot = #"""
            digraph {
              a [label="API" fontname="x\" onload=\"alert(1)" URL="javascript:alert(2)"];
              b [href="data:text/html,<script>alert(3)</script>" target="evil"];
              c [label=<<table><tr><td href="vbscript:x"><font face="y&quot; onmouseover=&quot;alert(4)">t</font></td></tr></table>>];
              a -> b [edgeURL="JAVASCRIPT:alert(5)" labelURL="javascript:alert(6)" label="e"];
              b -> c [URL="../notes/ok/"];
            }
            """#
        let svg = try Graphviz.shared.svg(dot: dot).get()
        let lower = svg.lowercased()
        for needle in ["onload", "onmouseover", "javascript:", "vbscript:", "data:text", "<script", "target=\"evil\""] {
            #expect(!lower.contains(needle), "\(needle) in \(svg)")
        }
        #expect(svg.contains("xlink:href=\"../notes/ok/\""))
    }

    @Test func aCrashingOrHangingLayoutIsAFailureAndTheNextDiagramWorks() throws {
        // Past the policy on purpose: what the worker process does with input that crashes
        // libgvc (a 50,000-line label overflows its stack) or takes too long.
        var saved = Graphviz.shared.limits
        defer { Graphviz.shared.limits = saved }
        Graphviz.shared.limits.labelLines = .max
        Graphviz.shared.limits.labelBytes = .max
        Graphviz.shared.limits.bytes = .max
        let crash = "digraph { a [label=\"" + String(repeating: "x\\n", count: 50_000) + "\"] }"
        if case .failure(let f) = Graphviz.shared.svg(dot: crash) {
            #expect(f.kind == .worker || f.kind == .syntax, "\(f)")
        }
        saved.edges = .max
        Graphviz.shared.limits = saved
        Graphviz.shared.limits.edges = .max
        let oldTimeout = Graphviz.timeoutSeconds
        Graphviz.timeoutSeconds = 0.5
        defer { Graphviz.timeoutSeconds = oldTimeout }
        var complete = "graph {\n"
        for a in 0..<60 { for b in (a + 1)..<60 { complete += "n\(a) -- n\(b)\n" } }
        let started = Date()
        let slow = failure(complete + "}")
        #expect(slow?.kind == .worker && slow?.message.contains("took longer than 0.5 s") == true, "\(String(describing: slow))")
        #expect(Date().timeIntervalSince(started) < 30)
        Graphviz.timeoutSeconds = oldTimeout
        #expect(try Graphviz.shared.svg(dot: "digraph { after -> crash }").get().contains(">after</text>"))
    }

    @Test func theWorkerCannotReadFilesOutsideTheSystem() throws {
        // Even past the policy, a sandboxed worker cannot read the project or the home folder.
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("handover-secret-\(UUID().uuidString).svg")
        try "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>TOP-SECRET</text></svg>".write(to: secret, atomically: true, encoding: .utf8)
        #expect(failure("digraph { a [image=\"\(secret.path)\"] }")?.kind == .limit)  // the policy refuses it first
        let saved = Graphviz.shared.limits
        defer { Graphviz.shared.limits = saved }
        Graphviz.shared.limits.refuseFileAttributes = false
        for dot in ["digraph { a [image=\"\(secret.path)\"] }", "digraph { a [label=<<table><tr><td><img src=\"\(secret.path)\"/></td></tr></table>>] }"] {
            switch Graphviz.shared.svg(dot: dot) {
            case .success(let svg):
                #expect(!svg.contains("TOP-SECRET") && !svg.contains(secret.path) && !svg.contains("<image"), "\(svg)")
            case .failure(let f):
                #expect(!f.message.contains("TOP-SECRET"))
            }
        }
    }
}

@Suite struct DOTPolicyTests {
    @Test func ordinaryDiagramsPass() {
        #expect(
            DOTPolicy.check("digraph G { rankdir=LR; node [shape=box]; subgraph cluster_a { label=\"A\"; x; y } x -> y -> z; z -> {p q} [label=\"fan\"] }")
                == nil)
        #expect(DOTPolicy.check("graph { a -- b; b -- c:n; // comment\n /* block */ c }") == nil)
        #expect(DOTPolicy.check("digraph { a [label=<<b>bold</b>>]; a -> b [penwidth=2.5] }") == nil)
    }

    @Test func edgesAreCountedAcrossSubgraphOperands() {
        var limits = DOTPolicy.Limits()
        limits.edges = 5
        #expect(DOTPolicy.check("digraph { a -> {b c} -> {d e} }", limits: limits) != nil)  // 2 + 4 = 6
        #expect(DOTPolicy.check("digraph { a -> {b c}; d -> e; f -> g }", limits: limits) == nil)  // 4
    }
}
