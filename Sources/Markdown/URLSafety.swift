/// Schemes that run code or read local files when a reader clicks them.
public enum URLSafety {
    public static func isUnsafe(_ url: String) -> Bool {
        // Browsers ignore control characters and spaces inside a scheme: `java\tscript:` runs.
        let compact = url.unicodeScalars.filter { $0.value > 0x20 }.map(Character.init)
        let lower = String(compact).lowercased()
        for scheme in ["javascript:", "vbscript:", "file:", "data:"] where lower.hasPrefix(scheme) {
            // Images may be embedded data URLs of raster types.
            if scheme == "data:",
                lower.hasPrefix("data:image/png") || lower.hasPrefix("data:image/jpeg")
                    || lower.hasPrefix("data:image/gif") || lower.hasPrefix("data:image/webp")
            {
                return false
            }
            return true
        }
        return false
    }
}
