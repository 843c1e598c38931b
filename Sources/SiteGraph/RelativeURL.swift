/// Links between pages are relative, so the site works under any sub-path and from `file://`.
/// They name `index.html` explicitly: a browser opening files does not add it.
public func relativeURL(from fromOutputPath: String, to targetPath: String) -> String {
    let depth = fromOutputPath.reduce(0) { $0 + ($1 == "/" ? 1 : 0) }
    let prefix = String(repeating: "../", count: depth)
    return prefix + targetPath
}

/// `../` repeated for a page's depth: the way back to the site root.
public func rootPrefix(for outputPath: String) -> String {
    String(repeating: "../", count: outputPath.reduce(0) { $0 + ($1 == "/" ? 1 : 0) })
}
