import DNSResolver
import Foundation
import Testing
@testable import MailAuth

/// The macro language of RFC 7208 §7, with the examples of §7.4: sender
/// strong-bad@email.example.com, client 192.0.2.3 or 2001:db8::cb01.
@Suite struct SPFMacroTests {
    static func context(client: String = "192.0.2.3", validatedDomain: String? = nil) -> SPFMacroContext {
        SPFMacroContext(
            sender: Array("strong-bad@email.example.com".utf8), localPart: Array("strong-bad".utf8),
            senderDomain: Array("email.example.com".utf8), domain: Array("email.example.com".utf8),
            client: IPAddress(client)!, helo: Array("mx.example.org".utf8), receiver: Array("receiver.example.net".utf8),
            timestamp: 1_700_000_000, validatedDomain: validatedDomain.map { Array($0.utf8) })
    }

    static func expand(_ text: String, explanation: Bool = false, in context: SPFMacroContext = context()) throws -> String {
        let string = try SPFMacroString(parsing: Array(text.utf8)[...], context: explanation ? .explanation : .record)
        return String(decoding: string.expanded(in: context, for: explanation ? .explanation : .domain), as: UTF8.self)
    }

    @Test(arguments: [
        ("%{s}", "strong-bad@email.example.com"),
        ("%{o}", "email.example.com"),
        ("%{d}", "email.example.com"),
        ("%{d4}", "email.example.com"),
        ("%{d3}", "email.example.com"),
        ("%{d2}", "example.com"),
        ("%{d1}", "com"),
        ("%{dr}", "com.example.email"),
        ("%{d2r}", "example.email"),
        ("%{l}", "strong-bad"),
        ("%{l-}", "strong.bad"),
        ("%{lr}", "strong-bad"),
        ("%{lr-}", "bad.strong"),
        ("%{l1r-}", "strong"),
        ("%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com"),
        ("%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"),
        ("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"),
        ("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com"),
        ("%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net"),
    ])
    func rfcExamplesForIPv4(_ macro: String, _ expected: String) throws {
        #expect(try Self.expand(macro) == expected)
    }

    @Test func rfcExampleForIPv6() throws {
        let context = Self.context(client: "2001:db8::cb01")
        #expect(try Self.expand("%{ir}.%{v}._spf.%{d2}", in: context)
                == "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com")
        #expect(try Self.expand("%{i}", in: context)
                == "2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.c.b.0.1")
        #expect(try Self.expand("%{c} %{v}", explanation: true, in: context) == "2001:db8::cb01 ip6")
    }

    @Test func everyLetter() throws {
        #expect(try Self.expand("%{i}") == "192.0.2.3")
        #expect(try Self.expand("%{v}") == "in-addr")
        #expect(try Self.expand("%{h}") == "mx.example.org")
        #expect(try Self.expand("%{p}") == "unknown")
        #expect(try Self.expand("%{p}", in: Self.context(validatedDomain: "mail.example.com")) == "mail.example.com")
        #expect(try Self.expand("%{c}", explanation: true) == "192.0.2.3")
        #expect(try Self.expand("%{r}", explanation: true) == "receiver.example.net")
        #expect(try Self.expand("%{t}", explanation: true) == "1700000000")
    }

    @Test func transformersAndDelimiters() throws {
        var context = Self.context()
        context.localPart = Array("foo-bar+zip+quux".utf8)
        #expect(try Self.expand("%{l+-}", in: context) == "foo.bar.zip.quux")
        #expect(try Self.expand("%{l2r+-}", in: context) == "bar.foo")
        #expect(try Self.expand("%{l1+}", in: context) == "quux")
        #expect(try Self.expand("%{d200}") == "email.example.com")
        #expect(try Self.expand("%{d99999999999999999999}") == "email.example.com")
        #expect(try Self.expand("%{o=/,_}") == "email.example.com")
    }

    @Test(arguments: [
        ("%{d0}", SPFMacroSyntaxError.zeroPartCount),
        ("%{s-@}", .invalidCharacterInMacro("@")),
        ("%{x}", .unknownMacroLetter("x")),
        ("%(ir).sbl.example.com", .invalidPercentEscape),
        ("foo%", .invalidPercentEscape),
        ("%{d", .unterminatedMacro),
        ("%{d2r", .unterminatedMacro),
        ("%{c}", .letterOnlyAllowedInExplanation("c")),
        ("%{R}", .letterOnlyAllowedInExplanation("R")),
        ("%{t}", .letterOnlyAllowedInExplanation("t")),
        ("a b", .invalidCharacter(0x20)),
        ("caf\u{E9}", .invalidCharacter(0xC3)),
    ])
    func invalidMacroStrings(_ text: String, _ error: SPFMacroSyntaxError) {
        #expect(throws: error) { try SPFMacroString(parsing: Array(text.utf8)[...], context: .record) }
    }

    @Test func explanationsAllowSpacesAndEveryLetter() throws {
        #expect(try Self.expand("%{l} from %{c} refused by %{r}", explanation: true)
                == "strong-bad from 192.0.2.3 refused by receiver.example.net")
        #expect(throws: SPFMacroSyntaxError.unknownMacroLetter("x")) {
            try SPFMacroString(parsing: Array("The %{x}-files".utf8)[...], context: .explanation)
        }
    }

    @Test func escapesAndUpperCase() throws {
        #expect(try Self.expand("a%%b%_c%-d") == "a%b c%20d")
        #expect(try Self.expand("%{L}") == "strong-bad")
        #expect(try Self.expand("%{S}") == "strong-bad%40email.example.com")
        #expect(try Self.expand("%{C} %{T}", explanation: true) == "192.0.2.3 1700000000")
        #expect(try Self.expand("%{D2R}") == "example.email")
        #expect(try Self.expand("%{d1R}") == "email")
    }
}
