import Basics
import Crypto
import Foundation

/// A release's archived site as one file to hand over: `NAME.tar.gz` and `NAME.zip`, each holding
/// `NAME/` with every file and `NAME/SHA256SUMS` (the format of `sha256sum`, so `sha256sum -c`
/// checks an unpacked copy too). Byte-identical for the same files and time: members sorted,
/// one modification time (the release's build time), no owners, fixed modes, fixed headers.
public enum ReleasePackage {
    public static let manifestName = "SHA256SUMS"

    public struct Built: Sendable {
        public var tarGz: [UInt8]
        public var zip: [UInt8]
        public var manifest: String
        public var fileCount: Int
    }

    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }

    /// `HASH  PATH` per file, sorted by path.
    public static func manifest(_ files: [(path: String, bytes: [UInt8])]) -> String {
        files.sorted { $0.path < $1.path }.map { "\(sha256($0.bytes))  \($0.path)\n" }.joined()
    }

    /// The regular files below `folder`, relative to it and sorted; nil names the first thing that
    /// is neither a file nor a folder (an archive of a release holds files only).
    public static func files(in folder: URL) throws -> [(path: String, bytes: [UInt8])] {
        try FolderListing.entries(of: folder).map { entry in
            guard entry.kind == .file else { throw ArchiveFailure("\(entry.path) is not a regular file") }
            return (entry.path, [UInt8](try Data(contentsOf: folder.appendingPathComponent(entry.path))))
        }
    }

    /// Both archives of `files` under the top folder `name`.
    public static func build(_ files: [(path: String, bytes: [UInt8])], name: String, mtime: Int64) throws -> Built {
        let manifest = manifest(files)
        var all = files.map { ArchiveEntry(path: name + "/" + $0.path, bytes: $0.bytes) }
        all.append(ArchiveEntry(path: name + "/" + manifestName, bytes: Array(manifest.utf8)))
        var folders: Set<String> = [name]
        for entry in all {
            var parts = entry.path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                folders.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
        all += folders.map { ArchiveEntry(path: $0, bytes: [], isFolder: true) }
        // A folder sorts before what it holds (`a/` before `a/b`), as tar(1) and zip(1) list them.
        all.sort { ($0.isFolder ? $0.path + "/" : $0.path).utf8.lexicographicallyPrecedes(($1.isFolder ? $1.path + "/" : $1.path).utf8) }
        let tar = try Tar.write(all, mtime: mtime)
        let c = CivilTime.components(epochSeconds: max(mtime, 315_532_800))  // DOS time starts in 1980
        let dosTime = UInt16(c.hour << 11 | c.minute << 5 | c.second / 2)
        let dosDate = UInt16((c.year - 1980) << 9 | c.month << 5 | c.day)
        let zip = try Zip.write(all, dosTime: dosTime, dosDate: dosDate)
        return Built(tarGz: Deflate.gzip(tar), zip: zip, manifest: manifest, fileCount: files.count)
    }
}

/// `handover verify`: an archive or folder against the SHA256SUMS it carries.
public enum PackageVerifier {
    public struct Report: Sendable, Equatable {
        /// Where the manifest was found, relative to the archive or folder.
        public var manifest: String
        public var checked = 0
        public var changed: [String] = []
        public var missing: [String] = []
        public var extra: [String] = []
        /// Lines of the manifest that are not `HASH  PATH`, unsafe paths, links and the like.
        public var problems: [String] = []
        /// The archive's own SHA-256 against a SHA256SUMS beside it, when there is one that lists it.
        public var archiveHash: (expected: String, actual: String)? {
            get { archiveHashPair.map { ($0[0], $0[1]) } }
            set { archiveHashPair = newValue.map { [$0.expected, $0.actual] } }
        }
        var archiveHashPair: [String]?

        public var isIntact: Bool {
            changed.isEmpty && missing.isEmpty && extra.isEmpty && problems.isEmpty
                && (archiveHashPair.map { $0[0] == $0[1] } ?? true)
        }
    }

