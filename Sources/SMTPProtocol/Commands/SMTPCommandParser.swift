import MailCore
/// Parses one command line (without its line ending) into an ``SMTPCommand``.
///
/// Verbs and the `FROM:`/`TO:` keywords are case-insensitive. Trailing spaces are ignored, and
/// so are spaces between `FROM:`/`TO:` and the path, which some clients send; everything else
/// follows RFC 5321 §4.1: paths must be in angle brackets, a command without arguments must
/// have none. A line with control characters (a bare CR included) or invalid UTF-8 is refused.
public enum SMTPCommandParser {
    /// Parses `line`.
    /// - Parameter allowsUTF8Recipients: whether the transaction's MAIL carried SMTPUTF8, so
    ///   RCPT may name a non-ASCII address (RFC 6531 §3.4). MAIL decides from its own parameters.
    public static func parse(
        _ line: some Collection<UInt8>, allowsUTF8Recipients: Bool = false
    ) throws(SMTPCommandError) -> SMTPCommand {
        var bytes = Array(line)
        while bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
        guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }),
            String(validating: bytes, as: UTF8.self) != nil
        else { throw .invalidCharacters }
        let space = bytes.firstIndex(of: UInt8(ascii: " "))
        let verb = String(decoding: bytes[..<(space ?? bytes.endIndex)], as: UTF8.self).uppercased()
        let argument = space.map { bytes[($0 + 1)...] } ?? []
        switch verb {
        case "EHLO": return .ehlo(try helloName(argument, usage: "EHLO domain"))
        case "HELO": return .helo(try helloName(argument, usage: "HELO domain"))
        case "MAIL": return try mail(argument)
        case "RCPT": return try rcpt(argument, allowsUTF8: allowsUTF8Recipients)
        case "DATA": return try withoutArgument(argument, .data, usage: "DATA")
        case "BDAT": return try bdat(argument)
        case "RSET": return try withoutArgument(argument, .rset, usage: "RSET")
        case "NOOP": return .noop
        case "QUIT": return try withoutArgument(argument, .quit, usage: "QUIT")
        case "VRFY":
            guard !argument.isEmpty else { throw .invalidArguments(usage: "VRFY string") }
            return .vrfy(String(decoding: argument, as: UTF8.self))
        case "EXPN":
            guard !argument.isEmpty else { throw .invalidArguments(usage: "EXPN string") }
            return .expn(String(decoding: argument, as: UTF8.self))
        case "HELP": return .help(topic: argument.isEmpty ? nil : String(decoding: argument, as: UTF8.self))
        case "STARTTLS": return try withoutArgument(argument, .startTLS, usage: "STARTTLS")
        case "AUTH": return try auth(argument)
        default: throw .unrecognizedCommand
        }
    }

    private static func withoutArgument(
        _ argument: ArraySlice<UInt8>, _ command: SMTPCommand, usage: String
    ) throws(SMTPCommandError) -> SMTPCommand {
        guard argument.isEmpty else { throw .invalidArguments(usage: usage) }
        return command
    }

    private static func helloName(_ argument: ArraySlice<UInt8>, usage: String) throws(SMTPCommandError) -> SMTPHelloName {
        guard !argument.isEmpty, !argument.contains(UInt8(ascii: " ")),
            let name = SMTPHelloName(String(decoding: argument, as: UTF8.self))
        else { throw .invalidArguments(usage: usage) }
        return name
    }

    /// `MAIL FROM:<reverse-path> [SP Mail-parameters]`.
    private static func mail(_ argument: ArraySlice<UInt8>) throws(SMTPCommandError) -> SMTPCommand {
        let usage = "MAIL FROM:<address> [parameters]"
        guard let pathStart = indexAfterKeyword("FROM:", in: argument),
            let path = SMTPPathParser.extractPath(argument, at: pathStart)
        else { throw .invalidArguments(usage: usage) }
        let parameters = try SMTPParameterParser.mailParameters(argument[path.end...])
        do {
            let path = try SMTPPathParser.reversePath(path.content, allowsUTF8: parameters.requestsSMTPUTF8)
            return .mail(path, parameters)
        } catch {
            switch error {
            case .nonASCII: throw .nonASCIIAddressWithoutSMTPUTF8
            case .syntax(let reason): throw .invalidSenderAddress(reason)
            }
        }
    }

    /// `RCPT TO:<forward-path> [SP Rcpt-parameters]`.
    private static func rcpt(_ argument: ArraySlice<UInt8>, allowsUTF8: Bool) throws(SMTPCommandError) -> SMTPCommand {
        let usage = "RCPT TO:<address> [parameters]"
        guard let pathStart = indexAfterKeyword("TO:", in: argument),
            let path = SMTPPathParser.extractPath(argument, at: pathStart)
        else { throw .invalidArguments(usage: usage) }
        let parameters = try SMTPParameterParser.recipientParameters(argument[path.end...])
        do {
            return .rcpt(try SMTPPathParser.forwardPath(path.content, allowsUTF8: allowsUTF8), parameters)
        } catch {
            switch error {
            case .nonASCII: throw .nonASCIIAddressWithoutSMTPUTF8
            case .syntax(let reason): throw .invalidRecipientAddress(reason)
            }
        }
    }

    /// The index after `keyword` (case-insensitive) and any spaces, or `nil` if the argument
    /// does not start with it.
    private static func indexAfterKeyword(_ keyword: String, in argument: ArraySlice<UInt8>) -> Int? {
        let expected = Array(keyword.utf8)
        guard argument.count >= expected.count,
            zip(argument, expected).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) })
        else { return nil }
        var index = argument.startIndex + expected.count
        while index < argument.endIndex, argument[index] == UInt8(ascii: " ") { index += 1 }
        return index
    }

    /// `BDAT chunk-size [SP "LAST"]` (RFC 3030 §2).
    private static func bdat(_ argument: ArraySlice<UInt8>) throws(SMTPCommandError) -> SMTPCommand {
        let words = argument.split(separator: UInt8(ascii: " "))
        guard (1...2).contains(words.count), words[0].count <= 18, words[0].allSatisfy(SMTPParameterParser.isDigit),
            let octets = SMTPParameterParser.decimalValue(words[0])
        else { throw .malformedChunkCommand }
        if words.count == 2 {
            guard String(decoding: words[1], as: UTF8.self).uppercased() == "LAST" else { throw .malformedChunkCommand }
            return .bdat(octets: octets, isLast: true)
        }
        return .bdat(octets: octets, isLast: false)
    }

    /// `AUTH mechanism [SP initial-response]` (RFC 4954 §4); `=` is an empty initial response.
    private static func auth(_ argument: ArraySlice<UInt8>) throws(SMTPCommandError) -> SMTPCommand {
        let usage = "AUTH mechanism [initial-response]"
        let words = argument.split(separator: UInt8(ascii: " "))
        // RFC 4422 §3.1: 1 to 20 upper-case letters, digits, hyphens or underscores.
        guard (1...2).contains(words.count), (1...20).contains(words[0].count),
            words[0].allSatisfy({ AddressLiteral.isLetterDigitOrHyphen($0) || $0 == UInt8(ascii: "_") })
        else { throw .invalidArguments(usage: usage) }
        let mechanism = String(decoding: words[0], as: UTF8.self).uppercased()
        guard words.count == 2 else { return .auth(mechanism: mechanism, initialResponse: nil) }
        if words[1].elementsEqual([UInt8(ascii: "=")]) { return .auth(mechanism: mechanism, initialResponse: []) }
        guard let response = Base64.decodeStrict(words[1]), !response.isEmpty else { throw .invalidBase64 }
        return .auth(mechanism: mechanism, initialResponse: response)
    }
}
