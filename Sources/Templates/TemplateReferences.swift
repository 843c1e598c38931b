/// Finds the partials (`{{> name}}`) and parents (`{{< name}}`) a template names, with their places.
enum TemplateReferences {
    struct Reference: Equatable {
        var name: String
        var isParent: Bool
        var line: Int
        var column: Int
    }

    static func scan(_ text: String) -> [Reference] {
        var references: [Reference] = []
        let chars = Array(text.unicodeScalars)
        var line = 1
        var lineStart = 0
        var i = 0
        while i < chars.count {
            if chars[i] == "\n" {
                line += 1
                lineStart = i + 1
            } else if chars[i] == "{", i + 2 < chars.count, chars[i + 1] == "{" {
                var j = i + 2
                while j < chars.count, chars[j] == " " { j += 1 }
                if j < chars.count, chars[j] == ">" || chars[j] == "<" {
                    let isParent = chars[j] == "<"
                    j += 1
                    while j < chars.count, chars[j] == " " { j += 1 }
                    var name = ""
                    // A dynamic partial (`{{>*name}}`) is resolved at render time: not checked here.
                    if j < chars.count, chars[j] == "*" { i = j; continue }
                    while j < chars.count, chars[j] != "}", chars[j] != " " {
                        name.unicodeScalars.append(chars[j])
                        j += 1
                    }
                    if !name.isEmpty {
                        references.append(Reference(name: name, isParent: isParent, line: line, column: i - lineStart + 1))
                    }
                }
            }
            i += 1
        }
        return references
    }
}
