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

    /// The starter files, by path relative to the project (carried in the binary with the theme).
    public static var files: [(path: String, text: String)] {
        Theme.builtInFiles.keys.sorted().filter { $0.hasPrefix("init/") }
            .map { (String($0.dropFirst("init/".count)), Theme.builtInFiles[$0]!) }
    }

    /// Writes every starter file, or none when any of them exists already.
    /// - Returns: the paths written, relative to the project.
    @discardableResult
    public static func create(at projectURL: URL) throws -> [String] {
        let files = Self.files
        let existing = files.map(\.path).filter {
            FileManager.default.fileExists(atPath: projectURL.appendingPathComponent($0).path)
        }
        guard existing.isEmpty else { throw Refusal(existing: existing) }
        try AtomicFiles.write(files.map { (projectURL.appendingPathComponent($0.path), Data($0.text.utf8)) })
        return files.map(\.path)
    }
}
