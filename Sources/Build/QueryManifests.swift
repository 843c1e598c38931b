import Diagnostics
import Loading

/// Reads the `*.queries.yaml` that `handover pull prometheus` writes beside its responses:
/// which expression each snapshot file answers.
enum QueryManifests {
    /// - Returns: the expression each answered snapshot stands for, by its path relative to
    ///   `Content/`; an error for a manifest that is not what pull writes, a warning for an
    ///   answer whose file is gone.
    static func read(_ content: LoadedContent) -> (expressions: [String: String], diagnostics: [Diagnostic]) {
        var expressions: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        let snapshots = Set(content.monitoring.map(\.contentPath))
        for manifest in content.queryManifests {
            let fileLocation = SourceLocation(path: manifest.displayPath, line: 1, column: 1)
            let hint = "this file is written by `handover pull prometheus`: pull again, or remove it to evaluate the expressions on the snapshots"
            guard let root = manifest.root, case .sequence(let answers)? = root["answers"]?.value else {
                diagnostics.append(
                    .error(
                        at: manifest.root?["answers"]?.location ?? manifest.root?.location ?? fileLocation,
                        "expected `answers:`, a list of `file:` and `query:`, found \(manifest.root?["answers"]?.kindDescription ?? "none")",
                        hint: hint))
                continue
            }
            let folder = manifest.contentPath.split(separator: "/").dropLast().joined(separator: "/")
            for answer in answers {
                guard let file = answer["file"]?.scalarString, let query = answer["query"]?.scalarString, !query.isEmpty else {
                    diagnostics.append(
                        .error(at: answer.location, "expected an answer with `file:` and `query:`, found \(answer.kindDescription)", hint: hint))
                    continue
                }
                // Pull writes its answers beside the manifest: a plain file name, never a path.
                guard !file.isEmpty, !file.contains("/"), file != "..", file != "." else {
                    diagnostics.append(
                        .error(
                            at: answer["file"]!.location, "expected the name of a file beside \(manifest.displayPath), found `\(file)`",
                            hint: hint))
                    continue
                }
                let path = folder + "/" + file
                guard snapshots.contains(path) else {
                    diagnostics.append(
                        .warning(
                            at: answer["file"]!.location,
                            "the answer to `\(query)` names Content/\(path), which is not there",
                            hint: hint))
                    continue
                }
                expressions[path] = query
            }
        }
        return (expressions, diagnostics)
    }
}
