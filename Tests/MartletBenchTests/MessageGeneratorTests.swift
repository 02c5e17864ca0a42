import Foundation
import Testing
@testable import martlet_bench

@Suite("Message generator")
struct MessageGeneratorTests {
    static func messages(seed: UInt64, mailbox: Int = 3, count: Int = 150, maximumSize: Int = 64 * 1024) -> [GeneratedMessage] {
        var generator = MessageGenerator(.init(
            seed: seed, mailboxNumber: mailbox, recipient: "user\(mailbox)@peer.test", minimumSize: 1024, maximumSize: maximumSize))
        return (0..<count).map { _ in generator.next() }
    }

    @Test func sameSeedSameBytes() {
        let first = Self.messages(seed: 42)
        let second = Self.messages(seed: 42)
        #expect(first.map(\.bytes) == second.map(\.bytes))
    }

    @Test func otherSeedOrMailboxOtherMessages() {
        let base = Self.messages(seed: 42, count: 20).map(\.bytes)
        #expect(Self.messages(seed: 43, count: 20).map(\.bytes) != base)
        #expect(Self.messages(seed: 42, mailbox: 4, count: 20).map(\.bytes) != base)
    }

    @Test func everyMessageIsWellFormed() {
        for (index, message) in Self.messages(seed: 7, count: 200).enumerated() {
            let checker = MessageChecker(message.bytes)
            #expect(checker.problems.isEmpty, "message \(index): \(checker.problems)")
            for name in ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version"] {
                #expect(checker.header(name) != nil, "message \(index) lacks \(name)")
            }
            #expect(checker.header("Message-ID") == message.messageID)
        }
    }

    @Test func coversShapesThreadsAndScripts() throws {
        let messages = Self.messages(seed: 11, count: 300)
        #expect(Set(messages.map(\.shape)) == Set(GeneratedMessage.Shape.allCases))
        var seenIDs: Set<String> = []
        var replies = 0
        var encodedSubjects = 0
        var leafEncodings: Set<String> = []
        for message in messages {
            let checker = MessageChecker(message.bytes)
            if message.isReply {
                replies += 1
                let parent = try #require(checker.header("In-Reply-To"))
                #expect(seenIDs.contains(parent), "a reply to a message not generated before")
                let references = try #require(checker.header("References")).split(separator: " ").map(String.init)
                #expect(references.last == parent)
                #expect(references.allSatisfy { seenIDs.contains($0) })
                let subject = try #require(checker.header("Subject").flatMap(EncodedWordTests.decode))
                #expect(subject.hasPrefix("Re: "))
            }
            seenIDs.insert(message.messageID)
            if let subject = checker.header("Subject"), subject.contains("=?UTF-8?B?") {
                encodedSubjects += 1
                let decoded = try #require(EncodedWordTests.decode(subject))
                #expect(!decoded.unicodeScalars.allSatisfy { $0.isASCII })
            }
            leafEncodings.formUnion(checker.leaves.map(\.encoding))
            for leaf in checker.leaves where leaf.encoding == "8bit" {
                let bytes = Array(leaf.body.joined(separator: "\r\n").utf8)
                #expect(String(validating: bytes, as: UTF8.self) != nil)
                #expect(message.hasEightBitText)
            }
        }
        #expect(replies > 0)
        #expect(encodedSubjects > 0)
        #expect(leafEncodings == ["7bit", "8bit", "quoted-printable", "base64"])
    }

    @Test func sizesStayNearTheirBounds() {
        let maximum = 32 * 1024
        let sizes = Self.messages(seed: 5, count: 200, maximumSize: maximum).map(\.bytes.count)
        #expect(sizes.allSatisfy { $0 >= 1024 })
        // Paragraph and header rounding may pass the target a little, never by much.
        #expect(sizes.allSatisfy { $0 <= maximum + maximum / 4 + 2048 })
        #expect(Set(sizes).count > sizes.count / 2)
    }

    @Test func wrapKeepsWordsAndWidth() {
        let text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu"
        let lines = MessageGenerator.wrap(text, width: 20)
        #expect(lines.allSatisfy { $0.count <= 20 })
        #expect(lines.joined(separator: " ") == text)
    }
}

@Suite("Header and body encodings")
struct EncodedWordTests {
    /// Decodes a header value made of RFC 2047 "B" words (and plain text) for checking.
    static func decode(_ value: String) -> String? {
        var bytes: [UInt8] = []
        for word in value.split(separator: " ") {
            if word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") {
                guard word.count <= 75, let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) else { return nil }
                guard String(validating: Array(data), as: UTF8.self) != nil else { return nil }
                bytes += data
            } else {
                if !bytes.isEmpty { bytes += Array(" ".utf8) }
                bytes += Array(word.utf8)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    @Test(arguments: SampleText.internationalPhrases + ["Re: " + String(repeating: "日本語", count: 30), "plain ascii"])
    func encodedWordsRoundTrip(_ text: String) throws {
        let words = EncodedWord.encodeIfNeeded(text)
        #expect(words.allSatisfy { $0.count <= 75 && $0.unicodeScalars.allSatisfy { $0.isASCII } })
        let joined = words.joined(separator: " ")
        if text.unicodeScalars.allSatisfy({ $0.isASCII }) {
            #expect(joined == text)
        } else {
            #expect(Self.decode(joined) == text)
        }
    }

    /// Decodes quoted-printable lines (soft breaks joined) for checking.
    static func decodeQuotedPrintable(_ lines: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for line in lines {
            var scalars = Array(line.utf8)
            let soft = scalars.last == UInt8(ascii: "=")
            if soft { scalars.removeLast() }
            var index = 0
            while index < scalars.count {
                if scalars[index] == UInt8(ascii: "="), index + 2 < scalars.count,
                   let value = UInt8(String(decoding: scalars[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    index += 3
                } else {
                    bytes.append(scalars[index])
                    index += 1
                }
            }
            if !soft { bytes += [13, 10] }
        }
        return bytes
    }

    @Test(arguments: SampleText.internationalPhrases + ["a = b", "trailing space ", String(repeating: "é", count: 100)])
    func quotedPrintableRoundTrips(_ text: String) {
        let lines = QuotedPrintable.encode(line: text)
        #expect(lines.allSatisfy { $0.count <= 76 && $0.unicodeScalars.allSatisfy { $0.isASCII } })
        #expect(Self.decodeQuotedPrintable(lines) == Array(text.utf8) + [13, 10])
    }

    @Test func base64MatchesFoundation() {
        var random = SeededRandom(seed: 9)
        for length in [0, 1, 2, 3, 4, 57, 58, 200] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            #expect(Base64.encode(bytes) == Data(bytes).base64EncodedString())
            #expect(Base64.lines(bytes).joined() == Data(bytes).base64EncodedString())
            #expect(Base64.lines(bytes).allSatisfy { $0.count <= 76 })
        }
    }

    @Test func fileNameParameters() {
        #expect(MIMEWriter.fileNameParameter("report.pdf") == "=\"report.pdf\"")
        #expect(MIMEWriter.fileNameParameter("données.bin") == "*=utf-8''donn%C3%A9es.bin")
    }

    @Test func datesMatchFoundation() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        var random = SeededRandom(seed: 3)
        for _ in 0..<200 {
            let seconds = random.within(-2_000_000_000...4_000_000_000)
            #expect(MessageDate.format(secondsSince1970: seconds) == formatter.string(from: Date(timeIntervalSince1970: Double(seconds))))
        }
    }
}
