import Diagnostics

/// Limits on Markdown checked before cmark-gfm sees it: its table extension is quadratic in the
/// number of columns (one 40,000-column row kept a build busy for minutes), so a row with more
/// cells than anyone writes by hand is a located error instead.
public enum MarkdownLimits {
    public static let maxTableColumns = 256

    /// The first line outside fenced code with more than `maxTableColumns` cell separators.
    /// - Parameter lineOffset: lines before the body in its file (front matter).
    static func check(_ body: String, path: String, lineOffset: Int) -> Diagnostic? {
        if body.utf8.count > InputBudget.maxMarkdownBytes {
            return .error(
                at: SourceLocation(path: path),
                "Markdown file too large: \(body.utf8.count) bytes, the limit is \(InputBudget.maxMarkdownBytes)",
                hint: "split it into several notes")
        }
        guard body.utf8.contains(UInt8(ascii: "|")) else { return nil }
        var line = 1
        var pipes = 0
        var escaped = false
        var fence: UInt8? = nil
        var lineStart = true
        var leading = 0
        var leadingByte: UInt8 = 0
        for byte in body.utf8 {
            if byte == 10 {
                line += 1
                pipes = 0
                escaped = false
                lineStart = true
                leading = 0
                continue
            }
            if lineStart {
                // ``` or ~~~ at the start of a line opens or closes a fence.
                if (byte == UInt8(ascii: "`") || byte == UInt8(ascii: "~")), leading == 0 || byte == leadingByte {
                    leadingByte = byte
                    leading += 1
                    if leading == 3 {
                        fence = fence == nil ? byte : (fence == byte ? nil : fence)
                        lineStart = false
                    }
                    continue
                }
                if byte != 32 || leading > 0 { lineStart = false }
            }
            if fence != nil { continue }
            if byte == UInt8(ascii: "\\") { escaped.toggle(); continue }
            if byte == UInt8(ascii: "|"), !escaped {
                pipes += 1
                if pipes > maxTableColumns {
                    return .error(
                        at: SourceLocation(path: path, line: line + lineOffset, column: 1),
                        "table row with more than \(maxTableColumns) columns",
                        hint: "split the table, or attach the data as a CSV file")
                }
            }
            escaped = false
        }
        return nil
    }
}
