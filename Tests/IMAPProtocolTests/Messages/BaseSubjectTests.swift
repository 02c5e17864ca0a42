import Testing
@testable import IMAPProtocol

@Suite("Base subject extraction (RFC 5256 §2.1)")
struct BaseSubjectTests {
    @Test(arguments: [
        ("Hello world", "hello world", false),
        ("Re: Hello", "hello", true),
        ("RE:   Re: re: Hello", "hello", true),
        ("Fwd: Hello", "hello", true),
        ("Fw: Hello", "hello", true),
        ("Re[2]: Hello", "hello", true),
        ("Re [2] : Hello", "hello", true),
        ("Hello (fwd)", "hello", true),
        ("Hello (fwd) (FWD)  ", "hello", true),
        ("[list] Hello", "hello", false),
        ("[list] Re: Hello", "hello", true),
        ("Re: [list] Re: Hello", "hello", true),
        ("[a][b] Re: Hello", "hello", true),
        ("[list]", "[list]", false),
        ("[fwd: Hello]", "hello", true),
        ("[Fwd: Re: [list] Hello (fwd)]", "hello", true),
        ("Re:", "", true),
        ("", "", false),
        ("\tHello \t  there\t", "hello there", false),
        ("=?utf-8?q?R=C3=A9union?= Re: x", "réunion re: x", false),
        ("Re: =?utf-8?q?R=C3=A9union?=", "réunion", true),
        ("Reply: Hello", "reply: hello", false),
        ("[unclosed Re: Hello", "[unclosed re: hello", false),
    ])
    func extraction(subject: String, base: String, isReply: Bool) {
        let extracted = BaseSubject(subject: subject)
        #expect(extracted.text == base)
        #expect(extracted.isReplyOrForward == isReply)
    }

    @Test func missingSubject() {
        #expect(BaseSubject(subject: nil).text.isEmpty)
        #expect(!BaseSubject(subject: nil).isReplyOrForward)
    }
}
