import Diagnostics
import Foundation
import Output
import Packaging
import Pages

/// What `build --release` did with the latest release's archive.
public enum ArchiveOutcome: Sendable, Equatable {
    /// Written for the first time.
    case created(version: String, files: Int)
    /// Already published and this build renders it byte for byte as it is: left untouched.
    case unchanged(version: String)
    /// Replaced with `--force`.
    case replaced(version: String, files: Int)
}

extension BuildPipeline {
    /// The site's files as the writer takes them.
    static func siteEntries(_ site: Rendered) -> [SiteWriter.Entry] {
        site.files.map { SiteWriter.Entry(path: $0.path, content: .text($0.contents)) }
            + site.staticFiles.map { SiteWriter.Entry(path: $0.contentPath, content: $0.sanitized.map { .data($0) } ?? .copy($0.sourceURL)) }
    }

    /// Renders the latest release's archive and writes it to `DIR/releases/<version>/` unless it
    /// is there. An archive that is there is rendered again at the build time it was published
    /// with, so that the same inputs give the same bytes: any difference means the inputs of a
    /// published release changed, which is an error unless `--force`.
    static func archiveRelease(
        _ options: Options, facts: ReleaseFacts?, at location: SourceLocation?, clock: inout StageClock
    ) -> (outcome: ArchiveOutcome?, diagnostics: [Diagnostic], failure: String?) {
        let deploymentFile = location ?? SourceLocation(path: "Content/deployment.yaml")
        guard let facts else {
            return (
                nil,
                [
                    .error(
                        at: deploymentFile, "build --release: deployment.yaml lists no release to archive",
                        hint: "add one under `releases:` (version, date, notes), then build --release again")
                ], nil
            )
        }
        guard ReleaseArchives.isArchivable(facts.version) else {
            return (
                nil,
                [
                    .error(
                        at: deploymentFile,
                        "build --release: release version `\(facts.version)` cannot name a folder; expected letters, digits and . - _ + only")
                ], nil
            )
        }
        let archives = ReleaseArchives(projectURL: options.projectURL)
        let folder = archives.folder(for: facts.version)
        let published = archives.facts(at: folder)
        let exists = FileManager.default.fileExists(atPath: folder.path)
        // Not even --force replaces a folder Handover did not write: it may be the user's own.
        if exists, published == nil {
            return (
                nil,
                [
                    .error(
                        at: SourceLocation(path: "\(ReleaseArchives.folderName)/\(facts.version)"),
                        "build --release: releases/\(facts.version)/ exists but holds no readable \(ReleaseArchives.factsName); it was not written by Handover",
                        hint: "move it away; Handover never replaces a folder it did not write")
                ], nil
            )
        }
        var archiveOptions = options
        archiveOptions.archiveVersion = facts.version
        if let published, !options.force { archiveOptions.sourceDateEpoch = published.builtAt }
        let (rendered, bag) = render(archiveOptions, clock: &clock)
        clock.lap("archive")
        guard let rendered, !bag.hasErrors, let archivedFacts = rendered.releaseFacts else {
            return (nil, bag.sorted.filter { $0.severity == .error }, nil)
        }
        var entries = siteEntries(rendered)
        entries.append(.init(path: ReleaseArchives.factsName, content: .text(archivedFacts.json)))
        var expected: [String: Data] = [:]
        for entry in entries {
            switch entry.content {
            case .text(let text): expected[entry.path] = Data(text.utf8)
            case .data(let data): expected[entry.path] = data
            case .copy(let url): expected[entry.path] = (try? Data(contentsOf: url)) ?? Data()
            }
        }
        // The archive's own manifest: `handover verify releases/<version>` proves later that the
        // folder is what was published, and `handover package` refuses an archive that is not.
        let manifest = ReleasePackage.manifest(expected.map { (path: $0.key, bytes: [UInt8]($0.value)) })
        entries.append(.init(path: ReleasePackage.manifestName, content: .text(manifest)))
        expected[ReleasePackage.manifestName] = Data(manifest.utf8)
        if published != nil, !options.force {
            let d = ReleaseArchives.differences(expected, folder: folder)
            if d.isEmpty { return (.unchanged(version: facts.version), [], nil) }
            func some(_ paths: [String]) -> String {
                paths.prefix(5).joined(separator: ", ") + (paths.count > 5 ? ", … (\(paths.count) in all)" : "")
            }
            var parts: [String] = []
            if !d.changed.isEmpty { parts.append("\(d.changed.count) changed (\(some(d.changed)))") }
            if !d.missing.isEmpty { parts.append("\(d.missing.count) new (\(some(d.missing)))") }
            if !d.extra.isEmpty { parts.append("\(d.extra.count) gone (\(some(d.extra)))") }
            return (
                nil,
                [
                    .error(
                        at: deploymentFile,
                        "build --release: release \(facts.version) is published in releases/\(facts.version)/ and this build would change it: "
                            + parts.joined(separator: "; "),
                        hint: "a published release stays as it was signed: add a new release to deployment.yaml, or pass --force to replace the archive")
                ], nil
            )
        }
        do {
            try SiteWriter.writeArchive(entries, at: folder, replacing: options.force)
        } catch {
            return (nil, [], "cannot write the release archive \(folder.path): \(error)")
        }
        let count = entries.count
        return (exists ? .replaced(version: facts.version, files: count) : .created(version: facts.version, files: count), [], nil)
    }

    /// Every archive of `DIR/releases/`, published under `releases/` of the site, with the
    /// switcher's list and `releases/latest/`.
    static func publishedArchives(_ options: Options) -> [SiteWriter.Entry] {
        let archives = ReleaseArchives(projectURL: options.projectURL).list()
        guard let latest = archives.first else { return [] }
        var entries: [SiteWriter.Entry] = []
        for archive in archives {
            for path in ReleaseArchives.files(in: archive.url) {
                entries.append(.init(path: "releases/\(archive.version)/\(path)", content: .copy(archive.url.appendingPathComponent(path))))
            }
        }
        entries.append(.init(path: "releases/versions.js", content: .text(ReleaseArchives.versionsScript(archives))))
        // `releases/latest/` names the newest archive without copying it: a page that sends the
        // reader on (a symbolic link would not survive S3 or a file share).
        let target = "../\(latest.version)/index.html"
        entries.append(
            .init(
                path: "releases/latest/index.html",
                content: .text(
                    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url=\(target)\">"
                        + "<link rel=\"canonical\" href=\"\(target)\"><title>\(latest.version)</title></head>"
                        + "<body><p><a href=\"\(target)\">\(latest.version)</a></p></body></html>\n")))
        return entries
    }
}
