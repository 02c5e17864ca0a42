import Testing
@testable import POP3Protocol

@Suite("POP3 command parser")
struct CommandParserTests {
    private func parse(_ text: String) throws(POP3CommandError) -> POP3Command {
        try POP3CommandParser.parse(Array(text.utf8))
    }

    @Test("every command parses, keywords in any case")
    func everyCommand() throws {
        #expect(try parse("USER alice") == .user(name: Array("alice".utf8)))
        #expect(try parse("pass se cret ") == .pass(password: Array("se cret ".utf8)))
        #expect(try parse("APOP mrose C4C9334BAC560ECC979E58001B3E22FB")
            == .apop(name: Array("mrose".utf8), digest: "c4c9334bac560ecc979e58001b3e22fb"))
        #expect(try parse("AUTH") == .auth(mechanism: nil, initialResponse: nil))
        #expect(try parse("auth plain") == .auth(mechanism: "PLAIN", initialResponse: nil))
        #expect(try parse("AUTH PLAIN =") == .auth(mechanism: "PLAIN", initialResponse: []))
        #expect(try parse("AUTH PLAIN AGEAYg==") == .auth(mechanism: "PLAIN", initialResponse: [0, 97, 0, 98]))
        #expect(try parse("Capa") == .capa)
        #expect(try parse("STLS") == .stls)
        #expect(try parse("STAT") == .stat)
        #expect(try parse("LIST") == .list(messageNumber: nil))
        #expect(try parse("LIST 2") == .list(messageNumber: 2))
        #expect(try parse("RETR 1") == .retr(messageNumber: 1))
        #expect(try parse("DELE 3") == .dele(messageNumber: 3))
        #expect(try parse("NOOP") == .noop)
        #expect(try parse("RSET") == .rset)
        #expect(try parse("QUIT") == .quit)
        #expect(try parse("TOP 1 0") == .top(messageNumber: 1, lineCount: 0))
        #expect(try parse("UIDL") == .uidl(messageNumber: nil))
        #expect(try parse("UIDL 7") == .uidl(messageNumber: 7))
    }

    @Test("runs of spaces between arguments are tolerated")
    func lenientSpacing() throws {
        #expect(try parse("TOP  1   5 ") == .top(messageNumber: 1, lineCount: 5))
        #expect(try parse("LIST ") == .list(messageNumber: nil))
    }

    @Test("huge numbers saturate instead of overflowing")
    func hugeNumbers() throws {
        #expect(try parse("RETR 99999999999999999999999") == .retr(messageNumber: Int.max))
        #expect(try parse("TOP 1 99999999999999999999999") == .top(messageNumber: 1, lineCount: Int.max))
    }

    @Test("malformed lines give typed errors", arguments: [
        ("", POP3CommandError.emptyLine),
        ("XYZZY", .unknownCommand),
        ("RETRIEVE 1", .unknownCommand),
        ("USER", .invalidArguments(usage: "USER name")),
        ("USER a b", .invalidArguments(usage: "USER name")),
        ("PASS", .invalidArguments(usage: "PASS password")),
        ("STAT 1", .invalidArguments(usage: "STAT")),
        ("QUIT now", .invalidArguments(usage: "QUIT")),
        ("RETR", .invalidArguments(usage: "RETR msg")),
        ("RETR one", .invalidMessageNumber),
        ("RETR -1", .invalidMessageNumber),
        ("RETR +1", .invalidMessageNumber),
        ("DELE 1 2", .invalidArguments(usage: "DELE msg")),
        ("LIST x", .invalidMessageNumber),
        ("TOP 1", .invalidArguments(usage: "TOP msg n")),
        ("TOP x 1", .invalidMessageNumber),
        ("TOP 1 -2", .invalidLineCount),
        ("APOP mrose xyz", .invalidArguments(usage: "APOP name digest (32 hexadecimal digits)")),
        ("AUTH PLAIN AGEAYg", .invalidBase64),
        ("AUTH PLAIN AG=AYg==", .invalidBase64),
        ("AUTH PLAIN a b", .invalidArguments(usage: "AUTH mechanism [initial-response]")),
        ("AUTH ABCDEFGHIJKLMNOPQRSTUVWXYZ", .argumentTooLong),
        ("USER a\u{0}b", .invalidCharacters),
        ("NOOP\t", .invalidCharacters),
    ])
    func malformed(line: String, expected: POP3CommandError) {
        #expect(throws: expected) { try parse(line) }
    }

    @Test("errors describe themselves")
    func descriptions() {
        #expect(POP3CommandError.invalidArguments(usage: "RETR msg").description == "Syntax: RETR msg")
        #expect(POP3CommandError.unknownCommand.description == "Unknown command")
    }
}
