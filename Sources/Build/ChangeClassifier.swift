import Foundation
import Loading
import SiteGraph
import Validation

/// The one rule set that says what kind of input each changed path is (`InputKind`), against
/// the last good build's content. `BuildSession` rebuilds from it: only body text changed →
/// those bodies and the pages that show them; otherwise a full render that reuses every page
/// whose kind shows none of the changed kinds (`Page.Kind.inputs`).
struct ChangeClassifier {
    let loader: ContentLoader
    /// What the last good build read.
    let previous: LoadedContent
    /// Position of each Markdown file in `previous.markdown`, by content path.
    let markdownIndex: [String: Int]

    /// What a changed path is.
    struct Change {
        var kind: InputKind
        /// For `.markdownBody`: the file as it reads now.
        var source: MarkdownSource?
    }

    /// The path relative to the project when it is under `Content/` or `Templates/` and no part of
    /// it is ignored (`.git`, `.swp`…), else nil.
    static func inputPath(_ absolute: String, project: URL) -> String? {
        let prefix = project.path + "/"
        guard absolute.hasPrefix(prefix) || absolute + "/" == prefix else { return nil }
        let relative = String(absolute.dropFirst(prefix.count))
        guard relative.hasPrefix("Content") || relative.hasPrefix("Templates") else { return nil }
        return relative.split(separator: "/").contains { ContentLoader.isIgnored(String($0)) } ? nil : relative
    }

    /// Whether the path is an input now or was one of the last good build: a file that came and
    /// went between two looks (an editor's or sed's temporary file) is none. Folders count.
    func isInput(_ relative: String) -> Bool {
        if FileManager.default.fileExists(atPath: loader.projectURL.appendingPathComponent(relative).path) { return true }
        if relative == "Content" || relative == "Templates" { return true }
        if relative.hasPrefix("Content/") {
            let path = String(relative.dropFirst("Content/".count))
            return previous.allPaths.contains(path) || previous.allPaths.contains { $0.hasPrefix(path + "/") }
        }
        if relative.hasPrefix("Templates/") {
            let path = String(relative.dropFirst("Templates/".count))
            return previous.templateOverrides.keys.contains { $0 == path || $0.hasPrefix(path + "/") }
        }
        return false
    }

    /// - Parameter relative: `Content/notes/a.md`, `Templates/pages/note.mustache`, `Content`.
    func classify(_ relative: String) -> Change {
        var change = Change(kind: .structure)
        if relative.hasPrefix("Templates/") {
            let path = String(relative.dropFirst("Templates/".count))
            change.kind = previous.templateOverrides[path] != nil || exists(relative) ? .template : .structure
            return change
        }
        guard relative.hasPrefix("Content/") else { return change }
        let path = String(relative.dropFirst("Content/".count))
        let wasThere = previous.allPaths.contains(path)
        // A folder, or a file that came or went: what the site graph is made of changed.
        guard wasThere, exists(relative) else { return change }
        if path == "site.yaml" {
            change.kind = .siteConfig
        } else if ContentLoader.yamlFileNames.contains(path) || previous.referencedFiles[path] != nil {
            change.kind = .deploymentData
        } else if path.hasPrefix("monitoring/") {
            change.kind = .monitoring
        } else if path.hasSuffix(".md") || path.hasSuffix(".markdown") {
            change.kind = .frontMatter
            if let index = markdownIndex[path], case let old = previous.markdown[index], let source = loader.reloadMarkdown(path),
                source.frontMatterText == old.frontMatterText, source.bodyLineOffset == old.bodyLineOffset,
                Validator.leadingHeading(source.body) == Validator.leadingHeading(old.body)
            {
                change.kind = .markdownBody
                change.source = source
            }
        } else {
            change.kind = .asset
        }
        return change
    }

    private func exists(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        let url = loader.projectURL.appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
