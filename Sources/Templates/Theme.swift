import Basics
import Diagnostics
import Mustache

/// The templates and theme assets a site is rendered with: the built-in theme carried in the
/// binary, with any file of the project's `Templates/` folder taking the place of the one of the same name.
public struct Theme: Sendable {
    /// Every file of the theme after overrides, by path (`layouts/base.mustache`, `assets/handover.css`).
    public let files: [String: String]
    /// Where each file came from, as diagnostics name it (`Templates/pages/home.mustache`).
    public let origins: [String: String]
    private let library: MustacheLibrary

    /// Page templates the renderer needs; a theme missing one cannot render a site.
    public static let requiredTemplates = [
        "pages/home", "pages/note", "pages/section", "pages/lifecycle", "pages/stage", "pages/incidents",
        "pages/incident", "pages/dashboard", "pages/report", "pages/architecture", "pages/api", "pages/404",
        "files/feed.xml", "files/sitemap.xml", "files/badge.svg",
    ]

    public static var builtInFiles: [String: String] { EmbeddedTheme.files }

    /// Loads the theme; every template is parsed and every partial and parent it names is checked,
    /// since Mustache renders a missing one as empty text without a word.
    public static func load(overrides: [String: String] = [:]) -> (Theme?, [Diagnostic]) {
        var files = EmbeddedTheme.files
        var origin: [String: String] = [:]
        for path in files.keys { origin[path] = "built-in theme: Templates/\(path)" }
        for (path, text) in overrides {
            files[path] = text
            origin[path] = "Templates/\(path)"
        }

        var diagnostics = DiagnosticBag()
        var library = MustacheLibrary()
        var names: [String: String] = [:]  // template name → file path
        for path in files.keys.sorted() where path.hasSuffix(".mustache") {
            let name = String(path.dropLast(".mustache".count))
            // swift-mustache closes a parent by name and allows no `/` there: every template is
            // also known by its dotted name, `{{<layouts.base}}…{{/layouts.base}}`.
            let dotted = name.replacingAll("/", with: ".")
            names[name] = path
            names[dotted] = path
            do {
                let template = try MustacheTemplate(string: files[path]!)
                library.register(template, named: name)
                library.register(template, named: dotted)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.error(
                    at: SourceLocation(
                        path: origin[path]!, line: error.context.lineNumber,
                        column: error.context.columnNumber + 1),
                    "template syntax error: \(error.error)",
                    hint: "line reads: \(error.context.line)")
            } catch {
                diagnostics.error(at: SourceLocation(path: origin[path]!), "template syntax error: \(error)")
            }
        }
        for path in Set(names.values).sorted() {
            for reference in TemplateReferences.scan(files[path]!) where names[reference.name] == nil {
                let hint =
                    nearestName(to: reference.name, in: names.keys).map { "did you mean `\($0)`?" }
                    ?? "templates are named by their path without .mustache, e.g. partials/toc"
                diagnostics.error(
                    at: SourceLocation(path: origin[path]!, line: reference.line, column: reference.column),
                    "template \(reference.isParent ? "parent" : "partial") `\(reference.name)` does not exist",
                    hint: hint)
            }
        }
        for name in requiredTemplates where names[name] == nil {
            diagnostics.error(at: SourceLocation(path: "Templates/\(name).mustache"), "the theme lacks the page template `\(name)`")
        }
        if diagnostics.hasErrors { return (nil, diagnostics.all) }
        return (Theme(files: files, origins: origin, library: library), diagnostics.all)
    }

    /// Renders a template with its view model.
    public func render(_ template: String, _ model: some ViewModel) -> String {
        compactText(library.render(model, withTemplate: template) ?? "")
    }

    /// Renders a template with a context of dictionaries, arrays and strings (tests, one-off texts).
    public func render(_ template: String, context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    /// Every variable and section name of the given templates, and of the partials and parents they
    /// use, that is not a key of the view model it is rendered with: a warning at its place.
    /// The built-in theme has none (a test holds it to that); a project's override may.
    public func checkKeys(_ roots: [(template: String, schema: ViewSchema)], messages: Messages) -> [Diagnostic] {
        var texts: [String: String] = [:]
        for (path, text) in files where path.hasSuffix(".mustache") { texts[String(path.dropLast(".mustache".count))] = text }
        var check = TemplateKeyCheck(templates: texts, messages: messages)
        var diagnostics: [Diagnostic] = []
        var seen: Set<String> = []
        for root in roots {
            for finding in check.check(root.template, with: root.schema) {
                let path = finding.template + ".mustache"
                let location = SourceLocation(path: origins[path] ?? "Templates/\(path)", line: finding.line, column: finding.column)
                guard seen.insert("\(location.path):\(finding.line):\(finding.column)").inserted else { continue }
                let name = finding.isMessage ? finding.name : finding.name.split(separator: ".").last.map(String.init) ?? finding.name
                let hint =
                    nearestName(to: name, in: finding.candidates)
                    .map { "did you mean `\(finding.isMessage ? "t." : "")\($0)`? Mustache shows an unknown name as empty text" }
                    ?? (finding.isMessage
                        ? "a message of your own goes in Templates/i18n/<lang>.yaml, under `custom.`"
                        : "Mustache shows an unknown name as empty text; the names here are: "
                            + Set(finding.candidates).sorted().prefix(40).joined(separator: ", "))
                diagnostics.append(.warning(at: location, "template name \(finding.message)", hint: hint))
            }
        }
        return diagnostics
    }

    /// Files published under `assets/`: stylesheet, scripts, icons.
    public var assets: [(path: String, text: String)] {
        files.keys.sorted().filter { $0.hasPrefix("assets/") }.map { ($0, files[$0]!) }
    }
}
