import TestSupport
import Testing
import MailCore
@testable import IMAPProtocol

@Suite("Hostile and random input: never a crash, memory bounded by the limits")
struct HostileInputTests {
    private static let fragments: [String] = [
        "a1 ", "b2 ", "LOGIN ", "SEARCH ", "CHARSET UTF-8 ", "FETCH 1:* (BODY.PEEK[1.2.HEADER.FIELDS (A B)]<0.5> FLAGS) ",
        "APPEND INBOX ", "APPEND {3}\r\nBox ", "(\\Seen) ", "\"01-Jan-2020 00:00:00 +0000\" ", "{", "}", "+}", "~{", "\r\n", "\n",
        "\r", "\"", "\\", "(", ")", "[", "]", "<", ">", " ", "0", "7", "99999999999999999999", "IDLE\r\n", "DONE\r\n",
        "x STARTTLS\r\n", "y COMPRESS DEFLATE\r\n", "z AUTHENTICATE PLAIN\r\n", "AGZyZWQAdGlnZXI=\r\n", "*\r\n", "NOT ", "OR ",
        "UID ", "STORE 1 +FLAGS (\\Deleted)", "SELECT INBOX (QRESYNC (1 2 1:5 (1:2 3:4)))", "LIST (SUBSCRIBED) \"\" * RETURN (STATUS (SIZE))",
        "$", "%", "&-", "&AGE-", "\u{0}", "é",
    ]

