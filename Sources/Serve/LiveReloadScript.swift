import Templates
/// The script `serve` adds to the pages it serves (never to `handover build` output): it listens
/// for build events, reloads the page when the page or the theme's assets changed, and shows every
/// error of a failed rebuild over the page until the inputs are fixed.
enum LiveReloadScript {
    static let eventsPath = "/__handover/events"
    static let scriptPath = "/__handover/live.js"

    /// Adds the script tag before `</body>` (or at the end when there is none).
    static func inject(into html: String, generation: Int, server: String) -> String {
        let tag = "<script src=\"\(scriptPath)\" data-handover-live data-generation=\"\(generation)\" data-server=\"\(server)\" defer></script>\n"
        if let range = html.range(of: "</body>", options: .backwards) {
            var result = html
            result.insert(contentsOf: tag, at: range.lowerBound)
            return result
        }
        return html + tag
    }

    /// The script itself, `Templates/serve/live.js` of the built-in theme.
    static let source = Theme.builtInFiles["serve/live.js"] ?? ""
}