    /// Reads `.tar.gz`/`.tgz`, `.zip` or a folder.
    public static func verify(_ url: URL, limits: ArchiveLimits = ArchiveLimits()) throws -> Report {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw ArchiveFailure("\(url.path): no such file or folder")
        }
        var entries: [ArchiveEntry]
        var archiveBytes: [UInt8]?
        if isFolder.boolValue {
            entries = try folderEntries(url)
        } else {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            guard (attributes[.size] as? Int ?? 0) <= limits.totalBytes else {
                throw ArchiveFailure("\(url.lastPathComponent) is larger than \(limits.totalBytes >> 20) MiB")
            }
            let bytes = [UInt8](try Data(contentsOf: url))
            archiveBytes = bytes
            let name = url.lastPathComponent.lowercased()
            if name.hasSuffix(".zip") || bytes.starts(with: [0x50, 0x4b]) {
                entries = try Zip.read(bytes, limits: limits)
            } else if name.hasSuffix(".tar.gz") || name.hasSuffix(".tgz") || bytes.starts(with: [0x1f, 0x8b]) {
                entries = try Tar.read(try Deflate.gunzip(bytes, limit: limits.totalBytes), limits: limits)
            } else if name.hasSuffix(".tar") {
                entries = try Tar.read(bytes, limits: limits)
            } else {
                throw ArchiveFailure("\(url.lastPathComponent): expected a .tar.gz, .zip or a folder")
            }
        }
        var report = try check(entries)
        if let archiveBytes { report.archiveHash = try outerHash(of: url, archiveBytes) }
        return report
    }

    /// The manifest at the top or in the one folder at the top, against the files beside it.
    static func check(_ entries: [ArchiveEntry]) throws -> Report {
        let manifests = entries.filter {
            !$0.isFolder && ($0.path == ReleasePackage.manifestName || $0.path.hasSuffix("/" + ReleasePackage.manifestName))
                && $0.path.split(separator: "/").count <= 2
        }
        guard let manifest = manifests.min(by: { $0.path.count < $1.path.count }) else {
            throw ArchiveFailure("no \(ReleasePackage.manifestName) at its top: this is not a Handover release package")
        }
        let base = String(manifest.path.dropLast(ReleasePackage.manifestName.count))
        var report = Report(manifest: manifest.path)
        var listed: [String: String] = [:]
        for (n, line) in String(decoding: manifest.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            let text = String(line)
            let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            let hash = parts.first.map(String.init) ?? ""
            var path = parts.count > 1 ? String(parts[1]) : ""
            if path.hasPrefix(" ") || path.hasPrefix("*") { path.removeFirst() }
            guard hash.count == 64, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }), !path.isEmpty else {
                report.problems.append("\(manifest.path) line \(n + 1): expected `SHA256  PATH`, found `\(text.prefix(120))`")
                continue
            }
            guard isSafe(path) else {
                report.problems.append("\(manifest.path) line \(n + 1): the path `\(path)` leaves the package")
                continue
            }
            if listed[path] != nil { report.problems.append("\(manifest.path) line \(n + 1): \(path) is listed twice") }
            listed[path] = hash
        }
        var present: [String: [UInt8]] = [:]
        for entry in entries where !entry.isFolder && entry.path != manifest.path {
            guard entry.path.hasPrefix(base) else {
                report.extra.append(entry.path)
                continue
            }
            let path = String(entry.path.dropFirst(base.count))
            if let type = entry.unsupportedType {
                report.problems.append("\(entry.path) is a \(type), not a file")
                continue
            }
            present[path] = entry.bytes
        }
        for (path, hash) in listed.sorted(by: { $0.key < $1.key }) {
            guard let bytes = present[path] else {
                report.missing.append(path)
                continue
            }
            report.checked += 1
            if ReleasePackage.sha256(bytes) != hash { report.changed.append(path) }
        }
        report.extra += present.keys.filter { listed[$0] == nil }.sorted()
        return report
    }

    static func folderEntries(_ url: URL) throws -> [ArchiveEntry] {
        try FolderListing.entries(of: url).map { entry in
            switch entry.kind {
            case .file: return ArchiveEntry(path: entry.path, bytes: [UInt8](try Data(contentsOf: url.appendingPathComponent(entry.path))))
            case .symbolicLink, .special:
                var odd = ArchiveEntry(path: entry.path, bytes: [])
                odd.unsupportedType = entry.kind == .symbolicLink ? "symbolic link" : "special file"
                return odd
            }
        }
    }

    /// A `SHA256SUMS` beside the archive (what `handover package` writes) that names it.
    static func outerHash(of url: URL, _ bytes: [UInt8]) throws -> (expected: String, actual: String)? {
        let beside = url.deletingLastPathComponent().appendingPathComponent(ReleasePackage.manifestName)
        guard let text = try? String(contentsOf: beside, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            var name = String(parts[1])
            if name.hasPrefix(" ") || name.hasPrefix("*") { name.removeFirst() }
            if name == url.lastPathComponent { return (String(parts[0]), ReleasePackage.sha256(bytes)) }
        }
        return nil
    }

    static func isSafe(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }
}

/// The one walk of a folder that `build --release`, `package` and `verify` share: every entry
/// below it, relative and sorted, by `lstat` — a symbolic link is listed as one, never followed.
public enum FolderListing {
    public enum Kind: Sendable, Equatable {
        case file
        case symbolicLink
        case special
    }

    /// Files, links and special files (not folders), sorted by path.
    public static func entries(of folder: URL) -> [(path: String, kind: Kind)] {
        var found: [(String, Kind)] = []
        func walk(_ url: URL, _ prefix: String) {
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() {
                let child = url.appendingPathComponent(name)
                var info = stat()
                guard lstat(child.path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: walk(child, prefix + name + "/")
                case S_IFREG: found.append((prefix + name, .file))
                case S_IFLNK: found.append((prefix + name, .symbolicLink))
                default: found.append((prefix + name, .special))
                }
            }
        }
        walk(folder, "")
        return found.sorted { $0.0 < $1.0 }
    }
}
