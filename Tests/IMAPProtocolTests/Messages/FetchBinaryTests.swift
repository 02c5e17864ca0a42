import MailCore
import Testing
@testable import IMAPProtocol

@Suite("FETCH BINARY, BINARY.PEEK and BINARY.SIZE (RFC 3516)")
struct FetchBinaryTests {
    private let message = MessageFixtures.message(MessageFixtures.nested)

    private func fetched(_ items: String) throws -> String {
        try MessageFixtures.fetched("a FETCH 1 \(items)", message)
    }

    @Test func base64WithNULTravelsAsLiteral8() throws {
        #expect(try fetched("BINARY[2]") == "* 1 FETCH (BINARY[2] ~{5}\r\n\u{0}\u{1}\u{2}\u{3}\u{4})\r\n")
        // A partial range without NUL is an ordinary literal.
        #expect(try fetched("BINARY.PEEK[2]<1.2>") == "* 1 FETCH (BINARY[2]<1> {2}\r\n\u{1}\u{2})\r\n")
    }

    @Test func quotedPrintableIsDecoded() throws {
        let decoded = "Caf\u{E9} at noon\r\nsoft break"
        #expect(try fetched("BINARY[1.1]") == "* 1 FETCH (BINARY[1.1] {\(decoded.utf8.count)}\r\n\(decoded))\r\n")
        #expect(try fetched("BINARY.SIZE[1.1]") == "* 1 FETCH (BINARY.SIZE[1.1] \(decoded.utf8.count))\r\n")
        // A partial fetch names its origin (RFC 3516 §4.2), so the client can tell it from the whole.
        #expect(try fetched("BINARY[1.1]<2.3>") == "* 1 FETCH (BINARY[1.1]<2> {3}\r\nf\u{E9})\r\n")
    }

    @Test func identityEncodingsAreRangesOfTheMessage() throws {
        let outputs = try FetchPlan(try MessageFixtures.fetchCommand("a FETCH 1 (BINARY[4] BINARY[3] BINARY[])")).render(message)
        guard outputs.count == 3, case .streamed(.binary([4], nil), .messageRange(let eightBit), false) = outputs[0],
              case .streamed(.binary([3], nil), .messageRange, false) = outputs[1],
              case .streamed(.binary([], nil), .messageRange(let whole), false) = outputs[2] else {
            Issue.record("unexpected outputs \(outputs)")
            return
        }
        #expect(Array(MessageFixtures.nested[eightBit]) == Array("na\u{EF}ve".utf8))
        #expect(whole == 0..<MessageFixtures.nested.count)
        #expect(try fetched("BINARY.SIZE[4]") == "* 1 FETCH (BINARY.SIZE[4] \("na\u{EF}ve".utf8.count))\r\n")
    }

    @Test func sizes() throws {
        #expect(try fetched("(BINARY.SIZE[2] BINARY.SIZE[3.1])") == "* 1 FETCH (BINARY.SIZE[2] 5 BINARY.SIZE[3.1] 9)\r\n")
        #expect(try fetched("BINARY.SIZE[9]") == "* 1 FETCH (BINARY.SIZE[9] 0)\r\n")
    }

    @Test func missingPartIsNIL() throws {
        #expect(try fetched("BINARY[9]") == "* 1 FETCH (BINARY[9] NIL)\r\n")
    }

    @Test func unknownEncodingIsTypedError() throws {
        let plan = FetchPlan(try MessageFixtures.fetchCommand("a FETCH 1 BINARY[3.2]"))
        #expect(throws: FetchError.unknownTransferEncoding(part: [3, 2], encoding: "x-uuencode")) { try plan.render(message) }
        let sizePlan = FetchPlan(try MessageFixtures.fetchCommand("a FETCH 1 BINARY.SIZE[3.2]"))
        #expect(throws: FetchError.unknownTransferEncoding(part: [3, 2], encoding: "x-uuencode")) { try sizePlan.render(message) }
        #expect(FetchError.unknownTransferEncoding(part: [3, 2], encoding: "x-uuencode").responseCode == .unknownCTE)
        // BODY[] of the same part is not decoded, so it is fine.
        #expect(try fetched("BODY[3.2]") == "* 1 FETCH (BODY[3.2] {11}\r\nbegin 644 x)\r\n")
    }

    @Test func binarySetsSeenUnlessPeek() throws {
        #expect(FetchPlan(try MessageFixtures.fetchCommand("a FETCH 1 BINARY[1]")).setsSeen)
        #expect(!FetchPlan(try MessageFixtures.fetchCommand("a FETCH 1 BINARY.PEEK[1]")).setsSeen)
        #expect(!FetchPlan(try MessageFixtures.fetchCommand("a FETCH 1 BINARY.SIZE[1]")).setsSeen)
    }
}
