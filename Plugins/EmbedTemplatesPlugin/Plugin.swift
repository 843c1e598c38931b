import Foundation
import PackagePlugin

/// Embeds the built-in theme (`Templates/` at the package root) into the `Templates` module,
/// so that `handover` carries it inside its binary and a user's project needs no copy.
@main
struct EmbedTemplatesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let themeURL = context.package.directoryURL.appending(path: "Templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTheme.swift")
        // The folders are inputs too, so that adding a file to one re-embeds the theme.
        var inputs: [URL] = [themeURL]
        if let enumerator = FileManager.default.enumerator(at: themeURL, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in enumerator {
                inputs.append(url)
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding theme from Templates/",
                executable: try context.tool(named: "EmbedTemplates").url,
                arguments: [themeURL.path, output.path],
                inputFiles: inputs.sorted { $0.path < $1.path },
                outputFiles: [output]
            )
        ]
    }
}
