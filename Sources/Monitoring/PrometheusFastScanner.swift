import Foundation

/// A byte scanner for the common shape of a Prometheus API response — a successful `matrix` or
/// `vector` of float samples — which decodes a million samples several times faster than
/// `JSONDecoder`. It only says yes to what it fully understands: anything else (an error response,
/// histograms, escapes in strings, an unexpected key or value) returns nil, and the decoder, which
/// reports every problem with its place, reads the file instead.
struct PrometheusFastScanner {
    struct Result {
        var series: [Series]
        var warnings: [String]
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    static func scan(_ data: Data) -> Result? {
        data.withUnsafeBytes { raw -> Result? in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return nil }
            var scanner = PrometheusFastScanner(bytes: UnsafeBufferPointer(start: base, count: raw.count))
            return scanner.response()
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    // MARK: Structure

    private mutating func response() -> Result? {
        var status: String?
        var series: [Series]?
        var warnings: [String] = []
        guard
            object(body: { key, scanner in
                switch key {
                case "status": status = scanner.string(); return status != nil
                case "warnings", "infos":
                    guard let list = scanner.stringArray() else { return false }
                    if key == "warnings" { warnings = list }
                    return true
                case "data": series = scanner.dataObject(); return series != nil
                default: return false
                }
            })
        else { return nil }
        skipSpace()
        guard i == bytes.count, status == "success", let series else { return nil }
        return Result(series: series, warnings: warnings)
    }

    private mutating func dataObject() -> [Series]? {
        var type: String?
        var result: [Series]?
        guard
            object(body: { key, scanner in
                switch key {
                case "resultType":
                    type = scanner.string()
                    return type == "matrix" || type == "vector"
                case "result":
                    // resultType usually comes first; without it, let the decoder decide.
                    guard let type else { return false }
                    result = scanner.resultArray(matrix: type == "matrix")
                    return result != nil
                default: return false
                }
            })
        else { return nil }
        return result
    }

    private mutating func resultArray(matrix: Bool) -> [Series]? {
        var series: [Series] = []
        guard
            array(element: { scanner in
                var labels: [String: String] = [:]
                var timestamps: [Int64] = []
                var values: [Double] = []
                var sawSamples = false
                guard
                    scanner.object(body: { key, scanner in
                        switch key {
                        case "metric":
                            guard let map = scanner.stringMap() else { return false }
                            labels = map
                            return true
                        case "values" where matrix:
                            sawSamples = true
                            return scanner.array(element: { scanner in
                                guard let (t, v) = scanner.pair() else { return false }
                                timestamps.append(t)
                                values.append(v)
                                return true
                            })
                        case "value" where !matrix:
                            sawSamples = true
                            guard let (t, v) = scanner.pair() else { return false }
                            timestamps = [t]
                            values = [v]
                            return true
                        default: return false  // histograms, and anything new: the decoder's job
                        }
                    }), sawSamples
                else { return false }
                let name = labels.removeValue(forKey: "__name__") ?? ""
                series.append(Series(name: name, labels: labels, timestamps: timestamps, values: values))
                return true
            })
        else { return nil }
        return series
    }

    /// `[1700000000.123, "0.5"]`
    private mutating func pair() -> (Int64, Double)? {
        guard take(UInt8(ascii: "[")), let seconds = number(), take(UInt8(ascii: ",")), let text = string(),
            take(UInt8(ascii: "]"))
        else { return nil }
        guard let ms = milliseconds(fromSeconds: seconds), let value = sampleValue(text) else { return nil }
        return (ms, value)
    }

    private func sampleValue(_ text: String) -> Double? {
        switch text {
        case "NaN": return .nan
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            guard let first = text.utf8.first, first == UInt8(ascii: "-") || (first >= 48 && first <= 57) else { return nil }
            return Double(text)
        }
    }

    // MARK: JSON pieces

    private mutating func object(body: (String, inout PrometheusFastScanner) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = string(), take(UInt8(ascii: ":")), body(key, &self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    private mutating func array(element: (inout PrometheusFastScanner) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            guard element(&self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]"))
    }

    private mutating func stringMap() -> [String: String]? {
        var map: [String: String] = [:]
        guard
            object(body: { key, scanner in
                guard let value = scanner.string() else { return false }
                map[key] = value
                return true
            })
        else { return nil }
        return map
    }

    private mutating func stringArray() -> [String]? {
        var list: [String] = []
        guard
            array(element: { scanner in
                guard let s = scanner.string() else { return false }
                list.append(s)
                return true
            })
        else { return nil }
        return list
    }

    /// A string without escapes (with one, the decoder reads the file).
    private mutating func string() -> String? {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
        let start = i + 1
        var j = start
        while j < bytes.count {
            let b = bytes[j]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
            j += 1
        }
        guard j < bytes.count else { return nil }
        i = j + 1
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self)
    }

    private mutating func number() -> Double? {
        skipSpace()
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            guard
                (b >= 48 && b <= 57) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
                    || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
            else { break }
            i += 1
        }
        guard i > start, i - start < 40 else { return nil }
        var buffer = [CChar](repeating: 0, count: i - start + 1)
        for k in start..<i { buffer[k - start] = CChar(bitPattern: bytes[k]) }
        var end: UnsafeMutablePointer<CChar>?
        let value = buffer.withUnsafeMutableBufferPointer { p -> Double in
            let v = strtod(p.baseAddress!, &end)
            return end == p.baseAddress! + (i - start) ? v : .nan
        }
        return value.isFinite ? value : nil
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }
}
