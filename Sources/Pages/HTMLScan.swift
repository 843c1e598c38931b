/// Reads what the checks need out of rendered HTML without a full parser.
enum HTMLScan {
    /// Every `id="…"` value.
    static func ids(in html: String) -> Set<String> {
        attributeValues(named: "id", in: html)
    }

    static func attributeValues(named name: String, in html: String) -> Set<String> {
        var result = Set<String>()
        let bytes = Array(html.utf8)
        let pattern = Array(" \(name)=\"".utf8)
        var i = 0
        let n = bytes.count
        while i + pattern.count <= n {
            if bytes[i] == pattern[0], bytes[i + 1] == pattern[1] {
                var match = true
                for k in 2..<pattern.count where bytes[i + k] != pattern[k] { match = false; break }
                if match {
                    let start = i + pattern.count
                    var end = start
                    while end < n, bytes[end] != 34 { end += 1 }
                    result.insert(String(decoding: bytes[start..<end], as: UTF8.self))
                    i = end
                    continue
                }
            }
            i += 1
        }
        return result
    }
}
