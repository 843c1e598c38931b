/// Columns as editors and GitHub annotations count them: in characters (Unicode scalars), not in
/// the UTF-8 bytes C libraries such as cmark-gfm report. A link after `애플리케이션 배포 ` is at
/// column 11, not 24.
public struct ColumnMap: Sendable {
    private let text: String
    /// Where each line starts, in UTF-8 offsets.
    private let lineStarts: [Int]

    public init(_ text: String) {
        self.text = text
        var starts = [0]
        var offset = 0
        for byte in text.utf8 {
            offset += 1
            if byte == UInt8(ascii: "\n") { starts.append(offset) }
        }
        lineStarts = starts
    }

    /// The 1-based character column of a 1-based byte column on a 1-based line.
    public func characterColumn(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lineStarts.count, byteColumn > 1 else { return byteColumn }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[line - 1])
        let end = utf8.index(start, offsetBy: byteColumn - 1, limitedBy: utf8.endIndex) ?? utf8.endIndex
        // Round down to the scalar that holds the byte, then count scalars.
        let scalars = text.unicodeScalars
        let lower = start.samePosition(in: scalars) ?? scalars.index(before: start)
        var upper = end
        while upper.samePosition(in: scalars) == nil, upper > start { upper = utf8.index(before: upper) }
        return scalars.distance(from: lower, to: upper) + 1
    }
}
