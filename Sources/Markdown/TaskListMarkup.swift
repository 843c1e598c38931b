import Basics

/// cmark-gfm writes task-list items as disabled checkboxes without labels, which screen
/// readers announce as unlabeled form fields: they become a mark and a word instead.
enum TaskListMarkup {
    static func accessible(_ html: String) -> String {
        guard utf8Contains(html, "type=\"checkbox\"") else { return html }
        return
            html
            .replacingAll(
                "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> ",
                with: "<span class=\"task-box task-done\" aria-hidden=\"true\">✓</span><span class=\"visually-hidden\">Done: </span>"
            )
            .replacingAll(
                "<input type=\"checkbox\" disabled=\"\" /> ",
                with: "<span class=\"task-box task-open\" aria-hidden=\"true\"></span><span class=\"visually-hidden\">Open: </span>")
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
