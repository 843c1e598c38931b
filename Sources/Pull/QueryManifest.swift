import Basics
import Foundation

/// The file beside pulled responses that says which expression each one answers
/// (`prometheus.json` → `prometheus.queries.yaml`). The responses stay byte for byte what
/// Prometheus sent; this is how `handover build` knows that `prometheus-2.json` is the answer to
/// `histogram_quantile(0.95, …)` and must be shown as it is, not evaluated again.
enum QueryManifest {
    /// `NAME.queries.yaml` beside `NAME.json` (the `-o` file).
    static func url(for output: URL) -> URL {
        let stem = output.deletingPathExtension().lastPathComponent
        return output.deletingLastPathComponent().appendingPathComponent("\(stem).queries.yaml")
    }

    static func text(answers: [(file: String, query: String)], source: String, options: PrometheusPuller.Options) -> String {
        var out = """
            # Written by `handover pull prometheus`: the expression each file beside this one answers.
            # `handover build` takes these answers as Prometheus computed them, instead of evaluating
            # the expressions again on the pulled series. Pull again to refresh them.
            source: \(quoted(source))
            end: \(quoted(rfc3339Text(epochSeconds: options.end)))
            range: \(formatDuration(options.rangeSeconds))
            step: \(formatDuration(options.stepSeconds))
            answers:

            """
        for answer in answers {
            out += "  - file: \(quoted(answer.file))\n    query: \(quoted(answer.query))\n"
        }
        return out
    }

    /// The server without credentials, query or fragment: what a reader of the file may see.
    static func source(_ url: String) -> String {
        guard var parts = URLComponents(string: url) else { return "" }
        parts.user = nil
        parts.password = nil
        parts.query = nil
        parts.fragment = nil
        return parts.string ?? ""
    }

    /// A YAML double-quoted scalar: what YAML cannot carry as it is (controls, DEL, C1, line
    /// separators, the byte-order mark, non-characters) as `\u`/`\U` escapes, so that any expression reads back.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                let v = scalar.value
                let printable =
                    (v >= 0x20 && v <= 0x7E) || (v >= 0xA0 && v <= 0xD7FF && v != 0x2028 && v != 0x2029) || (v >= 0xE000 && v <= 0xFFFD && v != 0xFEFF)
                    || (v >= 0x10000 && v <= 0x10FFFF)
                if printable {
                    out.unicodeScalars.append(scalar)
                } else if v <= 0xFFFF {
                    out += "\\u" + hex(v, 4)
                } else {
                    out += "\\U" + hex(v, 8)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ v: UInt32, _ width: Int) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
