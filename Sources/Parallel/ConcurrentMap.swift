import Dispatch

/// Results slots written from several threads, each index by exactly one thread.
private final class Slots<T>: @unchecked Sendable {
    var values: [T?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
}

extension Array where Element: Sendable {
    /// `map` spread over the machine's cores; the result keeps the input order.
    public func concurrentMap<T>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let slots = Slots<T>(count: count)
        // Chunks amortise dispatch overhead for cheap transforms.
        let chunk = Swift.max(1, count / 64)
        let chunks = (count + chunk - 1) / chunk
        self.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let input = buffer
            slots.values.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let output = out
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    let end = Swift.min(count, (c + 1) * chunk)
                    for i in (c * chunk)..<end { output[i] = transform(input[i]) }
                }
            }
        }
        return slots.values.map { $0! }
    }
}
