import MailCore
import SMTPProtocol

/// The trace fields a server adds at final delivery: `Return-Path:` (RFC 5321 §4.4: the
/// reverse path, added by the delivering server) and `Received:` (§4.4, with the clauses
/// of its `Stamp` grammar), folded so that no line exceeds 78 characters plus CRLF.
public enum TraceHeaders {
    /// `Return-Path:` and `Received:` for a message received with `envelope`, as CRLF lines.
    /// - Parameters:
    ///   - id: the identifier this server gave the message (the `id` clause).
    ///   - hostname: this server's name (the `by` clause).
    ///   - clientName: the client's reverse-DNS name, when one was found and verified.
    public static func prefix(for envelope: SMTPEnvelope, id: String, hostname: String, clientName: String? = nil) -> [UInt8] {
        var text = "Return-Path: \(envelope.sender)\r\n"
        // From-domain: the HELO argument, then in a comment what we know of the client (§4.4:
        // TCP-info is the address literal, with the verified name before it when known).
        let addressLiteral = envelope.remoteAddress.contains(":") ? "[IPv6:\(envelope.remoteAddress)]" : "[\(envelope.remoteAddress)]"
        let clientInfo = clientName.map { "\($0) \(addressLiteral)" } ?? addressLiteral
        text += "Received: from \(sanitized(envelope.helloName.text)) (\(clientInfo))\r\n"
        text += "\tby \(hostname) (Martlet) with \(envelope.receivedProtocol) id \(id)"
        if let tls = envelope.tls {
            let cipher = tls.cipher.isEmpty ? "" : " with cipher \(sanitized(tls.cipher))"
            text += "\r\n\t(using \(sanitized(tls.version))\(cipher))"
        }
        if let user = envelope.authenticatedIdentity {
            text += "\r\n\t(authenticated as \(sanitized(user)))"
        }
        // The `for` clause only for one recipient: naming several would disclose Bcc
        // recipients to each other (§7.2).
        if envelope.recipients.count == 1, let recipient = envelope.recipients.first {
            text += "\r\n\tfor \(recipient.path)"
        }
        text += ";\r\n\t\(envelope.receivedAt.rfc5322Text)\r\n"
        return Array(text.utf8)
    }

    /// Text a client chose (its HELO name, a login) made safe for a header: no line breaks,
    /// no parentheses that would end our comment, bounded in length.
    static func sanitized(_ text: String) -> String {
        let cleaned = text.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "\r", "\n", "(", ")", "\\": "?"
            default: scalar.value < 0x20 || scalar.value == 0x7F ? "?" : Character(scalar)
            }
        }
        return String(cleaned.prefix(200))
    }
}
