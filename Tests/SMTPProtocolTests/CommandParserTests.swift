import MailCore
import Testing
@testable import SMTPProtocol

private func parse(_ line: String, utf8Recipients: Bool = false) throws(SMTPCommandError) -> SMTPCommand {
    try SMTPCommandParser.parse(Array(line.utf8), allowsUTF8Recipients: utf8Recipients)
}

private func error(of line: String, utf8Recipients: Bool = false) -> SMTPCommandError? {
    do {
        _ = try parse(line, utf8Recipients: utf8Recipients)
        return nil
    } catch {
        return error
    }
}

private func mailbox(_ text: String) throws -> EmailAddress { try EmailAddress(parsing: text) }

@Suite("SMTP command parser")
struct CommandParserTests {
    @Test func simpleCommandsInAnyCase() throws {
        #expect(try parse("DATA") == .data)
        #expect(try parse("data") == .data)
        #expect(try parse("RSET") == .rset)
        #expect(try parse("QUIT  ") == .quit)
        #expect(try parse("NOOP") == .noop)
        #expect(try parse("NOOP anything at all") == .noop)
        #expect(try parse("StartTLS") == .startTLS)
        #expect(try parse("HELP") == .help(topic: nil))
        #expect(try parse("HELP MAIL") == .help(topic: "MAIL"))
        #expect(try parse("VRFY postmaster") == .vrfy("postmaster"))
        #expect(try parse("EXPN staff") == .expn("staff"))
    }

    @Test func commandsThatTakeNoArgumentRefuseOne() {
        for line in ["DATA now", "RSET x", "QUIT please", "STARTTLS x"] {
            guard case .invalidArguments = error(of: line) else {
                Issue.record("\(line) should be refused")
                continue
            }
        }
        #expect(error(of: "VRFY") == .invalidArguments(usage: "VRFY string"))
        #expect(error(of: "EXPN") == .invalidArguments(usage: "EXPN string"))
    }

    @Test func helloNamesAreDomainsOrAddressLiterals() throws {
        #expect(try parse("EHLO client.example.net") == .ehlo(try #require(SMTPHelloName("client.example.net"))))
        #expect(try parse("HELO localhost") == .helo(try #require(SMTPHelloName("localhost"))))
        let literal = try #require(SMTPHelloName("[192.0.2.1]"))
        #expect(literal.isAddressLiteral)
        #expect(try parse("EHLO [192.0.2.1]") == .ehlo(literal))
        #expect(try parse("EHLO [IPv6:2001:db8::1]") == .ehlo(try #require(SMTPHelloName("[IPv6:2001:db8::1]"))))
        for line in ["EHLO", "EHLO two words", "EHLO bad..name", "EHLO [999.1.1.1]", "HELO -leading.example", "EHLO [IPv6:zz::1]"] {
            #expect(error(of: line) != nil, "\(line)")
        }
    }

    @Test func mailFromPaths() throws {
        #expect(try parse("MAIL FROM:<alice@example.net>") == .mail(.mailbox(try mailbox("alice@example.net")), SMTPMailParameters()))
        #expect(try parse("mail from:<>") == .mail(.null, SMTPMailParameters()))
        // Some clients put a space after the colon.
        #expect(try parse("MAIL FROM: <alice@example.net>") == .mail(.mailbox(try mailbox("alice@example.net")), SMTPMailParameters()))
        #expect(try parse("MAIL FROM:<\"john smith\"@example.net>") == .mail(.mailbox(try mailbox("\"john smith\"@example.net")), SMTPMailParameters()))
        #expect(try parse("MAIL FROM:<\"a>b\"@example.net>") == .mail(.mailbox(try mailbox("\"a>b\"@example.net")), SMTPMailParameters()))
        #expect(try parse("MAIL FROM:<user@[192.0.2.1]>") == .mail(.mailbox(try mailbox("user@[192.0.2.1]")), SMTPMailParameters()))
        #expect(try parse("MAIL FROM:<user@Example.NET.>") == .mail(.mailbox(try mailbox("user@example.net")), SMTPMailParameters()))
    }

