import MailCore
/// Turns one command line (without its line ending) into a ``POP3Command``.
///
/// RFC 2449 §3: a case-insensitive keyword of three or four characters, then arguments
/// separated by spaces. Martlet is lenient where it costs nothing (runs of spaces, a trailing
/// space, arguments longer than 40 characters) and strict where a mistake could be read as
/// something else (numbers, base64, control characters).
public enum POP3CommandParser {
    /// The longest SASL mechanism name (RFC 4422 §3.1: 20 characters).
    static let maximumMechanismNameLength = 20
    private static let space = UInt8(ascii: " ")

    /// Parses `line`.
    public static func parse(_ line: [UInt8]) throws(POP3CommandError) -> POP3Command {
        guard !line.isEmpty else { throw .emptyLine }
        // Bytes of UTF-8 names and passwords are allowed; control characters never are.
        guard !line.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { throw .invalidCharacters }
        let keywordEnd = line.firstIndex(of: space) ?? line.endIndex
        let keyword = String(decoding: line[..<keywordEnd], as: UTF8.self).uppercased()
        let rest = keywordEnd < line.endIndex ? line[(keywordEnd + 1)...] : []
        let arguments = rest.split(separator: space).map(Array.init)

        switch keyword {
        case "USER":
            guard arguments.count == 1 else { throw .invalidArguments(usage: "USER name") }
            return .user(name: arguments[0])
        case "PASS":
            // RFC 1939 §7: PASS has one argument, so spaces belong to the password.
            guard !rest.isEmpty else { throw .invalidArguments(usage: "PASS password") }
            return .pass(password: Array(rest))
        case "APOP":
            return try parseAPOP(arguments)
        case "AUTH":
            return try parseAuth(arguments)
        case "CAPA": try expectNoArguments(arguments, keyword); return .capa
        case "STLS": try expectNoArguments(arguments, keyword); return .stls
        case "STAT": try expectNoArguments(arguments, keyword); return .stat
        case "NOOP": try expectNoArguments(arguments, keyword); return .noop
        case "RSET": try expectNoArguments(arguments, keyword); return .rset
        case "QUIT": try expectNoArguments(arguments, keyword); return .quit
        case "LIST":
            return .list(messageNumber: try optionalMessageNumber(arguments, usage: "LIST [msg]"))
        case "UIDL":
            return .uidl(messageNumber: try optionalMessageNumber(arguments, usage: "UIDL [msg]"))
        case "RETR":
            return .retr(messageNumber: try messageNumber(arguments, usage: "RETR msg"))
        case "DELE":
            return .dele(messageNumber: try messageNumber(arguments, usage: "DELE msg"))
        case "TOP":
            guard arguments.count == 2 else { throw .invalidArguments(usage: "TOP msg n") }
            guard let number = decimal(arguments[0]) else { throw .invalidMessageNumber }
            guard let lines = decimal(arguments[1]) else { throw .invalidLineCount }
            return .top(messageNumber: number, lineCount: lines)
        default:
            throw .unknownCommand
        }
    }

    private static func expectNoArguments(_ arguments: [[UInt8]], _ keyword: String) throws(POP3CommandError) {
        guard arguments.isEmpty else { throw .invalidArguments(usage: keyword) }
    }

    private static func messageNumber(_ arguments: [[UInt8]], usage: String) throws(POP3CommandError) -> Int {
        guard arguments.count == 1 else { throw .invalidArguments(usage: usage) }
        guard let number = decimal(arguments[0]) else { throw .invalidMessageNumber }
        return number
    }

    private static func optionalMessageNumber(_ arguments: [[UInt8]], usage: String) throws(POP3CommandError) -> Int? {
        arguments.isEmpty ? nil : try messageNumber(arguments, usage: usage)
    }

    private static func parseAPOP(_ arguments: [[UInt8]]) throws(POP3CommandError) -> POP3Command {
        guard arguments.count == 2 else { throw .invalidArguments(usage: "APOP name digest") }
        let digest = arguments[1]
        guard digest.count == 32, digest.allSatisfy(isHexDigit) else {
            throw .invalidArguments(usage: "APOP name digest (32 hexadecimal digits)")
        }
        return .apop(name: arguments[0], digest: String(decoding: digest, as: UTF8.self).lowercased())
    }

    private static func parseAuth(_ arguments: [[UInt8]]) throws(POP3CommandError) -> POP3Command {
        guard arguments.count <= 2 else { throw .invalidArguments(usage: "AUTH mechanism [initial-response]") }
        guard let name = arguments.first else { return .auth(mechanism: nil, initialResponse: nil) }
        guard name.count <= maximumMechanismNameLength else { throw .argumentTooLong }
        let mechanism = String(decoding: name, as: UTF8.self).uppercased()
        guard arguments.count == 2 else { return .auth(mechanism: mechanism, initialResponse: nil) }
        // RFC 5034 §4: "=" stands for an empty initial response.
        if arguments[1] == [UInt8(ascii: "=")] { return .auth(mechanism: mechanism, initialResponse: []) }
        guard let response = Base64.decodeStrict(arguments[1]) else { throw .invalidBase64 }
        return .auth(mechanism: mechanism, initialResponse: response)
    }

    /// A run of decimal digits as a number, saturating at `Int.max` (a huge message number is
    /// simply no such message; a huge TOP count is the whole body); `nil` if anything else.
    static func decimal(_ digits: [UInt8]) -> Int? {
        guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
        var value = 0
        for digit in digits {
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAdd) = shifted.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
            if overflowShift || overflowAdd { return Int.max }
            value = sum
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }
}
