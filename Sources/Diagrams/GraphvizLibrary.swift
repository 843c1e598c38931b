import CGraphviz
import Foundation

/// Graphviz's layout and SVG renderer through libgvc: what a diagram worker process runs
/// (`DiagramWorker`), never the build itself, because libgvc can be crashed or hung by its input.
///
/// libgvc keeps global state (its context, the error callback, cgraph's parser), so one owner
/// serialises every call.
final class GraphvizLibrary: @unchecked Sendable {
    static let shared = GraphvizLibrary()
    typealias Failure = Graphviz.Failure

    private let lock = NSLock()
    /// cgraph keeps the pointer it is given: one string for the life of the process.
    nonisolated(unsafe) private static let inputName = strdup("diagram")
    private var context: OpaquePointer?

    private init() {}

    /// Lays out DOT text with `dot` and returns the SVG document Graphviz writes.
    func svg(dot: String) -> Result<String, Failure> {
        lock.lock()
        defer { lock.unlock() }
        if context == nil {
            context = gvContext()
            agseterrf(collectGraphvizError)
        }
        guard let context else { return .failure(Failure(message: "Graphviz could not start (gvContext failed)")) }
        graphvizErrors = ""
        // cgraph's scanner keeps its state between parses (whether it stands at a line start, the
        // line count): an empty graph ending in a newline puts it in a known state, then the count
        // starts again, so that an error names the line of this diagram.
        if let primer = agmemread("digraph{}\n") { agclose(primer) }
        agsetfile(Self.inputName)
        agreadline(0)
        guard let graph = (dot + "\n").withCString({ agmemread($0) }) else {
            return .failure(Self.failure(graphvizErrors, fallback: "Graphviz could not read the diagram"))
        }
        defer { agclose(graph) }
        guard gvLayout(context, graph, "dot") == 0 else {
            return .failure(Self.failure(graphvizErrors, fallback: "Graphviz could not lay out the diagram"))
        }
        defer { gvFreeLayout(context, graph) }
        var result: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        guard gvRenderData(context, graph, "svg", &result, &length) == 0, let result else {
            return .failure(Self.failure(graphvizErrors, fallback: "Graphviz could not render SVG"))
        }
        defer { gvFreeRenderData(result) }
        let bytes = UnsafeRawBufferPointer(start: result, count: Int(length))
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    /// `Error: syntax error in line 3 near '->'` → that message and line 3.
    static func failure(_ text: String, fallback: String) -> Failure {
        var message = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if message.hasPrefix("Error:") { message = String(message.dropFirst(6)).trimmingCharacters(in: .whitespaces) }
        if message.isEmpty { message = fallback }
        var line: Int?
        if let range = message.range(of: "in line ") {
            line = Int(message[range.upperBound...].prefix { $0.isNumber })
        }
        return Failure(message: message.replacingOccurrences(of: "\n", with: " "), line: line, kind: .syntax)
    }
}

/// What Graphviz reported during the current call (the lock is held while it is written).
nonisolated(unsafe) private var graphvizErrors = ""

private func collectGraphvizError(_ message: UnsafeMutablePointer<CChar>?) -> Int32 {
    if let message { graphvizErrors += String(cString: message) }
    return 0
}
