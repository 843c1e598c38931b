import Basics

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
