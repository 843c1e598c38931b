import ArgumentParser
import Build
import Foundation
import Packaging

struct PackageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package",
        abstract: "Write a release's archived site as NAME.tar.gz and NAME.zip with SHA256SUMS, byte-identical from the same archive.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "The archived release to package (default: the newest in DIR/releases/).")
    var release: String?

    @Option(name: .shortAndLong, help: "Where to write the archives (default: DIR/_packages).")
    var output: String?

    func run() throws {
        let archives = ReleaseArchives(projectURL: project.projectURL).list()
        guard !archives.isEmpty else {
            stderr("error: no archived release in \(project.directory)/releases/; archive one with: handover build --release \(project.directory)")
            throw ExitStatus.inputErrors
        }
        guard let archive = release.map({ v in archives.first { $0.version == v } }) ?? archives.first else {
            stderr("error: release \(release ?? "") is not archived; archived: \(archives.map(\.version).joined(separator: ", "))")
            throw ExitStatus.inputErrors
        }
        // A file name on every system: the model's name in ASCII letters, digits, `.`, `-`, `_`.
        let model = archive.facts.model.map { name in
            String(
                name.unicodeScalars.map {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) ? Character($0) : "-"
                })
        }
        let name = (model.flatMap { $0.isEmpty || $0.hasPrefix(".") ? nil : $0 + "-" } ?? "release-") + archive.version
        let folder = output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? project.projectURL.appendingPathComponent("_packages")
        // A tampered archive is not packaged: what is handed over must be what was published.
        if FileManager.default.fileExists(atPath: archive.url.appendingPathComponent(ReleasePackage.manifestName).path) {
            let report = try? PackageVerifier.verify(archive.url)
            if let report, !report.isIntact {
                let problems =
                    report.changed.map { "changed: \($0)" } + report.missing.map { "missing: \($0)" } + report.extra.map { "extra: \($0)" }
                    + report.problems
                stderr("error: releases/\(archive.version)/ is not what was published (\(problems.prefix(5).joined(separator: "; ")))")
                throw ExitStatus.inputErrors
            }
        }
        do {
            let files = try ReleasePackage.files(in: archive.url).filter { $0.path != ReleasePackage.manifestName }
            let built = try ReleasePackage.build(files, name: name, mtime: archive.facts.builtAt)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let tarName = name + ".tar.gz", zipName = name + ".zip"
            // One SHA256SUMS for every package in the folder: this release's lines replace its old ones.
            let sumsURL = folder.appendingPathComponent(ReleasePackage.manifestName)
            let kept = ((try? String(contentsOf: sumsURL, encoding: .utf8)) ?? "").split(separator: "\n").filter { line in
                !(line.hasSuffix("  " + tarName) || line.hasSuffix("  " + zipName))
            }
            let lines = kept.map(String.init) + ["\(ReleasePackage.sha256(built.tarGz))  \(tarName)", "\(ReleasePackage.sha256(built.zip))  \(zipName)"]
            let sums = lines.sorted { $0.dropFirst(66) < $1.dropFirst(66) }.joined(separator: "\n") + "\n"
            try Data(built.tarGz).write(to: folder.appendingPathComponent(tarName), options: .atomic)
            try Data(built.zip).write(to: folder.appendingPathComponent(zipName), options: .atomic)
            try Data(sums.utf8).write(to: sumsURL, options: .atomic)
            stderr(
                "packaged release \(archive.version): \(built.fileCount) files → \(folder.path)/\(tarName) (\(built.tarGz.count) bytes), \(zipName) (\(built.zip.count) bytes), \(ReleasePackage.manifestName)"
            )
        } catch {
            stderr("error: \(error)")
            throw ExitStatus.inputErrors
        }
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a release package (.tar.gz, .zip) or an unpacked folder against its SHA256SUMS; name every changed, missing or extra file.")

    @Argument(help: "The archive or folder.")
    var path: String

    func run() throws {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let report: PackageVerifier.Report
        do {
            report = try PackageVerifier.verify(url)
        } catch {
            stderr("\(path): error: \(error)")
            throw ExitStatus.inputErrors
        }
        for p in report.problems { stderr("\(path): error: \(p)") }
        for p in report.changed { stderr("\(path): changed: \(p) (its SHA-256 differs from \(report.manifest))") }
        for p in report.missing { stderr("\(path): missing: \(p) (listed in \(report.manifest))") }
        for p in report.extra { stderr("\(path): extra: \(p) (not listed in \(report.manifest))") }
        if let (expected, actual) = report.archiveHash, expected != actual {
            stderr("\(path): changed: the archive itself (SHA-256 \(actual), SHA256SUMS beside it says \(expected))")
        }
        if report.isIntact {
            let outer = report.archiveHash != nil ? "; the archive matches the SHA256SUMS beside it" : ""
            print("\(path): OK, \(report.checked) files match \(report.manifest)\(outer)")
        } else {
            let count =
                report.changed.count + report.missing.count + report.extra.count + report.problems.count
                + (report.archiveHash.map { $0.expected != $0.actual ? 1 : 0 } ?? 0)
            stderr("\(path): FAILED, \(count) problem\(count == 1 ? "" : "s") against \(report.manifest)")
            throw ExitStatus.inputErrors
        }
    }
}