    /// A random piece of input: bytes, text, grammar fragments or literal announcements.
    private static func piece(_ generator: inout SeededGenerator) -> [UInt8] {
        switch Int.random(in: 0..<10, using: &generator) {
        case 0:
            return (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        case 1:
            return (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0x20...0x7E, using: &generator) }
        case 2:
            let size = Int.random(in: 0...1500, using: &generator)
            let kind = ["{\(size)}", "{\(size)+}", "~{\(size)}", "~{\(size)+}"][Int.random(in: 0..<4, using: &generator)]
            return Array((kind + "\r\n").utf8)
        case 3:
            return Array(repeating: UInt8(ascii: "x"), count: Int.random(in: 50...900, using: &generator))
        default:
            var text = ""
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                text += fragments[Int.random(in: 0..<fragments.count, using: &generator)]
            }
            return Array(text.utf8)
        }
    }

    @Test func randomInputNeverCrashesAndStaysBounded() {
        var configuration = CommandParserConfiguration()
        configuration.maximumLineLength = 300
        configuration.maximumLiteralSize = 200
        configuration.maximumLiteralBytesPerCommand = 400
        configuration.maximumMessageSize = 1000
        configuration.maximumMessagesPerAppend = 3
        configuration.appendChunkSize = 64
        configuration.maximumDiscardedLiteralSize = 3000
        configuration.maximumNestingDepth = 20
        var eventCount = 0
        var rejectionCount = 0
        var violations = [String]()
        for seed in UInt64(0)..<300 {
            var generator = SeededGenerator(seed: seed)
            configuration.nonSynchronizingLiterals = Bool.random(using: &generator) ? .literalPlus : .literalMinus
            var parser = CommandParser(configuration: configuration)
            for _ in 0..<80 {
                parser.append(Self.piece(&generator))
                while let event = parser.nextEvent() {
                    eventCount += 1
                    switch event {
                    case .appendMessageBytes(let bytes) where bytes.count > 64:
                        violations.append("seed \(seed): a piece of \(bytes.count) octets")
                    case .appendMessageStart where Int.random(in: 0..<4, using: &generator) == 0:
                        parser.rejectCurrentCommand()
                    case .command(let tagged):
                        if tagged.command == .idle { parser.expectIdleDone() }
                        if case .authenticate = tagged.command { parser.expectAuthenticationResponse() }
                    case .rejected(let rejection):
                        rejectionCount += 1
                        if rejection.tag?.isEmpty == true { violations.append("seed \(seed): an empty tag") }
                    default:
                        break
                    }
                }
                if parser.isStopped {
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: parser.resume()
                    case 1: _ = parser.discardBufferedBytes()
                    default: _ = parser.takeBufferedBytes()
                    }
                }
                if parser.isClosed { break }
                // What the parser keeps is bounded by the limits, whatever it was fed.
                if parser.command.count > 2 * configuration.maximumLineLength + configuration.maximumLiteralBytesPerCommand {
                    violations.append("seed \(seed): command of \(parser.command.count) octets")
                }
                if parser.state == .line && parser.bufferedByteCount > configuration.maximumLineLength {
                    violations.append("seed \(seed): \(parser.bufferedByteCount) octets buffered in a line")
                }
                if parser.pending.count > 0 {
                    violations.append("seed \(seed): events left after draining")
                }
            }
        }
        #expect(violations.isEmpty, "\(violations.prefix(5))")
        // The input exercised both acceptance and refusal.
        #expect(eventCount > 1000)
        #expect(rejectionCount > 100)
    }

    @Test func mutatedValidCommandsNeverCrash() {
        let commands = [
            "a FETCH 1:*,$ (UID FLAGS BODY.PEEK[1.2.HEADER.FIELDS.NOT (Received \"X-A\")]<0.100> BINARY[3] PREVIEW (LAZY)) (CHANGEDSINCE 5)",
            "b UID SEARCH RETURN (MIN MAX) CHARSET UTF-8 OR (FROM \"a\" SUBJECT b) NOT (SINCE 1-Jan-2020 MODSEQ \"/flags/\\\\seen\" all 5)",
            "c SELECT INBOX (CONDSTORE QRESYNC (67890007 20050715194045000 41,43:211 (1:5 6:10)))",
            "d LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (\"%\" \"Archive/*\") RETURN (CHILDREN STATUS (MESSAGES SIZE))",
            "e STORE 1:5 (UNCHANGEDSINCE 12) -FLAGS.SILENT (\\Seen $Junk)", "f SORT RETURN (COUNT) (REVERSE DATE) UTF-8 ALL",
            "g SETACL INBOX \"anyone\" +lr", "h ID (\"name\" \"x\" \"os\" NIL)", "i CREATE Drafts (USE (\\Drafts))",
        ]
        var generator = SeededGenerator(seed: 42)
        var parsedCount = 0
        for _ in 0..<3000 {
            var bytes = Array(commands[Int.random(in: 0..<commands.count, using: &generator)].utf8)
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: index)
                default: bytes.insert(UInt8.random(in: 0x20...0x7E, using: &generator), at: index)
                }
                if bytes.isEmpty { bytes = [0x61] }
            }
            var harness = ParserHarness()
            let events = harness.feed(bytes + [0x0D, 0x0A] + Array("z NOOP\r\n".utf8))
            if events.contains(where: { if case .command(let tagged) = $0 { tagged.tag != "z" } else { false } }) { parsedCount += 1 }
        }
        // Some mutations still parse (a changed letter in a string), most do not.
        #expect(parsedCount > 0)
        #expect(parsedCount < 3000)
    }

    @Test func stringsRoundTripThroughWriterAndReader() throws {
        var generator = SeededGenerator(seed: 99)
        for round in 0..<3000 {
            let utf8 = round % 2 == 0
            let count = Int.random(in: 0...(round % 10 == 0 ? 1500 : 40), using: &generator)
            let octets = (0..<count).map { _ in UInt8.random(in: 1...255, using: &generator) }
            var writer = ResponseWriter(options: ResponseWriterOptions(utf8Enabled: utf8))
            writer.writeString(octets)
            var reader = GrammarReader(writer.takeBytes())
            #expect(try reader.readString() == octets)
            #expect(reader.isAtEnd)
        }
    }

    @Test func mailboxNamesRoundTripInBothModes() throws {
        var generator = SeededGenerator(seed: 5)
        let pools: [ClosedRange<UInt32>] = [0x20...0x7E, 0xC0...0x17F, 0x3040...0x30FF, 0x1F600...0x1F64F]
        for round in 0..<1000 {
            var name = ""
            for _ in 0..<Int.random(in: 1...10, using: &generator) {
                let pool = pools[Int.random(in: 0..<pools.count, using: &generator)]
                if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &generator)) { name.unicodeScalars.append(scalar) }
            }
            let utf8 = round % 2 == 1
            var writer = ResponseWriter(options: ResponseWriterOptions(utf8Enabled: utf8))
            writer.writeMailbox(name)
            var reader = GrammarReader(writer.takeBytes())
            let sent = EncodedMailboxName(try reader.readAString())
            #expect(try sent.decoded(utf8Enabled: utf8) == name)
        }
    }
}
