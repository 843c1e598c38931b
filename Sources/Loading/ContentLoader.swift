import Diagnostics
import Foundation
import Parallel
import Sanitizing

/// A folder as the file system knows it, whatever path or link leads to it.
struct FolderIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}

/// Reads a project folder: the only code in Handover that reads input files.
public struct ContentLoader: Sendable {
    public static let yamlFileNames = ["site.yaml", "deployment.yaml", "architecture.yaml", "dashboard.yaml"]
    /// Beside pulled snapshots: which expression each answers (written by `handover pull prometheus`).
    public static let queryManifestSuffix = ".queries.yaml"
    /// Folders whose non-Markdown files are published beside the pages (images in notes, say).
    static let publishedFolders = ["assets", "notes", "report", "architecture", "incidents", "lifecycle"]

    public let projectURL: URL

    public init(projectURL: URL) {
        self.projectURL = projectURL.standardizedFileURL
    }

    public var contentURL: URL { projectURL.appendingPathComponent("Content") }

    public func load() -> (LoadedContent, [Diagnostic]) {
        var content = LoadedContent()
        var diagnostics = DiagnosticBag()
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: contentURL.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.error(
                at: SourceLocation(path: "Content"),
                "no Content/ folder in \(projectURL.path)",
                hint: "run `handover init` to create a project, or pass the project folder")
            return (content, diagnostics.all)
        }

        let files = listFiles(under: contentURL, diagnostics: &diagnostics)
        content.allPaths = Set(files.map(\.path))

        var markdownFiles: [(path: String, url: URL)] = []
        for (path, url, bytes) in files {
            let top = path.split(separator: "/").first.map(String.init) ?? path
            if !path.contains("/"), Self.yamlFileNames.contains(path) {
                continue  // read below
            } else if path.hasSuffix(".md") || path.hasSuffix(".markdown") {
                markdownFiles.append((path, url))
            } else if top == "monitoring", path.hasSuffix(Self.queryManifestSuffix) {
                guard let text = readText(url, path, &diagnostics) else { continue }
                switch YAMLParser.parse(text, path: display(path)) {
                case .success(let root):
                    content.queryManifests.append(YAMLDocument(contentPath: path, displayPath: display(path), root: root))
                case .failure(let diagnostic):
                    diagnostics.add(diagnostic)
                }
            } else if top == "mlflow" {
                // What `handover pull mlflow` wrote: data for the report, never published.
                if let text = readText(url, path, &diagnostics) { content.referencedFiles[path] = text }
            } else if top == "monitoring" {
                if let data = read(url, path, &diagnostics) {
                    content.monitoring.append(DataFile(contentPath: path, displayPath: display(path), data: data))
                }
            } else if Self.publishedFolders.contains(top) {
                if path.lowercased().hasSuffix(".svg") {
                    guard let data = read(url, path, &diagnostics) else { continue }
                    guard let clean = SVGSanitizer.sanitize(String(decoding: data, as: UTF8.self)) else {
                        diagnostics.error(
                            at: SourceLocation(path: display(path)),
                            "expected a well-formed SVG file, found one that cannot be read as XML",
                            hint: "Handover publishes only SVG it can check: export it again, or publish it as PNG")
                        continue
                    }
                    content.staticFiles.append(
                        StaticFile(contentPath: path, sourceURL: url, bytes: clean.utf8.count, sanitized: Data(clean.utf8)))
                } else {
                    content.staticFiles.append(StaticFile(contentPath: path, sourceURL: url, bytes: bytes))
                }
            }
        }

        for name in Self.yamlFileNames where content.allPaths.contains(name) {
            let url = contentURL.appendingPathComponent(name)
            guard let text = readText(url, name, &diagnostics) else { continue }
            switch YAMLParser.parse(text, path: display(name)) {
            case .success(let root):
                content.yamlFiles[name] = YAMLDocument(contentPath: name, displayPath: display(name), root: root)
            case .failure(let diagnostic):
                diagnostics.add(diagnostic)
            }
        }

