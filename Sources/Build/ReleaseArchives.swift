import Foundation
import Model
import Packaging
import Pages

/// The archived sites of published releases, `DIR/releases/<version>/`: each the whole site as it
/// was when the release was published, with its `release.json`. Committed with the project, read
/// by every build (the version switcher, "what changed since the previous release"), written by
/// `build --release` once per release and never rewritten unless `--force`.
public struct ReleaseArchives: Sendable {
    public static let folderName = "releases"
    public static let factsName = "release.json"

    public struct Archived: Sendable {
        public var version: String
        public var facts: ReleaseFacts
        public var url: URL
    }

    public struct Differences: Sendable, Equatable {
        public var changed: [String] = []
        public var missing: [String] = []
        public var extra: [String] = []
        public var isEmpty: Bool { changed.isEmpty && missing.isEmpty && extra.isEmpty }
    }

    public let root: URL

    public init(projectURL: URL) { root = projectURL.appendingPathComponent(Self.folderName) }

    /// A version names a folder: letters, digits and `.-_+`, not starting with a dot.
    public static func isArchivable(_ version: String) -> Bool {
        !version.isEmpty && version.count <= 100 && !version.hasPrefix(".")
            && version.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-_+".unicodeScalars.contains($0))
            }
    }

    public func folder(for version: String) -> URL { root.appendingPathComponent(version) }

    public func facts(at folder: URL) -> ReleaseFacts? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(Self.factsName)) else { return nil }
        return ReleaseFacts.read(data)
    }

    /// Every archive with a readable `release.json`, newest release first.
    public func list() -> [Archived] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let found = names.filter { Self.isArchivable($0) }.compactMap { name -> Archived? in
            let url = folder(for: name)
            guard let facts = facts(at: url), facts.version == name else { return nil }
            return Archived(version: name, facts: facts, url: url)
        }
        return found.sorted { ($0.facts.date, $0.facts.builtAt, $0.version) > ($1.facts.date, $1.facts.builtAt, $1.version) }
    }

    /// The archived release a report compares the latest one with: the newest archive of an
    /// earlier release in deployment.yaml.
    public static func previous(of deployment: Deployment?, in archives: [Archived]) -> ReleaseFacts? {
        guard let deployment, let latest = deployment.latestRelease else { return nil }
        let earlier = Set(deployment.releases.filter { $0.version != latest.version && $0.date <= latest.date }.map(\.version))
        return archives.first { earlier.contains($0.version) }?.facts
    }

    /// The regular files below `folder`, relative to it, sorted; symbolic links and anything
    /// else are left out (an archive holds files only).
    public static func files(in folder: URL) -> [String] {
        FolderListing.entries(of: folder).filter { $0.kind == .file }.map(\.path)
    }

    /// What is on disk in `folder` against what a build would write there.
    public static func differences(_ expected: [String: Data], folder: URL) -> Differences {
        let present = Set(files(in: folder))
        var d = Differences()
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            if !present.contains(path) {
                d.missing.append(path)
            } else if (try? Data(contentsOf: folder.appendingPathComponent(path))) != data {
                d.changed.append(path)
            }
        }
        d.extra = present.subtracting(expected.keys).sorted()
        return d
    }

    /// `releases/versions.js`: the archived releases for the version switcher, as a script so
    /// that it loads from `file://` too.
    public static func versionsScript(_ archives: [Archived]) -> String {
        func quoted(_ s: String) -> String {
            let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
            return String(decoding: data, as: UTF8.self)
        }
        let items = archives.map { "{\"version\":\(quoted($0.version)),\"date\":\(quoted($0.facts.date))}" }
        let latest = archives.first.map { quoted($0.version) } ?? "null"
        return "window.handoverReleases={\"latest\":\(latest),\"releases\":[\(items.joined(separator: ","))]};\n"
    }
}
