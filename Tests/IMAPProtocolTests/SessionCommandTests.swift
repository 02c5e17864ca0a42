import Testing
import MailCore
@testable import IMAPProtocol

@Suite("Commands of any state and before authentication (RFC 9051 §6.1, §6.2)")
struct SessionCommandTests {
    @Test func commandsWithoutArguments() {
        #expect(parsed("a001 CAPABILITY") == TaggedCommand(tag: "a001", command: .capability))
        #expect(command("a002 NOOP") == .noop)
        #expect(command("A023 LOGOUT") == .logout)
        #expect(command("a002 starttls") == .startTLS)
        #expect(command("A001 NAMESPACE") == .namespace)
        #expect(command("a IDLE") == .idle)
        #expect(command("a CHECK") == .check)
        #expect(command("A341 CLOSE") == .close)
        #expect(command("a UNSELECT") == .unselect)
        #expect(command("A202 EXPUNGE") == .expunge)
    }

    @Test func argumentsAfterArgumentlessCommandsAreRefused() {
        #expect(rejection("a NOOP now")?.tag == "a")
        #expect(rejection("a CAPABILITY ")?.status == .bad)
    }

    @Test func login() {
        #expect(command("a001 LOGIN SMITH SESAME") == .login(username: "SMITH", password: "SESAME"))
        #expect(command("a LOGIN \"fred smith\" \"p\\\"w\\\\d\"") == .login(username: "fred smith", password: "p\"w\\d"))
        #expect(rejection("a LOGIN onlyone")?.status == .bad)
    }

    @Test func loginWithLiterals() {
        var harness = ParserHarness()
        #expect(harness.feed("a LOGIN {4}\r\n") == [.continuationRequest])
        #expect(harness.feed("fred {5}\r\n") == [.continuationRequest])
        #expect(harness.feed("ti\"g\\\r\n") == [.command(TaggedCommand(tag: "a", command: .login(username: "fred", password: "ti\"g\\")))])
    }

    @Test func authenticateWithAndWithoutInitialResponse() {
        #expect(command("A001 AUTHENTICATE GSSAPI") == .authenticate(mechanism: "GSSAPI", initialResponse: nil))
        // RFC 4959 §3: "=" is an empty initial response.
        #expect(command("a authenticate plain =") == .authenticate(mechanism: "PLAIN", initialResponse: []))
        let plain = Array("\0fred\0tiger".utf8)
        #expect(command("a AUTHENTICATE PLAIN AGZyZWQAdGlnZXI=") == .authenticate(mechanism: "PLAIN", initialResponse: plain))
        #expect(rejection("a AUTHENTICATE PLAIN AGZyZWQAdGlnZXI")?.text.contains("base64") == true)
        #expect(rejection("a AUTHENTICATE PLAIN A=GZ")?.status == .bad)
    }

    @Test func enable() {
        #expect(command("t2 ENABLE CONDSTORE X-GOOD-IDEA") == .enable(["CONDSTORE", "X-GOOD-IDEA"]))
        #expect(command("t ENABLE utf8=accept") == .enable(["UTF8=ACCEPT"]))
        #expect(rejection("t ENABLE")?.status == .bad)
    }

    @Test func id() {
        let expected: [IDParameter] = [IDParameter(field: "name", value: "sodr"), IDParameter(field: "version", value: "19.34"),
                                       IDParameter(field: "vendor", value: "Pink Floyd Music Limited")]
        #expect(command("a023 ID (\"name\" \"sodr\" \"version\" \"19.34\" \"vendor\" \"Pink Floyd Music Limited\")") == .id(expected))
        #expect(command("a ID NIL") == .id(nil))
        #expect(command("a ID (\"os\" NIL)") == .id([IDParameter(field: "os", value: nil)]))
        #expect(command("a ID ()") == .id([]))
        #expect(rejection("a ID (\"name\")")?.status == .bad)
    }

    @Test func compress() {
        #expect(command("a COMPRESS deflate") == .compress(algorithm: "DEFLATE"))
    }

    @Test func tagsFollowTheGrammar() {
        #expect(parsed("A]1 NOOP")?.tag == "A]1")
        // A tag may not hold '+', '(', '*', '%', '"', '\', '{' or controls: answered untagged.
        for line in ["a+b NOOP", "(a NOOP", "a*b NOOP", "a\"b NOOP", " NOOP", "NOOP"] {
            let refusal = rejection(line)
            #expect(refusal?.tag == nil, "\(line)")
            #expect(refusal?.response.tag == nil, "\(line)")
        }
    }

    @Test func unknownCommandsAreRefusedWithTheirTag() {
        let refusal = rejection("x17 FROBNICATE 1 2 3")
        #expect(refusal == CommandRejection(tag: "x17", text: "unknown command FROBNICATE"))
        #expect(rejection("x18 UID FROB 1")?.tag == "x18")
    }
}