        if let deployment = content.yamlFiles["deployment.yaml"]?.root {
            var queue = Self.referencedPaths(in: deployment)
            var loaded = 0
            // Multi-file API descriptions: the files their `$ref`s name, inside Content/, in turn.
            while !queue.isEmpty, loaded < Self.maxReferencedFiles {
                let path = queue.removeFirst()
                guard content.allPaths.contains(path), content.referencedFiles[path] == nil else { continue }
                if let text = readText(contentURL.appendingPathComponent(path), path, &diagnostics) {
                    content.referencedFiles[path] = text
                    loaded += 1
                    queue += Self.externalReferences(in: text, of: path)
                }
            }
        }
        content.markdown = loadMarkdown(markdownFiles, diagnostics: &diagnostics)
        content.templateOverrides = loadTemplateOverrides(diagnostics: &diagnostics)
        return (content, diagnostics.all)
    }

    func display(_ contentPath: String) -> String { "Content/" + contentPath }

    /// Files read for `deployment.yaml` and the `$ref`s of what it names, at most.
    static let maxReferencedFiles = 200

    /// The other files a JSON or YAML document's `$ref`s name (`./schemas/pod.yaml#/Pod`), as
    /// Content/ paths; web addresses and paths that leave Content/ are not followed.
    static func externalReferences(in text: String, of path: String) -> [String] {
        let folder = path.split(separator: "/").dropLast().map(String.init)
        var found: [String] = []
        // Bytes, not String searches: a vendor's 5 MB description holds tens of thousands of `$ref`s,
        // nearly all local (`#/…`), which are passed over at the first byte after the key.
        let bytes = Array(text.utf8)
        let stop: Set<UInt8> = Set("\"'#,}] \t\r\n".utf8)
        var i = 0
        while i + 4 < bytes.count {
            guard bytes[i] == UInt8(ascii: "$"), bytes[i + 1] == UInt8(ascii: "r"), bytes[i + 2] == UInt8(ascii: "e"),
                bytes[i + 3] == UInt8(ascii: "f")
            else {
                i += 1
                continue
            }
            var j = i + 4
            while j < bytes.count,
                bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") || bytes[j] == UInt8(ascii: " ")
                    || bytes[j] == UInt8(ascii: ":") || bytes[j] == UInt8(ascii: "\t")
            {
                j += 1
            }
            var k = j
            while k < bytes.count, !stop.contains(bytes[k]) { k += 1 }
            i = k
            guard k > j else { continue }
            let target = String(decoding: bytes[j..<k], as: UTF8.self)
            guard !target.contains("://"), !target.hasPrefix("/") else { continue }
            var parts = folder
            var inside = true
            for part in target.split(separator: "/") {
                if part == "." { continue }
                if part == ".." {
                    if parts.isEmpty {
                        inside = false
                        break
                    }
                    parts.removeLast()
                } else {
                    parts.append(String(part))
                }
            }
            if inside, !parts.isEmpty { found.append(parts.joined(separator: "/")) }
        }
        return found
    }

    /// Keys of `deployment.yaml` whose value is a file to import.
    public static let importKeys: Set<String> = ["mlmodel", "model_card", "openapi", "azureml"]

    /// The files `deployment.yaml` names under `importKeys`, wherever they sit in it; paths that
    /// would leave `Content/` are left to validation to report.
    static func referencedPaths(in node: YAMLNode) -> [String] {
        var paths: [String] = []
        func visit(_ node: YAMLNode) {
            switch node.value {
            case .mapping(let pairs):
                for (key, value) in pairs {
                    if let name = key.scalarString, importKeys.contains(name) {
                        // One file, or a list of them (an endpoint and its deployments).
                        let named: [YAMLNode] = if case .sequence(let items) = value.value { items } else { [value] }
                        for item in named {
                            if let path = item.scalarString, !path.hasPrefix("/"), !path.split(separator: "/").contains("..") {
                                paths.append(path)
                            }
                        }
                    } else {
                        visit(value)
                    }
                }
            case .sequence(let items): items.forEach(visit)
            case .scalar: break
            }
        }
        visit(node)
        return paths
    }

    // MARK: - Files

    /// Every regular file under `root`, relative paths sorted; hidden and editor files skipped,
    /// symlinks that lead outside `Content/` refused. Each real folder is visited once (by device
    /// and inode): a link back to a folder already walked is reported once, at the link, and not
    /// followed. FIFOs, sockets and devices are skipped (reading one would hang the build).
    private func listFiles(under root: URL, diagnostics: inout DiagnosticBag) -> [(path: String, url: URL, bytes: Int)] {
        let fm = FileManager.default
        let rootPath = root.resolvingSymlinksInPath().path
        var result: [(String, URL, Int)] = []
        var visited = Set<FolderIdentity>()
        var totalBytes: Int64 = 0
        if let identity = FolderIdentity(path: root.path) { visited.insert(identity) }
        var stack: [(relative: String, url: URL)] = [("", root)]
        while let (relative, dir) = stack.popLast() {
            guard let names = try? fm.contentsOfDirectory(atPath: dir.path) else { continue }
            for name in names.sorted() where !Self.isIgnored(name) {
                let url = dir.appendingPathComponent(name)
                let path = relative.isEmpty ? name : relative + "/" + name
                let resolved = url.resolvingSymlinksInPath().path
                guard resolved == rootPath || resolved.hasPrefix(rootPath + "/") else {
                    diagnostics.error(
                        at: SourceLocation(path: display(path)),
                        "symbolic link leads outside Content/ (to \(resolved))",
                        hint: "copy the file into Content/ instead")
                    continue
                }
                var info = stat()
                guard stat(url.path, &info) == 0 else { continue }  // a dangling link
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    let identity = FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                    guard visited.insert(identity).inserted else {
                        diagnostics.warning(
                            at: SourceLocation(path: display(path)),
                            "symbolic link loops back to a folder already read (\(Self.relative(resolved, to: rootPath))); not followed",
                            hint: "remove the link, or link to a folder that is not its own ancestor")
                        continue
                    }
                    stack.append((path, url))
                case S_IFREG:
                    if info.st_size > InputBudget.maxFileBytes {
                        diagnostics.error(
                            at: SourceLocation(path: display(path)),
                            "file too large: \(info.st_size) bytes, the limit is \(InputBudget.maxFileBytes) bytes a file",
                            hint: "split the file, or leave it out of Content/")
                        continue
                    }
                    totalBytes += Int64(info.st_size)
                    if totalBytes > InputBudget.maxTotalBytes {
                        diagnostics.error(
                            at: SourceLocation(path: display(path)),
                            "input budget exceeded: the files read so far hold more than \(InputBudget.maxTotalBytes) bytes",
                            hint: "keep large data out of Content/: snapshots of what the site shows are enough")
                        return result.sorted { $0.0 < $1.0 }
                    }
                    result.append((path, url, Int(info.st_size)))
                default:
                    diagnostics.warning(at: SourceLocation(path: display(path)), "not a regular file (a FIFO, socket or device); skipped")
                }
            }
        }
        return result.sorted { $0.0 < $1.0 }
    }

    static func relative(_ path: String, to root: String) -> String {
        path == root ? "Content/" : "Content/" + path.dropFirst(root.count + 1)
    }

    /// Hidden files, editor swap and backup files: never content.
    public static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || name.hasSuffix(".tmp") || (name.hasPrefix("#") && name.hasSuffix("#"))
    }

    private func read(_ url: URL, _ path: String, _ diagnostics: inout DiagnosticBag) -> Data? {
        do {
            return try Data(contentsOf: url)
        } catch {
            diagnostics.error(at: SourceLocation(path: display(path)), "cannot read file: \(error.localizedDescription)")
            return nil
        }
    }

    private func readText(_ url: URL, _ path: String, _ diagnostics: inout DiagnosticBag) -> String? {
        guard let data = read(url, path, &diagnostics) else { return nil }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.error(
                at: SourceLocation(path: display(path)), "expected UTF-8 text, found bytes that are not UTF-8",
                hint: "save the file as UTF-8")
            return nil
        }
        return text
    }

    // MARK: - Markdown

    private func loadMarkdown(_ files: [(path: String, url: URL)], diagnostics: inout DiagnosticBag) -> [MarkdownSource] {
        // Read serially (I/O), parse front matter in parallel (libyaml parsers are independent).
        var texts: [String?] = []
        texts.reserveCapacity(files.count)
        for file in files { texts.append(readText(file.url, file.path, &diagnostics)) }

        let inputs = zip(files, texts).map { (path: $0.path, text: $1) }
        let results = inputs.concurrentMap { input -> (MarkdownSource?, Diagnostic?) in
            guard let text = input.text else { return (nil, nil) }
            return parseMarkdownFile(text, path: input.path)
        }
        var sources: [MarkdownSource] = []
        for (source, diagnostic) in results {
            if let diagnostic { diagnostics.add(diagnostic) }
            if let source { sources.append(source) }
        }
        return sources
    }

    func parseMarkdownFile(_ text: String, path: String) -> (MarkdownSource?, Diagnostic?) {
        let split = FrontMatterSplit.split(text)
        var frontMatter: YAMLNode?
        if split.unclosed {
            return (
                nil,
                .error(
                    at: SourceLocation(path: display(path), line: 1, column: 1),
                    "front matter opened with `---` is never closed",
                    hint: "end the front matter with a line holding only `---`")
            )
        }
        if let yaml = split.yaml {
            switch YAMLParser.parse(yaml, path: display(path), lineOffset: split.yamlLineOffset) {
            case .success(let node): frontMatter = node
            case .failure(let diagnostic): return (nil, diagnostic)
            }
        }
        if let problem = MarkdownLimits.check(split.body, path: display(path), lineOffset: split.bodyLineOffset) {
            return (nil, problem)
        }
        var source = MarkdownSource(
            contentPath: path, displayPath: display(path), frontMatter: frontMatter,
            body: split.body, bodyLineOffset: split.bodyLineOffset)
        source.frontMatterText = split.yaml
        return (source, nil)
    }

    /// Reads one Markdown file again (`notes/a.md`): what `serve` does when only it changed.
    /// nil when it cannot be read or parsed: a full rebuild reports why.
    public func reloadMarkdown(_ contentPath: String) -> MarkdownSource? {
        guard let data = try? Data(contentsOf: contentURL.appendingPathComponent(contentPath)),
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        return parseMarkdownFile(text, path: contentPath).0
    }

    // MARK: - Templates

    private func loadTemplateOverrides(diagnostics: inout DiagnosticBag) -> [String: String] {
        let templatesURL = projectURL.appendingPathComponent("Templates")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: templatesURL.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { return [:] }
        var overrides: [String: String] = [:]
        var bag = DiagnosticBag()
        for (path, url, _) in listFiles(under: templatesURL, diagnostics: &bag) {
            if let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) {
                overrides[path] = text
            } else {
                diagnostics.error(at: SourceLocation(path: "Templates/" + path), "cannot read template as UTF-8 text")
            }
        }
        return overrides
    }
}
