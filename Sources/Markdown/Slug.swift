/// Heading ids the way GitHub makes them: lower case, punctuation dropped, spaces to hyphens,
/// repeats numbered (`setup`, `setup-1`).
struct SlugSet {
    private var used: [String: Int] = [:]

    mutating func unique(for text: String) -> String {
        let base = slug(text)
        if let count = used[base] {
            var n = count
            var candidate: String
            repeat {
                n += 1
                candidate = "\(base)-\(n)"
            } while used[candidate] != nil
            used[base] = n
            used[candidate] = 0
            return candidate
        }
        used[base] = 0
        return base
    }
}

/// Lower-case letters, digits, `-` and `_` only: safe in an attribute and a URL fragment as is.
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
