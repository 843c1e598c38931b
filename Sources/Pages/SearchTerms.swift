import Foundation

/// The words search knows a text by, cut the same way as `assets/handover.js` cuts a query:
/// Latin and other alphabets folded for case and accents (`Zürich` → `zurich`), Hangul words kept
/// whole (a query finds them by their start: 서울 finds 서울은), Chinese and Japanese as overlapping
/// pairs of characters (there are no spaces to cut at).
enum SearchTerms {
    /// Hangul syllables and letters: words of their own, matched by prefix.
    static func isHangul(_ s: Unicode.Scalar) -> Bool {
        (0xAC00...0xD7A3).contains(s.value) || (0x1100...0x11FF).contains(s.value) || (0x3130...0x318F).contains(s.value)
    }

    /// Han, kana and their punctuation-free neighbours: cut into pairs.
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        (0x3040...0x30FF).contains(s.value) || (0x3400...0x4DBF).contains(s.value) || (0x4E00...0x9FFF).contains(s.value)
            || (0xF900...0xFAFF).contains(s.value) || (0x20000...0x2FA1F).contains(s.value)
    }

    /// Case and accents folded, as the script does: scalar by scalar, Hangul and CJK as they are.
    static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.isASCII {
                let v = scalar.value
                out.append(Unicode.Scalar((65...90).contains(v) ? v + 32 : v)!)
            } else if isHangul(scalar) || isCJK(scalar) {
                out.append(scalar)
            } else {
                for d in String(scalar).decomposedStringWithCanonicalMapping.lowercased().unicodeScalars where !(0x300...0x36F).contains(d.value) {
                    out.append(d)
                }
            }
        }
        return String(out)
    }

    /// The distinct terms of a text.
    static func terms(_ text: String, into set: inout Set<String>) {
        // Most text is ASCII: its words are cut and lower-cased byte by byte, without Unicode
        // property lookups (measured: tokenizing 10,000 notes went from 7 s to well under one).
        var text = text
        let ascii = text.withUTF8 { bytes -> Bool in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            var word: [UInt8] = []
            word.reserveCapacity(32)
            for b in bytes {
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(b)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(b + 32)
                default:
                    if !word.isEmpty {
                        set.insert(String(decoding: word, as: UTF8.self))
                        word.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !word.isEmpty { set.insert(String(decoding: word, as: UTF8.self)) }
            return true
        }
        if !ascii { unicodeTerms(text, into: &set) }
    }

    static func unicodeTerms(_ text: String, into set: inout Set<String>) {
        var word = String.UnicodeScalarView()
        var cjk: [Unicode.Scalar] = []
        func flushWord() {
            if !word.isEmpty { set.insert(String(word)) }
            word = String.UnicodeScalarView()
        }
        func flushCJK() {
            if cjk.count == 1 {
                set.insert(String(cjk[0]))
            } else if cjk.count > 1 {
                for i in 0..<(cjk.count - 1) {
                    var pair = String.UnicodeScalarView()
                    pair.append(cjk[i])
                    pair.append(cjk[i + 1])
                    set.insert(String(pair))
                }
            }
            cjk.removeAll(keepingCapacity: true)
        }
        for scalar in fold(text).unicodeScalars {
            if isCJK(scalar) {
                flushWord()
                cjk.append(scalar)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar.properties.generalCategory == .nonspacingMark {
                flushCJK()
                word.append(scalar)
            } else {
                flushWord()
                flushCJK()
            }
        }
        flushWord()
        flushCJK()
    }

    /// The shard a term is kept in: its first two characters, or one for Hangul and CJK, whose
    /// characters are each as many as a pair of letters. As hexadecimal code points: a file name.
    static func shardKey(_ term: String) -> String {
        let scalars = Array(term.unicodeScalars)
        guard let first = scalars.first else { return "" }
        let count = isHangul(first) || isCJK(first) || scalars.count == 1 ? 1 : 2
        return scalars.prefix(count).map { String($0.value, radix: 16) }.joined(separator: "-")
    }
}
