import Basics
import Foundation
import Model

/// Ready-to-copy calls of one operation for the consumers a deployment has: a shell (curl),
/// back-end code (Python requests), a web page or dashboard (JavaScript fetch) and a spreadsheet
/// (Excel Power Query `Web.Contents`).
struct APISamples {
    var method: String
    var url: String
    /// `Authorization`, or the header a spec's API key goes in; nil without authentication.
    var authHeader: String?
    /// How the credential is obtained, said in a comment.
    var credential: Credential
    var contentType: String?
    /// JSON text of the request body.
    var body: String?
    /// The words of the comments (`api.comment.*`).
    var words: Messages

    /// A body longer than this is read from `request.json` (the example request shown above the
    /// calls) instead of being written into each of the four calls: a vendor's generated bodies made
    /// the calls most of a 50 MB page.
    static let inlineBodyLimit = 1_500
    var bodyFromFile: Bool { (body?.count ?? 0) > Self.inlineBodyLimit }
    static let bodyFile = "request.json"

    enum Credential {
        case key, entraToken, none

        var variable: String { self == .entraToken ? "TOKEN" : "API_KEY" }
        func comment(_ words: Messages) -> String {
            switch self {
            case .key: return words["api.comment.key"]
            case .entraToken: return words["api.comment.token"]
            case .none: return ""
            }
        }
    }

    func all() -> [(label: String, language: String, code: String)] {
        [
            ("curl", "shell", curl()), ("Python (requests)", "python", python()),
            ("JavaScript (fetch)", "javascript", javascript()), ("Excel Power Query", "powerquery", powerQuery()),
        ]
    }

    func curl() -> String {
        var lines = ["curl -X \(method) \"\(url)\""]
        if let contentType, body != nil { lines.append("  -H \"Content-Type: \(contentType)\"") }
        if let authHeader { lines.append("  -H \"\(authHeader): Bearer $\(credential.variable)\"") }
        if bodyFromFile {
            lines.append("  --data-binary @\(Self.bodyFile)")
        } else if let body {
            lines.append("  --data-binary @- <<'JSON'\n\(body)\nJSON")
        }
        var comment = authHeader != nil ? "# \(credential.variable): \(credential.comment(words))\n" : ""
        if bodyFromFile { comment += "# \(Self.bodyFile): \(words["api.comment.bodyFile"])\n" }
        return comment + lines.joined(separator: " \\\n")
    }

    func python() -> String {
        var code = bodyFromFile ? "import json\nimport os\n\nimport requests\n\n" : "import os\n\nimport requests\n\n"
        if bodyFromFile {
            code += "# \(Self.bodyFile): \(words["api.comment.bodyFile"])\n"
            code += "with open(\"\(Self.bodyFile)\", encoding=\"utf-8\") as f:\n    payload = json.load(f)\n\n"
        } else if let body {
            code += "payload = \(pythonLiteral(body))\n\n"
        }
        var arguments = ["\"\(url)\""]
        if let authHeader {
            arguments.append("headers={\"\(authHeader)\": f\"Bearer {os.environ['\(credential.variable)']}\"}")
        }
        if body != nil { arguments.append("json=payload") }
        arguments.append("timeout=30")
        code += "response = requests.\(method.lowercased())(\n    " + arguments.joined(separator: ",\n    ") + ",\n)\n"
        code += "response.raise_for_status()\nprint(response.json())"
        return authHeader != nil ? "# \(credential.variable): \(credential.comment(words))\n" + code : code
    }

    func javascript() -> String {
        var headers: [String] = []
        if let contentType, body != nil { headers.append("\"Content-Type\": \"\(contentType)\"") }
        if let authHeader { headers.append("\"\(authHeader)\": `Bearer ${\(credential.variable.lowercased() == "token" ? "token" : "apiKey")}`") }
        var code = ""
        if let authHeader = authHeader, !authHeader.isEmpty {
            code += "// \(credential.variable == "TOKEN" ? "token" : "apiKey"): \(credential.comment(words)); \(words["api.comment.neverShip"])\n"
        }
        if bodyFromFile {
            code += "// \(Self.bodyFile): \(words["api.comment.bodyBeside"])\n"
            code += "import { readFile } from \"node:fs/promises\";\n"
            code += "const payload = JSON.parse(await readFile(\"\(Self.bodyFile)\", \"utf8\"));\n\n"
        } else if let body {
            code += "const payload = \(indentJS(body));\n\n"
        }
        code += "const response = await fetch(\"\(url)\", {\n  method: \"\(method)\",\n"
        if !headers.isEmpty { code += "  headers: {\n    " + headers.joined(separator: ",\n    ") + ",\n  },\n" }
        if body != nil { code += "  body: JSON.stringify(payload),\n" }
        code += "});\nif (!response.ok) throw new Error(`${response.status} ${await response.text()}`);\nconst result = await response.json();"
        return code
    }

    /// Power Query M: `Web.Contents` with the JSON body as text (M doubles quotes in strings).
    func powerQuery() -> String {
        var options: [String] = []
        var headers: [String] = []
        if let contentType, body != nil { headers.append("#\"Content-Type\" = \"\(contentType)\"") }
        if let authHeader { headers.append("#\"\(authHeader)\" = \"Bearer \" & \(credential.variable == "TOKEN" ? "Token" : "ApiKey")") }
        if !headers.isEmpty { options.append("Headers = [" + headers.joined(separator: ", ") + "]") }
        var code = "let\n"
        if authHeader != nil {
            code += "    // \(credential.variable == "TOKEN" ? "Token" : "ApiKey"): \(words("api.comment.workbook", ["comment": credential.comment(words)]))\n"
        }
        if bodyFromFile {
            code += "    // \(Self.bodyFile): \(words["api.comment.fullPath"])\n"
            code += "    Body = File.Contents(\"\(Self.bodyFile)\"),\n"
            options.append("Content = Body")
        } else if let body {
            let compact = body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            code += "    Body = \"" + compact.replacingOccurrences(of: "\"", with: "\"\"") + "\",\n"
            options.append("Content = Text.ToBinary(Body)")
        }
        code += "    Response = Web.Contents(\"\(url)\"" + (options.isEmpty ? "" : ", [" + options.joined(separator: ", ") + "]") + "),\n"
        code += "    Result = Json.Document(Response)\nin\n    Result"
        return code
    }

    /// JSON is a Python literal but for true, false and null.
    private func pythonLiteral(_ json: String) -> String {
        var out = ""
        var inString = false
        var escaped = false
        var word = ""
        func flush() {
            switch word {
            case "true": out += "True"
            case "false": out += "False"
            case "null": out += "None"
            default: out += word
            }
            word = ""
        }
        for ch in json {
            if inString {
                out.append(ch)
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false }
                continue
            }
            if ch.isLetter { word.append(ch); continue }
            flush()
            if ch == "\"" { inString = true }
            out.append(ch)
        }
        flush()
        return out
    }

    private func indentJS(_ json: String) -> String { json }
}
