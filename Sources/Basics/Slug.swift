// Ids and URL fragments made from names, headings and paths. Each keeps to characters that
// need no escaping in an attribute or a URL fragment.

/// Heading ids the way GitHub makes them: lower case, punctuation dropped, spaces to hyphens.
public func slug(_ text: String) -> String {
    var out = ""
    for ch in text.lowercased() {
        if ch.isLetter || ch.isNumber || ch == "_" || ch == "-" {
            // Keep to characters that need no escaping anywhere.
            if ch.isASCII || ch.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
                out.append(ch)
            }
        } else if ch == " " {
            out.append("-")
        }
    }
    return out.isEmpty ? "section" : out
}

/// A name as an id: lower case, every character but a letter or a digit a hyphen
/// (`Scoring API` → `scoring-api`): component, endpoint and feed entry ids.
public func anchorSlug(_ name: String) -> String {
    String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
}

/// A path as an id, case kept: letters, digits, `-` and `_`; anything else a hyphen
/// (`report/Data notes` → `report-Data-notes`): the ids of sections made from notes.
public func pathSlug(_ path: String) -> String {
    String(path.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
}
