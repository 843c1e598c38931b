/// Links between pages are relative, so the site works under any sub-path and from `file://`.
/// They name `index.html` explicitly: a browser opening files does not add it.
public func relativeURL(from fromOutputPath: String, to targetPath: String) -> String {
    let depth = fromOutputPath.reduce(0) { $0 + ($1 == "/" ? 1 : 0) }
    let prefix = String(repeating: "../", count: depth)
    return prefix + urlPath(targetPath)
}

/// A site path as a URL path: bytes other than unreserved characters, `/`, `@` and the sub-delimiters
/// percent-encoded (`:` too: a first segment `a:b` would read as a scheme), so `notes/Project/Exit Report/index.html` (the TDSP template's names) and a
/// file called `a#1.csv` are reached from every browser, from `file://` and in `sitemap.xml`.
public func urlPath(_ path: String) -> String {
    let plain = path.utf8.allSatisfy(isURLPathByte)
    if plain { return path }
    var out = ""
    for byte in path.utf8 {
        if isURLPathByte(byte) {
            out.unicodeScalars.append(Unicode.Scalar(byte))
        } else {
            let hex = Array("0123456789ABCDEF")
            out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
        }
    }
    return out
}

private func isURLPathByte(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
    case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"): true
    case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
        UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="),
        UInt8(ascii: "@"):
        true
    default: false
    }
}

/// `../` repeated for a page's depth: the way back to the site root.
public func rootPrefix(for outputPath: String) -> String {
    String(repeating: "../", count: outputPath.reduce(0) { $0 + ($1 == "/" ? 1 : 0) })
}

/// `%XX` sequences back to their bytes: how a link written with `%20` names its file.
public func percentDecoded(_ s: String) -> String {
    guard s.contains("%") else { return s }
    var bytes: [UInt8] = []
    var it = Array(s.utf8)[...]
    while let b = it.first {
        it = it.dropFirst()
        if b == 37, it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
            bytes.append(v)
            it = it.dropFirst(2)
        } else {
            bytes.append(b)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
