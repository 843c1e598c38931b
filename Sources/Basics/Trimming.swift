extension StringProtocol {
    /// Without the spaces, tabs and line ends around it (not Unicode's other white space, which a
    /// reader may have meant).
    public var trimmingSpaces: SubSequence {
        var start = startIndex, end = endIndex
        while start < end, Self.isSpace(self[start]) { start = index(after: start) }
        while end > start, Self.isSpace(self[index(before: end)]) { end = index(before: end) }
        return self[start..<end]
    }

    /// Without the spaces, tabs and carriage returns at its end (a line of a CRLF file).
    public var trimmingTrailingSpace: SubSequence {
        var end = endIndex
        while end > startIndex, [" ", "\t", "\r"].contains(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }

    private static func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\r\n" }
}

/// A copy of `s` in storage of its own size. Text built by appending (a rendered template, a
/// page) has up to twice the capacity it needs; a build keeps every page's text until it is
/// written, so each is stored compactly (measured on `make bench`: see the README's "Benchmark").
public func compactText(_ s: String) -> String {
    var s = s
    return s.withUTF8 { String(decoding: $0, as: UTF8.self) }
}
