import Basics
import Diagnostics
import Foundation
import Loading

/// The message catalogs: `i18n/<lang>.yaml` of the built-in theme (English and Korean) and of the
/// project's `Templates/` folder, merged into the words of one site.
///
/// A catalog is YAML: nested mappings make dotted keys (`nav: {home: Home}` is `nav.home`), a
/// mapping of CLDR plural categories (`one:`, `other:` …) is one plural message, a list is a list
/// message (month names). English is complete by definition (a test holds both built-in catalogs
/// to it); any other language falls back to English key by key, with a warning naming the keys.
public enum MessageCatalog {
    /// The languages the theme carries a catalog for (`i18n/<tag>.yaml`).
    public static var builtInLanguages: [String] {
        Theme.builtInFiles.keys.filter { $0.hasPrefix("i18n/") && $0.hasSuffix(".yaml") }
            .map { String($0.dropFirst("i18n/".count).dropLast(".yaml".count)) }.sorted()
    }

    /// A key of a message and where it was written.
    public struct Located: Sendable {
        public var entry: Messages.Entry
        public var location: SourceLocation
    }

    /// The catalogs to merge for `language`, most general first: English, then the base language
    /// (`ko` for `ko-KR`), then the full tag; each built-in file before the project's.
    static func layers(for language: String) -> [String] {
        var tags = ["en"]
        let base = language.split(separator: "-").first.map(String.init) ?? language
        if base != "en" { tags.append(base) }
        if language != base { tags.append(language) }
        return tags
    }

    /// The words of a site in `language`.
    /// - Parameters:
    ///   - overrides: the project's `Templates/` files by path; `i18n/<tag>.yaml` ones are catalogs.
    ///   - languageLocation: where the site declared its language, for a missing catalog's warning.
    public static func load(
        language: String, overrides: [String: String], languageLocation: SourceLocation? = nil
    ) -> (Messages, [Diagnostic]) {
        // `serve` validates after every edit: the same catalogs are not parsed again (tens of ms).
        let key = CacheKey(language: language, catalogs: overrides.filter { $0.key.hasPrefix("i18n/") }, location: languageLocation)
        if let hit = cache.value(for: key) { return hit }
        let result = loadUncached(language: language, overrides: overrides, languageLocation: languageLocation)
        cache.store(result, for: key)
        return result
    }

    struct CacheKey: Equatable {
        var language: String
        var catalogs: [String: String]
        var location: SourceLocation?
    }

    /// The last catalog loaded, by what it was loaded from.
    final class LastLoad: @unchecked Sendable {
        private let lock = NSLock()
        private var last: (key: CacheKey, value: (Messages, [Diagnostic]))?
        func value(for key: CacheKey) -> (Messages, [Diagnostic])? {
            lock.lock()
            defer { lock.unlock() }
            return last?.key == key ? last?.value : nil
        }
        func store(_ value: (Messages, [Diagnostic]), for key: CacheKey) {
            lock.lock()
            last = (key, value)
            lock.unlock()
        }
    }
    static let cache = LastLoad()