    @Test func sourceRoutesAreAcceptedAndDropped() throws {
        #expect(try parse("RCPT TO:<@relay.example,@other.example:user@example.org>")
            == .rcpt(.mailbox(try mailbox("user@example.org")), SMTPRecipientParameters()))
        #expect(error(of: "RCPT TO:<@relay.example user@example.org>") == .invalidRecipientAddress("a source route must end with ':'"))
        #expect(error(of: "RCPT TO:<@bad..example:user@example.org>") == .invalidRecipientAddress("malformed source route"))
    }

    @Test func rcptToPostmasterAndMailboxes() throws {
        #expect(try parse("RCPT TO:<Postmaster>") == .rcpt(.postmaster, SMTPRecipientParameters()))
        #expect(try parse("rcpt to:<POSTMASTER>") == .rcpt(.postmaster, SMTPRecipientParameters()))
        #expect(try parse("RCPT TO:<postmaster@example.org>") == .rcpt(.mailbox(try mailbox("postmaster@example.org")), SMTPRecipientParameters()))
        #expect(try parse("RCPT TO:<user%remote.example@example.org>") == .rcpt(.mailbox(try mailbox("user%remote.example@example.org")), SMTPRecipientParameters()))
    }

    @Test func malformedPathsAreRefusedWithTheRoleSpecificCode() {
        #expect(error(of: "MAIL FROM:alice@example.net") == .invalidArguments(usage: "MAIL FROM:<address> [parameters]"))
        #expect(error(of: "MAIL TO:<alice@example.net>") == .invalidArguments(usage: "MAIL FROM:<address> [parameters]"))
        #expect(error(of: "MAIL FROM:<alice@example.net") == .invalidArguments(usage: "MAIL FROM:<address> [parameters]"))
        #expect(error(of: "RCPT TO:<>") == .invalidRecipientAddress("the recipient path is empty"))
        #expect(error(of: "MAIL FROM:<no-at-sign>")?.reply.status == "501 5.1.7")
        #expect(error(of: "RCPT TO:<a..b@example.org>")?.reply.status == "501 5.1.3")
        #expect(error(of: "RCPT TO:<user@[300.1.1.1]>")?.reply.status == "501 5.1.3")
        let longLocal = String(repeating: "a", count: 200)
        let longDomain = String(repeating: "b", count: 60) + ".example"
        #expect(error(of: "RCPT TO:<\(longLocal)@\(longDomain)>")?.reply.status == "501 5.1.3")
    }

    @Test func utf8AddressesNeedSMTPUTF8() throws {
        #expect(error(of: "MAIL FROM:<jörg@example.net>") == .nonASCIIAddressWithoutSMTPUTF8)
        #expect(error(of: "MAIL FROM:<jörg@example.net>")?.reply.status == "553 5.6.7")
        let withUTF8 = try parse("MAIL FROM:<jörg@bücher.example> SMTPUTF8")
        #expect(withUTF8 == .mail(.mailbox(try mailbox("jörg@bücher.example")), SMTPMailParameters(requestsSMTPUTF8: true)))
        #expect(error(of: "RCPT TO:<用户@例子.example>") == .nonASCIIAddressWithoutSMTPUTF8)
        #expect(try parse("RCPT TO:<用户@例子.example>", utf8Recipients: true) == .rcpt(.mailbox(try mailbox("用户@例子.example")), SMTPRecipientParameters()))
    }

    @Test func mailParameters() throws {
        let command = try parse("MAIL FROM:<a@example.net> SIZE=1000 BODY=8bitmime SMTPUTF8 RET=HDRS ENVID=QQ+2B314 AUTH=<>")
        #expect(command == .mail(.mailbox(try mailbox("a@example.net")), SMTPMailParameters(
            size: 1000, body: .eightBitMIME, requestsSMTPUTF8: true, submitter: .unknown, returnContent: .headers,
            envelopeID: "QQ+314")))
        #expect(try parse("MAIL FROM:<a@example.net> AUTH=e+3Dmc2@example.com")
            == .mail(.mailbox(try mailbox("a@example.net")), SMTPMailParameters(submitter: .mailbox("e=mc2@example.com"))))
        #expect(try parse("MAIL FROM:<a@example.net> BODY=BINARYMIME")
            == .mail(.mailbox(try mailbox("a@example.net")), SMTPMailParameters(body: .binaryMIME)))
        #expect(try parse("MAIL FROM:<a@example.net> SIZE=99999999999999999999")
            == .mail(.mailbox(try mailbox("a@example.net")), SMTPMailParameters(size: Int.max)))
    }

    @Test func badMailParameters() {
        #expect(error(of: "MAIL FROM:<a@example.net> SIZE=12x") == .invalidParameter("SIZE"))
        #expect(error(of: "MAIL FROM:<a@example.net> SIZE") == .invalidParameter("SIZE"))
        #expect(error(of: "MAIL FROM:<a@example.net> SIZE=123456789012345678901") == .invalidParameter("SIZE"))
        #expect(error(of: "MAIL FROM:<a@example.net> BODY=9BIT") == .invalidParameter("BODY"))
        #expect(error(of: "MAIL FROM:<a@example.net> SMTPUTF8=yes") == .invalidParameter("SMTPUTF8"))
        #expect(error(of: "MAIL FROM:<a@example.net> RET=ALL") == .invalidParameter("RET"))
        #expect(error(of: "MAIL FROM:<a@example.net> ENVID=a+zz") == .invalidParameter("ENVID"))
        #expect(error(of: "MAIL FROM:<a@example.net> ENVID=" + String(repeating: "x", count: 101)) == .invalidParameter("ENVID"))
        #expect(error(of: "MAIL FROM:<a@example.net> AUTH=not-a-mailbox") == .invalidParameter("AUTH"))
        #expect(error(of: "MAIL FROM:<a@example.net> SIZE=1 size=2") == .duplicateParameter("SIZE"))
        #expect(error(of: "MAIL FROM:<a@example.net> XFOO=1") == .unrecognizedParameter("XFOO"))
        #expect(error(of: "MAIL FROM:<a@example.net> XFOO=1")?.reply.status == "555 5.5.4")
        #expect(error(of: "MAIL FROM:<a@example.net>SIZE=1") == .invalidArguments(usage: "MAIL FROM:<address> [parameters]"))
        #expect(error(of: "MAIL FROM:<a@example.net> =1") == .invalidArguments(usage: "MAIL FROM:<address> [parameters]"))
        #expect(error(of: "MAIL FROM:<a@example.net> SIZE==1") == .invalidParameter("SIZE"))
    }

    @Test func recipientParameters() throws {
        #expect(try parse("RCPT TO:<b@example.org> NOTIFY=SUCCESS,delay ORCPT=rfc822;b+2Bx@example.org")
            == .rcpt(.mailbox(try mailbox("b@example.org")), SMTPRecipientParameters(
                notify: [.success, .delay],
                originalRecipient: SMTPOriginalRecipient(addressType: "rfc822", address: "b+x@example.org"))))
        #expect(try parse("RCPT TO:<b@example.org> NOTIFY=NEVER")
            == .rcpt(.mailbox(try mailbox("b@example.org")), SMTPRecipientParameters(notify: .never)))
        #expect(error(of: "RCPT TO:<b@example.org> NOTIFY=NEVER,SUCCESS") == .invalidParameter("NOTIFY"))
        #expect(error(of: "RCPT TO:<b@example.org> NOTIFY=SOMETIMES") == .invalidParameter("NOTIFY"))
        #expect(error(of: "RCPT TO:<b@example.org> ORCPT=b@example.org") == .invalidParameter("ORCPT"))
        #expect(error(of: "RCPT TO:<b@example.org> SIZE=10") == .unrecognizedParameter("SIZE"))
    }

    @Test func bdat() throws {
        #expect(try parse("BDAT 1000") == .bdat(octets: 1000, isLast: false))
        #expect(try parse("bdat 0 last") == .bdat(octets: 0, isLast: true))
        for line in ["BDAT", "BDAT x", "BDAT -1", "BDAT 10 FIRST", "BDAT 10 LAST more", "BDAT 1234567890123456789"] {
            #expect(error(of: line) == .malformedChunkCommand, "\(line)")
        }
    }

    @Test func auth() throws {
        #expect(try parse("AUTH plain") == .auth(mechanism: "PLAIN", initialResponse: nil))
        #expect(try parse("AUTH PLAIN =") == .auth(mechanism: "PLAIN", initialResponse: []))
        #expect(try parse("AUTH PLAIN AHVzZXIAcGFzcw==") == .auth(mechanism: "PLAIN", initialResponse: Array("\0user\0pass".utf8)))
        #expect(try parse("AUTH SCRAM-SHA-256") == .auth(mechanism: "SCRAM-SHA-256", initialResponse: nil))
        #expect(error(of: "AUTH") == .invalidArguments(usage: "AUTH mechanism [initial-response]"))
        #expect(error(of: "AUTH PLAIN a b") == .invalidArguments(usage: "AUTH mechanism [initial-response]"))
        for response in ["AHVz ZXI", "=AAA", "AAA=BBBB", "AHVzZXIAcGFzcw", "AHVzZXIAcGFzcw=*"] {
            #expect(error(of: "AUTH PLAIN \(response)") != nil, "\(response)")
        }
        #expect(error(of: "AUTH PLAIN AAA=BBBB") == .invalidBase64)
    }

    @Test func unknownVerbsAndBadBytes() {
        #expect(error(of: "XYZZY") == .unrecognizedCommand)
        #expect(error(of: "") == .unrecognizedCommand)
        #expect(error(of: "MAIL\rFROM:<a@example.net>") == .invalidCharacters)
        #expect(error(of: "NOOP \u{0}") == .invalidCharacters)
        #expect((try? SMTPCommandParser.parse([0x4E, 0x4F, 0x4F, 0x50, 0x20, 0xFF])) == nil)
        #expect(error(of: "XYZZY")?.reply.status == "500 5.5.2")
    }
}

