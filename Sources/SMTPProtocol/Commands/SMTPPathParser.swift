import MailCore

/// The path grammar of RFC 5321 §4.1.2: `"<" [ A-d-l ":" ] Mailbox ">"`, the null reverse
/// path `<>` and the bare `<Postmaster>`.
enum SMTPPathParser {
    /// Why a path is not valid.
    enum Failure: Error {
        case syntax(String)
        case nonASCII
    }

    /// RFC 5321 §4.5.3.1.3: a path is at most 256 octets, brackets included.
    static let maximumPathLength = 256

    /// Finds the path that starts with `<` at `start`: returns what lies between the angle
    /// brackets and the index after `>`. A `>` inside a quoted local part does not end it.
    static func extractPath(_ bytes: ArraySlice<UInt8>, at start: Int) -> (content: ArraySlice<UInt8>, end: Int)? {
        guard start < bytes.endIndex, bytes[start] == UInt8(ascii: "<") else { return nil }
        var index = start + 1
        var inQuotes = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") { inQuotes = false }
            } else if byte == UInt8(ascii: "\"") {
                inQuotes = true
            } else if byte == UInt8(ascii: ">") {
                return (bytes[(start + 1)..<index], index + 1)
            }
            index += 1
        }
        return nil
    }

    /// The reverse path of MAIL FROM: `<>` or a mailbox.
    static func reversePath(_ content: ArraySlice<UInt8>, allowsUTF8: Bool) throws(Failure) -> SMTPReversePath {
        if content.isEmpty { return .null }
        return .mailbox(try mailbox(content, allowsUTF8: allowsUTF8))
    }

    /// The forward path of RCPT TO: `<Postmaster>` (any case) or a mailbox.
    static func forwardPath(_ content: ArraySlice<UInt8>, allowsUTF8: Bool) throws(Failure) -> SMTPForwardPath {
        if content.isEmpty { throw .syntax("the recipient path is empty") }
        if String(decoding: content, as: UTF8.self).lowercased() == "postmaster" { return .postmaster }
        return .mailbox(try mailbox(content, allowsUTF8: allowsUTF8))
    }

    /// A mailbox, after an optional source route that is checked and dropped (RFC 5321
    /// §4.1.1.3 and appendix C: servers must accept source routes and may ignore them).
    static func mailbox(_ content: ArraySlice<UInt8>, allowsUTF8: Bool) throws(Failure) -> EmailAddress {
        guard content.count + 2 <= maximumPathLength else {
            throw .syntax("the path is longer than \(maximumPathLength) octets")
        }
        var mailbox = content
        if content.first == UInt8(ascii: "@") {
            guard let colon = content.firstIndex(of: UInt8(ascii: ":")) else {
                throw .syntax("a source route must end with ':'")
            }
            for hop in content[..<colon].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                guard hop.first == UInt8(ascii: "@"),
                    (try? EmailAddress.canonicalDomain(String(decoding: hop.dropFirst(), as: UTF8.self))) != nil
                else { throw .syntax("malformed source route") }
            }
            mailbox = content[(colon + 1)...]
        }
        if !allowsUTF8, mailbox.contains(where: { $0 >= 0x80 }) { throw .nonASCII }
        let address: EmailAddress
        do {
            address = try EmailAddress(parsing: String(decoding: mailbox, as: UTF8.self))
        } catch {
            throw .syntax(error.description)
        }
        if address.domain.hasPrefix("["), !AddressLiteral.isValid(address.domain) {
            throw .syntax("'\(address.domain)' is not a valid address literal")
        }
        return address
    }
}