    static func loadUncached(language: String, overrides: [String: String], languageLocation: SourceLocation?) -> (Messages, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var english: [String: Located] = [:]
        if let text = Theme.builtInFiles["i18n/en.yaml"] {
            english = parse(text, path: "built-in theme: Templates/i18n/en.yaml", into: &diagnostics)
        }
        var merged = english.mapValues(\.entry)
        var ownKeys: Set<String> = []  // keys some catalog of the language itself gives
        var found = language == "en" || language.hasPrefix("en-")
        for (index, tag) in layers(for: language).enumerated() {
            let path = "i18n/\(tag).yaml"
            var sources: [(String, String)] = []
            if index > 0, let text = Theme.builtInFiles[path] { sources.append((text, "built-in theme: Templates/\(path)")) }
            if let text = overrides[path] { sources.append((text, "Templates/\(path)")) }
            for (text, origin) in sources {
                found = true
                let entries = parse(text, path: origin, into: &diagnostics)
                for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
                    if let reference = english[key] {
                        diagnostics += check(value, against: reference.entry, key: key)
                    } else if !key.hasPrefix("custom.") && !origin.hasPrefix("built-in") {
                        let hint =
                            nearestName(to: key, in: english.keys).map { "did you mean `\($0)`? " } ?? ""
                        diagnostics.append(
                            .warning(
                                at: value.location, "`\(key)` is not a message Handover uses",
                                hint: hint + "messages of your own templates go under `custom.`"))
                    }
                    merged[key] = value.entry
                    if index > 0 { ownKeys.insert(key) }
                }
            }
        }
        if !found {
            diagnostics.append(
                .warning(
                    at: languageLocation ?? SourceLocation(path: "Content/site.yaml"),
                    "there is no message catalog for `\(language)`: the site's words are in English",
                    hint: "built in: \(builtInLanguages.joined(separator: ", ")); add Templates/i18n/\(language).yaml to translate them"))
        } else if language != "en" && !language.hasPrefix("en-") {
            let missing = english.keys.filter { !ownKeys.contains($0) }.sorted()
            if !missing.isEmpty {
                let base = language.split(separator: "-").first.map(String.init) ?? language
                let file = overrides["i18n/\(language).yaml"] != nil ? language : base
                diagnostics.append(
                    .warning(
                        at: SourceLocation(path: "Templates/i18n/\(file).yaml"),
                        "\(missing.count) message\(missing.count == 1 ? "" : "s") missing for `\(language)`, shown in English: "
                            + missing.prefix(12).map { "`\($0)`" }.joined(separator: ", ")
                            + (missing.count > 12 ? ", …" : ""),
                        hint: "add the keys to Templates/i18n/\(file).yaml; `handover messages en` prints the English catalog to translate from"))
            }
        }
        return (Messages(language: language, entries: merged), diagnostics)
    }

    /// A translation's placeholders must be the English message's: an unknown one would show as
    /// written, and a plural message needs its `other` form.
    static func check(_ value: Located, against reference: Messages.Entry, key: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var allowed = Set(Messages.texts(of: reference).flatMap(Messages.placeholders)).union(["count"])
        // A date or time pattern may use any part of the moment.
        if key.hasPrefix("date.") { allowed.formUnion(Messages.datePlaceholders) }
        for text in Messages.texts(of: value.entry) {
            for name in Messages.placeholders(text) where !allowed.contains(name) {
                diagnostics.append(
                    .warning(
                        at: value.location, "`\(key)` has the placeholder `{\(name)}`, which the English message does not have",
                        hint: allowed.subtracting(["count"]).isEmpty
                            ? "this message takes no placeholders"
                            : "its placeholders are " + allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")))
            }
        }
        switch (reference, value.entry) {
        case (.list(let a), .list(let b)) where a.count != b.count:
            diagnostics.append(.warning(at: value.location, "`\(key)` lists \(b.count) items, expected \(a.count)"))
        case (.list, .text), (.list, .plural), (.text, .list), (.plural, .list):
            diagnostics.append(.warning(at: value.location, "`\(key)`: expected \(kind(reference)), found \(kind(value.entry))"))
        default: break
        }
        return diagnostics
    }

    private static func kind(_ entry: Messages.Entry) -> String {
        switch entry {
        case .text: return "a text"
        case .plural: return "plural forms"
        case .list: return "a list"
        }
    }

    /// The messages of one catalog file, by dotted key; malformed entries are reported and skipped.
    public static func parse(_ text: String, path: String, into diagnostics: inout [Diagnostic]) -> [String: Located] {
        guard text.utf8.count <= 4 << 20 else {
            diagnostics.append(.error(at: SourceLocation(path: path), "a message catalog is limited to 4 MiB"))
            return [:]
        }
        switch YAMLParser.parse(text, path: path) {
        case .failure(let error):
            diagnostics.append(error)
            return [:]
        case .success(nil):
            return [:]
        case .success(let root?):
            guard case .mapping = root.value else {
                diagnostics.append(.error(at: root.location, "a message catalog: expected a mapping of keys, found \(root.kindDescription)"))
                return [:]
            }
            var out: [String: Located] = [:]
            flatten(root, prefix: "", into: &out, diagnostics: &diagnostics)
            return out
        }
    }

    private static func flatten(_ node: YAMLNode, prefix: String, into out: inout [String: Located], diagnostics: inout [Diagnostic]) {
        let key = String(prefix.dropLast())
        switch node.value {
        case .scalar(let s, _):
            if node.isNull { return }
            if validPattern(s, key: key, at: node.location, &diagnostics) { out[key] = Located(entry: .text(s), location: node.location) }
        case .sequence(let items):
            var texts: [String] = []
            for item in items {
                guard case .scalar(let s, _) = item.value else {
                    diagnostics.append(.error(at: item.location, "`\(key)`: expected a text in the list, found \(item.kindDescription)"))
                    return
                }
                texts.append(s)
            }
            out[key] = Located(entry: .list(texts), location: node.location)
        case .mapping(let pairs):
            let names = pairs.compactMap { $0.key.scalarString }
            if !prefix.isEmpty, !names.isEmpty, names.allSatisfy(PluralRule.categories.contains) {
                guard names.contains("other") else {
                    diagnostics.append(
                        .error(at: node.location, "`\(key)`: plural forms need `other`", hint: "found \(names.joined(separator: ", "))"))
                    return
                }
                var forms: [String: String] = [:]
                for pair in pairs {
                    guard let s = pair.value.scalarString, validPattern(s, key: key, at: pair.value.location, &diagnostics) else { continue }
                    forms[pair.key.scalarString!] = s
                }
                out[key] = Located(entry: .plural(forms), location: node.location)
                return
            }
            for pair in pairs {
                guard let name = pair.key.scalarString, !name.isEmpty else { continue }
                flatten(pair.value, prefix: prefix + name + ".", into: &out, diagnostics: &diagnostics)
            }
        }
    }

    /// Braces only around placeholder names (`{count}`, `{site.customer}`): templates turn a
    /// placeholder into a lookup, so any other brace would be Mustache syntax. A placeholder may
    /// not name a message (`{t.nav.home}`): a message naming itself would render without end.
    private static func validPattern(_ text: String, key: String, at location: SourceLocation, _ diagnostics: inout [Diagnostic]) -> Bool {
        var rest = Substring(text)
        var valid = true
        while let brace = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[brace] == "{", let close = rest[brace...].firstIndex(of: "}") else { valid = false; break }
            let name = rest[rest.index(after: brace)..<close]
            guard let first = name.first, first.isLetter, name != "t", !name.hasPrefix("t."),
                name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_") })
            else { valid = false; break }
            rest = rest[rest.index(after: close)...]
        }
        if !valid {
            diagnostics.append(
                .error(
                    at: location, "`\(key)`: braces may only hold a placeholder name such as {count}",
                    hint: "found `\(text.count > 60 ? String(text.prefix(60)) + "…" : text)`"))
        }
        return valid
    }
}
