@testable import MailCore

/// A minimal rendering of ENVELOPE and BODYSTRUCTURE (RFC 9051 §7.5.2) used only to compare
/// the parser's data with what Dovecot sends; it shows that rendering is a plain walk.
enum IMAPTestRenderer {
    static func string(_ value: String?) -> String {
        guard let value else { return "NIL" }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func parameters(_ parameters: MIMEParameters) -> String {
        guard !parameters.isEmpty else { return "NIL" }
        return "(" + parameters.list.map { string($0.name) + " " + string($0.value) }.joined(separator: " ") + ")"
    }

    static func addresses(_ list: [EnvelopeAddress]) -> String {
        guard !list.isEmpty else { return "NIL" }
        return "(" + list.map { "(\(string($0.name)) \(string($0.route)) \(string($0.mailbox)) \(string($0.host)))" }.joined() + ")"
    }

    static func envelope(_ envelope: Envelope) -> String {
        "(" + [string(envelope.date), string(envelope.subject), addresses(envelope.from), addresses(envelope.sender),
               addresses(envelope.replyTo), addresses(envelope.to), addresses(envelope.cc), addresses(envelope.bcc),
               string(envelope.inReplyTo), string(envelope.messageID)].joined(separator: " ") + ")"
    }

    static func bodyStructure(_ structure: MessageStructure, at index: Int = 0) -> String {
        let part = structure.parts[index]
        var fields: [String]
        if part.kind == .multipart {
            let children = structure.children(of: index).map { bodyStructure(structure, at: $0) }.joined()
            fields = [children + " " + string(part.subtype), parameters(part.parameters)]
        } else {
            fields = [string(part.type), string(part.subtype), parameters(part.parameters), string(part.contentID),
                      string(part.contentDescription), string(part.contentTransferEncoding), String(part.size)]
            if part.kind == .message {
                let child = index + 1
                fields.append(envelope(structure.parts[child].envelope ?? Envelope()))
                fields.append(bodyStructure(structure, at: child))
            }
            if part.kind == .text || part.kind == .message { fields.append(String(part.lineCount)) }
            fields.append(string(part.contentMD5))
        }
        let disposition = part.disposition.map { "(" + string($0.type) + " " + parameters($0.parameters) + ")" } ?? "NIL"
        let languages = part.languages.isEmpty ? "NIL" : "(" + part.languages.map(string).joined(separator: " ") + ")"
        fields += [disposition, languages, string(part.location)]
        return "(" + fields.joined(separator: " ") + ")"
    }
}
