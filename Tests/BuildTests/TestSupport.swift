import Build
import Foundation

/// The repository root, found from this file: tests build the example `Content/` and fixtures.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let fixturesURL = repositoryRoot.appendingPathComponent("Tests/BuildTests/Fixtures")

/// A project written from a dictionary of paths to contents, in a fresh temporary folder.
func makeProject(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("handover-e2e-\(UUID().uuidString)")
    for (path, text) in files {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return dir
}

/// Every file under a folder, by relative path, as bytes.
func snapshot(_ root: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
    for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
        files[String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))] = try Data(contentsOf: url)
    }
    return files
}

func options(_ project: URL, output: URL? = nil, epoch: Int64 = 1_795_651_200) -> BuildPipeline.Options {
    var options = BuildPipeline.Options(projectURL: project)
    options.outputURL = output
    options.sourceDateEpoch = epoch
    return options
}

func temporaryOutput() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("handover-site-\(UUID().uuidString)/_site")
}