@Suite("SMTP parameter encodings")
struct ParameterEncodingTests {
    @Test func xtext() {
        #expect(XText.decode(ArraySlice("a+2Bb+3Dc".utf8)) == Array("a+b=c".utf8))
        #expect(XText.decode(ArraySlice("a+2".utf8)) == nil)
        #expect(XText.decode(ArraySlice("a=b".utf8)) == nil)
        #expect(XText.decode(ArraySlice("ü".utf8)) == nil)
        #expect(XText.decode(ArraySlice("ü".utf8), allowingUTF8: true) == Array("ü".utf8))
    }

    @Test func strictBase64() {
        #expect(Base64.decodeStrict(Array("dGVzdA==".utf8)) == Array("test".utf8))
        #expect(Base64.decodeStrict(Array("".utf8)) == [])
        #expect(Base64.decodeStrict(Array("dGVzdA=".utf8)) == nil)
        #expect(Base64.decodeStrict(Array("dGV zdA==".utf8)) == nil)
        #expect(Base64.decodeStrict(Array("dG=zdA==".utf8)) == nil)
        #expect(Base64.encodedString(Array("test".utf8)) == "dGVzdA==")
    }

    @Test func addressLiterals() {
        for valid in ["[192.0.2.1]", "[IPv6:2001:db8::1]", "[IPv6:::1]", "[IPv6:1:2:3:4:5:6:7:8]", "[IPv6:::ffff:192.0.2.1]", "[x-tag:content]"] {
            #expect(AddressLiteral.isValid(valid), "\(valid)")
        }
        for invalid in ["[]", "[192.0.2]", "[256.0.0.1]", "[IPv6:1:2:3:4:5:6:7:8:9]", "[IPv6:1::2::3]", "[IPv6:12345::]", "192.0.2.1", "[tag-:x]"] {
            #expect(!AddressLiteral.isValid(invalid), "\(invalid)")
        }
    }
}
