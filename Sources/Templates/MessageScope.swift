import Basics
import Mustache

/// The messages as templates read them: `{{t.nav.home}}`. A message with placeholders becomes a
/// Mustache lambda whose `{name}` placeholders are lookups in the template's context
/// (`{site.customer}` reads `site.customer` where the message stands), escaped like any value.
/// Messages under `script.` are given as written: the browser scripts fill their placeholders.
/// In a template, `` `text` `` in a message is set as code and `**text**` as strong; nothing else
/// of a message becomes markup.
public struct MessageScope: MustacheParent, Sendable {
    public let messages: Messages
    let prefix: String

    public init(_ messages: Messages, prefix: String = "") {
        self.messages = messages
        self.prefix = prefix
    }

    public func child(named name: String) -> Any? {
        if prefix.isEmpty, name == "markup" { return MarkupScope() }
        let key = prefix + name
        switch messages.entries[key] {
        case .text(let text)?:
            if key.hasPrefix("script.") || !text.contains(where: { $0 == "{" || $0 == "`" || $0 == "*" }) { return text }
            return MustacheLambda { Self.template(text) }
        case .plural(let forms)?:
            return forms["other"].map { text in MustacheLambda { Self.template(text) } }
        case .list(let items)?:
            return items
        case nil:
            return messages.prefixes.contains(key) ? MessageScope(messages, prefix: key + ".") : nil
        }
    }

    /// `{name}` → `{{name}}`, `` ` `` and `**` → the fixed tags of `MarkupScope`; the lambda's
    /// caller escapes the text for HTML before parsing it, so nothing else becomes markup.
    static func template(_ text: String) -> String {
        var out = ""
        var code = false, strong = false
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            switch chars[i] {
            case "{": out += "{{"
            case "}": out += "}}"
            case "`":
                out += code ? "{{{t.markup.endCode}}}" : "{{{t.markup.code}}}"
                code.toggle()
            case "*" where i + 1 < chars.count && chars[i + 1] == "*":
                out += strong ? "{{{t.markup.endStrong}}}" : "{{{t.markup.strong}}}"
                strong.toggle()
                i += 1
            default: out.append(chars[i])
            }
            i += 1
        }
        if code { out += "{{{t.markup.endCode}}}" }
        if strong { out += "{{{t.markup.endStrong}}}" }
        return out
    }
}

extension MessageScope {
    /// A message already filled in Swift (a plural form), as HTML: escaped, with its
    /// `` ` `` and `**` spans as code and strong, as a template would show it.
    public static func html(_ text: String) -> String {
        var out = ""
        var code = false, strong = false
        let chars = Array(markupEscape(text))
        var i = 0
        while i < chars.count {
            if chars[i] == "`" {
                out += code ? "</code>" : "<code>"
                code.toggle()
            } else if chars[i] == "*", i + 1 < chars.count, chars[i + 1] == "*" {
                out += strong ? "</strong>" : "<strong>"
                strong.toggle()
                i += 1
            } else {
                out.append(chars[i])
            }
            i += 1
        }
        return out + (code ? "</code>" : "") + (strong ? "</strong>" : "")
    }
}

/// The only tags a message can ask for.
struct MarkupScope: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "code": "<code>"
        case "endCode": "</code>"
        case "strong": "<strong>"
        case "endStrong": "</strong>"
        default: nil
        }
    }
}
