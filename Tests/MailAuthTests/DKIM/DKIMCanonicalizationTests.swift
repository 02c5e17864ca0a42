import Crypto
import Testing
@testable import MailAuth

@Suite struct DKIMCanonicalizationTests {
    /// RFC 6376 §3.4.5: the header and body of the example.
    static let exampleHeader: [UInt8] = Array("A: X\r\nB : Y\t\r\n\tZ  \r\n".utf8)
    static let exampleBody: [UInt8] = Array(" C \r\nD \t E\r\n\r\n\r\n".utf8)

    private func canonicalHeader(_ algorithm: DKIMCanonicalization) -> String {
        let message = RawMessage(Self.exampleHeader + Array("\r\n".utf8) + Self.exampleBody)
        var output = [UInt8]()
        for field in message.fields {
            DKIMHeaderCanonicalizer.append(message.bytes(of: field), algorithm, to: &output)
            output += Array("\r\n".utf8)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func canonicalBody(_ body: [UInt8], _ algorithm: DKIMCanonicalization, chunk: Int = .max) -> DKIMBodyHasher.Result {
        var hasher = DKIMBodyHasher(canonicalization: algorithm, hashAlgorithm: .sha256)
        var start = 0
        repeat {
            let end = min(body.count, start + max(1, min(chunk, body.count)))
            hasher.update(body[start..<end])
            start = end
        } while start < body.count
        return hasher.finalize()
    }

    private func sha256(_ text: String) -> [UInt8] { Array(SHA256.hash(data: Array(text.utf8))) }

    @Test func relaxedHeaderOfTheRFCExample() {
        #expect(canonicalHeader(.relaxed) == "a:X\r\nb:Y Z\r\n")
    }

    @Test func simpleHeaderOfTheRFCExample() {
        #expect(canonicalHeader(.simple) == "A: X\r\nB : Y\t\r\n\tZ  \r\n")
    }

    @Test func relaxedBodyOfTheRFCExample() {
        let result = canonicalBody(Self.exampleBody, .relaxed)
        #expect(result.digest == sha256(" C\r\nD E\r\n"))
        #expect(result.canonicalLength == 9)
    }

    @Test func simpleBodyOfTheRFCExample() {
        let result = canonicalBody(Self.exampleBody, .simple)
        #expect(result.digest == sha256(" C \r\nD \t E\r\n"))
    }

    @Test(arguments: [1, 2, 3, 5, 7])
    func chunkBoundariesDoNotMatter(chunk: Int) {
        for algorithm in DKIMCanonicalization.allCases {
            let whole = canonicalBody(Self.exampleBody, algorithm)
            let pieces = canonicalBody(Self.exampleBody, algorithm, chunk: chunk)
            #expect(whole == pieces)
        }
    }

    @Test func emptyBodies() {
        // RFC 6376 §3.4.3: simple makes an empty body one CRLF; §3.4.4: relaxed leaves it empty.
        #expect(canonicalBody([], .simple).digest == sha256("\r\n"))
        #expect(canonicalBody([], .relaxed).digest == sha256(""))
        #expect(canonicalBody(Array("\r\n\r\n".utf8), .simple).digest == sha256("\r\n"))
        #expect(canonicalBody(Array(" \r\n\t\r\n".utf8), .relaxed).digest == sha256(""))
    }

    @Test func aMissingFinalLineEndIsAdded() {
        #expect(canonicalBody(Array("abc".utf8), .simple).digest == sha256("abc\r\n"))
        #expect(canonicalBody(Array("abc  ".utf8), .relaxed).digest == sha256("abc\r\n"))
    }

    @Test func bareLineFeedsCountAsLineEnds() {
        #expect(canonicalBody(Array("a\nb\n\n".utf8), .simple).digest == sha256("a\r\nb\r\n"))
        #expect(canonicalBody(Array("a \n\n".utf8), .relaxed).digest == sha256("a\r\n"))
    }

    @Test func aBareCarriageReturnIsContent() {
        #expect(canonicalBody(Array("a\rb\r\n".utf8), .simple).digest == sha256("a\rb\r\n"))
    }

    @Test func lengthLimitHashesOnlyThePrefix() {
        var hasher = DKIMBodyHasher(canonicalization: .relaxed, hashAlgorithm: .sha256, lengthLimit: 5)
        hasher.update(Array("Hello world\r\nmore\r\n".utf8))
        let result = hasher.finalize()
        #expect(result.digest == sha256("Hello"))
        #expect(result.hashedLength == 5)
        #expect(result.canonicalLength == 19)
    }

    @Test func sha1BodyHash() {
        var hasher = DKIMBodyHasher(canonicalization: .simple, hashAlgorithm: .sha1)
        hasher.update(Array("abc\r\n".utf8))
        #expect(hasher.finalize().digest == Array(Insecure.SHA1.hash(data: Array("abc\r\n".utf8))))
    }

    @Test func messageSplittingKeepsFoldingAndReadsBareLineFeeds() {
        let message = RawMessage(Array("Subject: a\n b\nFrom: x\n\nbody\n".utf8))
        #expect(message.fields.map(\.lowercasedName) == ["subject", "from"])
        #expect(Array(message.bytes(of: message.fields[0])) == Array("Subject: a\r\n b".utf8))
        #expect(Array(message.body) == Array("body\r\n".utf8))
    }

    @Test func aMessageWithoutBodyHasAnEmptyBody() {
        let message = RawMessage(Array("From: x\r\nTo: y\r\n".utf8))
        #expect(message.fields.map(\.lowercasedName) == ["from", "to"])
        #expect(message.body.isEmpty)
        #expect(Array(message.bytes(of: message.fields[1])) == Array("To: y".utf8))
    }

    @Test func signatureValueBlanking() {
        let field = Array("DKIM-Signature: v=1; bh=abc; b=xy\r\n z ;d=e".utf8)
        let blanked = DKIMHeaderHashInput.withoutSignatureValue(field[...])
        #expect(String(decoding: blanked, as: UTF8.self) == "DKIM-Signature: v=1; bh=abc; b=;d=e")
    }

    @Test func headerSelectionTakesInstancesFromTheBottom() throws {
        let message = RawMessage(Array("X: 1\r\nFrom: a\r\nX: 2\r\n\r\n".utf8))
        let selected = DKIMHeaderHashInput.selectedFields(["x", "x", "x", "from"], from: message.fields, excluding: nil)
        #expect(selected.map { String(decoding: message.bytes(of: $0), as: UTF8.self) } == ["X: 2", "X: 1", "From: a"])
    }
}
