import Foundation
import Output
import Templates

/// `handover init`: writes a new, commented project for a TDSP deployment that builds as it is.
public enum ProjectInitializer {
    public struct Refusal: Error, CustomStringConvertible {
        public var existing: [String]
        public var description: String {
            "refusing to overwrite \(existing.count) existing file\(existing.count == 1 ? "" : "s"): " + existing.joined(separator: ", ")
        }
    }

    /// The starter files in `language`, by path relative to the project (carried in the binary
    /// with the theme): a built-in starter (`init-ko/`), or the English one set to the language,
    /// with the English catalog as `Templates/i18n/<language>.yaml` to translate.
    public static func files(language: String = "en") -> [(path: String, text: String)] {
        let builtIn = Theme.builtInFiles
        let base = language.split(separator: "-").first.map(String.init) ?? language
        for folder in ["init-\(language)/", "init-\(base)/"] where builtIn.keys.contains(where: { $0.hasPrefix(folder) }) {
            return starter(folder)
        }
        var files = starter("init/")
        guard base != "en" else { return files }
        for i in files.indices where files[i].path == "Content/site.yaml" {
            files[i].text = files[i].text.replacingOccurrences(of: "\nlanguage: en ", with: "\nlanguage: \(language) ")
        }
        if builtIn["i18n/\(language).yaml"] == nil, let english = builtIn["i18n/en.yaml"] {
            files.append(("Templates/i18n/\(language).yaml", "# Translate these messages into `\(language)`; a key left out is shown in English.\n" + english))
        }
        return files
    }

    private static func starter(_ folder: String) -> [(path: String, text: String)] {
        Theme.builtInFiles.keys.sorted().filter { $0.hasPrefix(folder) }
            .map { (String($0.dropFirst(folder.count)), Theme.builtInFiles[$0]!) }
    }

    /// Writes every starter file, or none when any of them exists already.
    /// - Returns: the paths written, relative to the project.
    @discardableResult
    public static func create(at projectURL: URL, language: String = "en") throws -> [String] {
        let files = Self.files(language: language)
        let existing = files.map(\.path).filter {
            FileManager.default.fileExists(atPath: projectURL.appendingPathComponent($0).path)
        }
        guard existing.isEmpty else { throw Refusal(existing: existing) }
        try AtomicFiles.write(files.map { (projectURL.appendingPathComponent($0.path), Data($0.text.utf8)) })
        return files.map(\.path)
    }
}
