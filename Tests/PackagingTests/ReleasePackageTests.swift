import Foundation
import Testing

@testable import Packaging

@Suite struct ReleasePackageTests {
    let files: [(path: String, bytes: [UInt8])] = [
        ("index.html", Array("<!DOCTYPE html><title>Home</title>\n".utf8)),
        ("report/index.html", Array(String(repeating: "<p>The final modeling report.</p>\n", count: 200).utf8)),
        ("assets/handover.css", Array("body { margin: 0 }\n".utf8)),
        ("release.json", Array("{\"version\" : \"2.1.0\"}\n".utf8)),
        ("notes/" + String(repeating: "a-long-folder-name/", count: 6) + "page-with-a-long-name/index.html", Array("deep\n".utf8)),
        ("empty.txt", []),
    ]

    func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("handover-package-\(UUID().uuidString)")
    }

    @Test func theSameFilesAndTimeGiveTheSameBytes() throws {
        let a = try ReleasePackage.build(files, name: "delay-risk-2.1.0", mtime: 1_795_651_200)
        let b = try ReleasePackage.build(files.reversed(), name: "delay-risk-2.1.0", mtime: 1_795_651_200)
        #expect(a.tarGz == b.tarGz)
        #expect(a.zip == b.zip)
        let later = try ReleasePackage.build(files, name: "delay-risk-2.1.0", mtime: 1_795_737_600)
        #expect(later.tarGz != a.tarGz, "the time is the archive's one varying input")
    }

    @Test func theManifestIsSha256sumFormat() throws {
        let built = try ReleasePackage.build(files, name: "x-1", mtime: 0)
        let lines = built.manifest.split(separator: "\n")
        #expect(lines.count == files.count)
        // sha256("") is well known.
        #expect(lines.contains("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  empty.txt"))
    }

    /// What we write, the system's own tar and unzip read, and `sha256sum -c` accepts.
    @Test func systemToolsReadThePackage() throws {
        let dir = folder()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let built = try ReleasePackage.build(files, name: "delay-risk-2.1.0", mtime: 1_795_651_200)
        try Data(built.tarGz).write(to: dir.appendingPathComponent("p.tar.gz"))
        try Data(built.zip).write(to: dir.appendingPathComponent("p.zip"))
        func run(_ command: String) -> (Int32, String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", command]
            p.currentDirectoryURL = dir
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = pipe
            try? p.run()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
        let tar = run("mkdir t && tar -xzf p.tar.gz -C t && cd t/delay-risk-2.1.0 && sha256sum -c --quiet SHA256SUMS")
        #expect(tar.0 == 0, "\(tar.1)")
        let listing = run("TZ=UTC tar -tvzf p.tar.gz | head -3")
        #expect(listing.1.contains("2026-11-26 00:00"), "\(listing.1)")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") {
            let zip = run("mkdir z && unzip -q p.zip -d z && cd z/delay-risk-2.1.0 && sha256sum -c --quiet SHA256SUMS")
            #expect(zip.0 == 0, "\(zip.1)")
        } else {
            let zip = run(
                "mkdir z && python3 -c 'import zipfile; zipfile.ZipFile(\"p.zip\").extractall(\"z\")' && cd z/delay-risk-2.1.0 && sha256sum -c --quiet SHA256SUMS"
            )
            #expect(zip.0 == 0, "\(zip.1)")
        }
    }

    @Test func verifyRoundTripsAndFindsEveryTampering() throws {
        let dir = folder()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let built = try ReleasePackage.build(files, name: "r-1", mtime: 1_795_651_200)
        let tgz = dir.appendingPathComponent("r-1.tar.gz"), zip = dir.appendingPathComponent("r-1.zip")
        try Data(built.tarGz).write(to: tgz)
        try Data(built.zip).write(to: zip)
        for url in [tgz, zip] {
            let report = try PackageVerifier.verify(url)
            #expect(report.isIntact, "\(report)")
            #expect(report.checked == files.count)
            #expect(report.manifest == "r-1/SHA256SUMS")
        }

        // An unpacked copy with one file changed, one removed and one added.
        let unpacked = dir.appendingPathComponent("unpacked")
        for entry in try Tar.read(try Deflate.gunzip(built.tarGz, limit: 1 << 30), limits: ArchiveLimits()) {
            let url = unpacked.appendingPathComponent(entry.path)
            if entry.isFolder {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } else {
                try Data(entry.bytes).write(to: url)
            }
        }
        #expect(try PackageVerifier.verify(unpacked).isIntact)
        let top = unpacked.appendingPathComponent("r-1")
        try Data("<p>Signed: nobody.</p>".utf8).write(to: top.appendingPathComponent("report/index.html"))
        try FileManager.default.removeItem(at: top.appendingPathComponent("assets/handover.css"))
        try Data("added".utf8).write(to: top.appendingPathComponent("extra.html"))
        try FileManager.default.createSymbolicLink(atPath: top.appendingPathComponent("link.html").path, withDestinationPath: "/etc/passwd")
        let report = try PackageVerifier.verify(unpacked)
        #expect(!report.isIntact)
        #expect(report.changed == ["report/index.html"])
        #expect(report.missing == ["assets/handover.css"])
        #expect(report.extra == ["extra.html"])
        #expect(report.problems.contains { $0.contains("link.html is a symbolic link") })
    }

    @Test func aTamperedArchiveIsFound() throws {
        let built = try ReleasePackage.build(files, name: "r-1", mtime: 1_795_651_200)
        // One byte of a member's data in the zip: its CRC no longer matches.
        var zip = built.zip
        let name = Array("r-1/report/index.html".utf8)
        let at = try #require(findBytes(zip, name, after: 0)) - 30
        zip[at + 30 + name.count + 3] ^= 0x01
        #expect(throws: (any Error).self) { _ = try Zip.read(zip, limits: ArchiveLimits()) }

        // A member replaced with a consistent but different one: the manifest catches it.
        var entries = try Tar.read(try Deflate.gunzip(built.tarGz, limit: 1 << 30), limits: ArchiveLimits())
        let i = try #require(entries.firstIndex { $0.path == "r-1/index.html" })
        entries[i].bytes = Array("<!DOCTYPE html><title>Other</title>\n".utf8)
        let report = try PackageVerifier.check(entries)
        #expect(report.changed == ["index.html"])

        // The archive's own hash against the SHA256SUMS beside it.
        let dir = folder()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("r-1.tar.gz")
        let repacked = Deflate.gzip(try Tar.write(entries, mtime: 1_795_651_200))
        try Data(repacked).write(to: url)
        try Data("\(ReleasePackage.sha256(built.tarGz))  r-1.tar.gz\n".utf8).write(to: dir.appendingPathComponent("SHA256SUMS"))
        let outer = try PackageVerifier.verify(url)
        #expect(outer.archiveHash?.expected == ReleasePackage.sha256(built.tarGz))
        #expect(!outer.isIntact)
    }

    @Test func hostileArchivesStopAtTheirBounds() throws {
        // A gzip bomb: 64 MiB of zeros, bounded to 1 MiB.
        let bomb = Deflate.gzip([UInt8](repeating: 0, count: 64 << 20))
        #expect(bomb.count < 200_000)
        #expect(throws: Deflate.Failure.self) { try Deflate.gunzip(bomb, limit: 1 << 20) }
        // Truncated and foreign files are errors, not crashes.
        let built = try ReleasePackage.build(files, name: "r-1", mtime: 0)
        #expect(throws: (any Error).self) { try Deflate.gunzip(Array(built.tarGz.prefix(100)), limit: 1 << 30) }
        #expect(throws: ArchiveFailure.self) { try Zip.read(Array(built.zip.prefix(built.zip.count - 30)), limits: ArchiveLimits()) }
        #expect(throws: ArchiveFailure.self) { try Zip.read(Array("not a zip at all, just some text".utf8), limits: ArchiveLimits()) }
        // A manifest line that climbs out of the package.
        let entries = [
            ArchiveEntry(path: "r/SHA256SUMS", bytes: Array("\(String(repeating: "0", count: 64))  ../../etc/passwd\nnot a line\n".utf8))
        ]
        let report = try PackageVerifier.check(entries)
        #expect(report.problems.count == 2)
        #expect(!report.isIntact)
    }

    func findBytes(_ haystack: [UInt8], _ needle: [UInt8], after: Int) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in after...(haystack.count - needle.count) where Array(haystack[i..<i + needle.count]) == needle { return i }
        return nil
    }
}
