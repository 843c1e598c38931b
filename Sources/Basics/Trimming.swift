#if canImport(Glibc)
    import Glibc
#endif

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

/// Whether `haystack`'s UTF-8 bytes hold `needle`'s. Foundation's `contains` on a `String`
/// converts both to UTF-16 first: on a rendered page that is most of the time it takes.
public func utf8Contains(_ haystack: String, _ needle: String) -> Bool {
    var haystack = haystack, needle = needle
    return haystack.withUTF8 { h in
        needle.withUTF8 { n in
            guard !n.isEmpty else { return true }
            guard h.count >= n.count, let base = h.baseAddress, let pattern = n.baseAddress else { return false }
            // memchr for the first byte, memcmp for the rest (glibc's memmem needs _GNU_SOURCE).
            var at = 0
            let last = h.count - n.count
            while at <= last {
                guard let hit = memchr(base + at, Int32(pattern.pointee), last - at + 1) else { return false }
                let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + offset, pattern, n.count) == 0 { return true }
                at = offset + 1
            }
            return false
        }
    }
}
