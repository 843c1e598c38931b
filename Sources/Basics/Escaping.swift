/// Escaping for every writer of HTML, XML, SVG and JSON in Handover: one implementation each.

/// Escapes text for XML and HTML, attributes included.
public func markupEscape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for ch in s.unicodeScalars {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(ch)
        }
    }
    return out
}

/// A JSON string literal; shared by every JSON writer in Handover.
///
/// - Parameter scriptSafe: `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes, so that the JSON
///   may sit inside a `<script>`; off for JSON shown to readers (API examples), which is escaped
///   into HTML like any text.
public func jsonString(_ s: String, scriptSafe: Bool = true) -> String {
    // Most text needs no escaping: check the bytes once before building anything.
    var plain = true
    for byte in s.utf8
    where byte < 0x20 || byte == 34 || byte == 92
        || (scriptSafe && (byte == 60 || byte == 62 || byte == 38 || byte == 0xE2))
    {
        plain = false
        break
    }
    if plain { return "\"" + s + "\"" }
    var out = "\""
    out.reserveCapacity(s.utf8.count + 2)
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "<" where scriptSafe: out += "\\u003c"  // safe inside <script> too
        case ">" where scriptSafe: out += "\\u003e"
        case "&" where scriptSafe: out += "\\u0026"
        case "\u{2028}" where scriptSafe: out += "\\u2028"
        case "\u{2029}" where scriptSafe: out += "\\u2029"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
