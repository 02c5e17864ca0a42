/// Generates realistic mail for one mailbox, deterministically from a seed: varied sizes,
/// plain and multipart/alternative text, base64 attachments, threads (In-Reply-To and
/// References), subjects and names in several scripts (RFC 2047) and UTF-8 bodies (8bit or
/// quoted-printable). The same settings always give the same messages, byte for byte.
struct MessageGenerator: Sendable {
    struct Settings: Sendable, Equatable {
        var seed: UInt64
        /// Distinguishes the mailboxes of one run (their messages differ).
        var mailboxNumber: Int
        var recipient: String
        var minimumSize = 1024
        var maximumSize = 256 * 1024
    }

    /// An earlier message a later one may answer.
    private struct ThreadEntry: Sendable {
        let messageID: String
        let references: [String]
        let subject: String
    }

    /// Size classes (bytes) with their weights: most mail is small, some is large.
    private static let sizeClasses: [(range: ClosedRange<Int>, weight: Int)] = [
        (1024...4096, 35), (4097...16384, 30), (16385...65536, 20), (65537...262_144, 10), (262_145...1_048_576, 5),
    ]
    private static let rememberedMessages = 16
    private static let maximumReferences = 10
    /// Bytes of MIME framing per part (its header fields, delimiter lines), when sizing bodies.
    private static let partOverhead = 150

    let settings: Settings
    private var random: SeededRandom
    private var index = 0
    private var clock: Int
    private var recent: [ThreadEntry] = []

    init(_ settings: Settings) {
        self.settings = settings
        random = SeededRandom(seed: settings.seed, stream: UInt64(truncatingIfNeeded: settings.mailboxNumber))
        clock = MessageDate.generatorEpoch + random.below(86_400 * 30)
    }

    mutating func next() -> GeneratedMessage {
        index += 1
        clock += random.within(60...7_200)
        let target = chooseSize()
        let shape = chooseShape()
        let parent = !recent.isEmpty && random.chance(30) ? random.element(of: recent) : nil
        let international = random.chance(30)
        let subject = parent.map { $0.subject.hasPrefix("Re: ") ? $0.subject : "Re: \($0.subject)" } ?? newSubject(international)
        let person = random.element(of: SampleText.people)
        let sender = "\(person.localPart)@\(random.element(of: SampleText.senderDomains))"
        let messageID = "<\(String(settings.seed, radix: 16)).\(settings.mailboxNumber).\(index)@bench.martlet.test>"
        let references = parent.map { Array(($0.references + [$0.messageID]).suffix(Self.maximumReferences)) } ?? []

        var writer = MIMEWriter()
        writer.header("From", EncodedWord.encodeIfNeeded(person.name) + ["<\(sender)>"])
        writer.header("To", "<\(settings.recipient)>")
        writer.header("Subject", EncodedWord.encodeIfNeeded(subject))
        writer.header("Date", MessageDate.format(secondsSince1970: clock))
        writer.header("Message-ID", messageID)
        if let parent {
            writer.header("In-Reply-To", parent.messageID)
            writer.header("References", references)
        }
        writer.header("MIME-Version", "1.0")
        var eightBit = false
        let bodyBudget = max(200, target - writer.bytes.count - Self.partOverhead)
        switch shape {
        case .plain:
            eightBit = writeText(&writer, budget: bodyBudget, international: international)
        case .alternative:
            eightBit = writeAlternative(&writer, budget: bodyBudget, international: international)
        case .withAttachments:
            eightBit = writeMixed(&writer, budget: bodyBudget, international: international)
        }

        recent.append(ThreadEntry(messageID: messageID, references: references, subject: subject))
        if recent.count > Self.rememberedMessages { recent.removeFirst() }
        return GeneratedMessage(
            bytes: writer.bytes, sender: sender, messageID: messageID, shape: shape, isReply: parent != nil,
            hasEightBitText: eightBit)
    }

    private mutating func chooseSize() -> Int {
        var pick = random.below(Self.sizeClasses.reduce(0) { $0 + $1.weight })
        var range = Self.sizeClasses[0].range
        for sizeClass in Self.sizeClasses {
            if pick < sizeClass.weight { range = sizeClass.range; break }
            pick -= sizeClass.weight
        }
        return min(max(random.within(range), settings.minimumSize), settings.maximumSize)
    }

    private mutating func chooseShape() -> GeneratedMessage.Shape {
        let pick = random.below(100)
        return pick < 40 ? .plain : pick < 70 ? .alternative : .withAttachments
    }

    private mutating func newSubject(_ international: Bool) -> String {
        if international { return random.element(of: SampleText.internationalPhrases) }
        let words = (0..<random.within(3...7)).map { _ in random.element(of: SampleText.words) }
        return words.joined(separator: " ").capitalizedFirst
    }

    /// Paragraphs of sentences, wrapped at 72 characters, about `budget` bytes in all.
    private mutating func paragraphs(budget: Int, international: Bool) -> [[String]] {
        var result: [[String]] = []
        var size = 0
        while size < budget {
            var sentences: [String] = []
            for _ in 0..<random.within(2...6) {
                if international, random.chance(35) {
                    sentences.append(random.element(of: SampleText.internationalPhrases) + ".")
                } else {
                    let words = (0..<random.within(6...16)).map { _ in random.element(of: SampleText.words) }
                    sentences.append(words.joined(separator: " ").capitalizedFirst + ".")
                }
            }
            let lines = Self.wrap(sentences.joined(separator: " "), width: 72)
            size += lines.reduce(2) { $0 + $1.utf8.count + 2 }
            result.append(lines)
        }
        return result
    }

    /// Words of `text` on lines of at most `width` characters.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += current.isEmpty ? String(word) : " \(word)"
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    private mutating func encoding(for lines: [String]) -> MIMEWriter.TextEncoding {
        if lines.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) { return .sevenBit }
        return random.chance(50) ? .eightBit : .quotedPrintable
    }

    /// A text/plain part; returns whether it is 8bit.
    private mutating func writeText(_ writer: inout MIMEWriter, budget: Int, international: Bool) -> Bool {
        let lines = Array(paragraphs(budget: budget, international: international).joined(separator: [""]))
        let encoding = encoding(for: lines)
        writer.textPart(subtype: "plain", lines: lines, encoding: encoding)
        return encoding == .eightBit
    }

    /// multipart/alternative with the same text as plain and as HTML.
    private mutating func writeAlternative(_ writer: inout MIMEWriter, budget: Int, international: Bool) -> Bool {
        // The HTML repeats the text with a few tags: each gets about half.
        let text = paragraphs(budget: max(100, (budget - 2 * Self.partOverhead) / 2), international: international)
        let plain = Array(text.joined(separator: [""]))
        let html = ["<!DOCTYPE html>", "<html><body>"] + text.flatMap { ["<p>"] + $0.map(Self.escapeHTML) + ["</p>"] }
            + ["</body></html>"]
        let plainEncoding = encoding(for: plain)
        let htmlEncoding = encoding(for: html)
        let boundary = makeBoundary()
        writer.header("Content-Type", ["multipart/alternative;", "boundary=\"\(boundary)\""])
        writer.line("")
        writer.multipart(boundary: boundary, parts: [
            { $0.textPart(subtype: "plain", lines: plain, encoding: plainEncoding) },
            { $0.textPart(subtype: "html", lines: html, encoding: htmlEncoding) },
        ])
        return plainEncoding == .eightBit || htmlEncoding == .eightBit
    }

    /// multipart/mixed: a text part (plain or alternative) and one or two attachments
    /// that make up the rest of the budget.
    private mutating func writeMixed(_ writer: inout MIMEWriter, budget: Int, international: Bool) -> Bool {
        var textWriter = MIMEWriter()
        let textBudget = min(budget / 5, 4_000)
        let eightBit = random.chance(50)
            ? writeAlternative(&textWriter, budget: textBudget, international: international)
            : writeText(&textWriter, budget: textBudget, international: international)
        let textBytes = textWriter.bytes
        let attachmentCount = random.within(1...2)
        let remaining = budget - textBytes.count - attachmentCount * Self.partOverhead
        // Base64 turns 57 bytes into a 78-byte line (76 characters and CRLF).
        let rawPerAttachment = max(64, remaining / attachmentCount * 57 / 78)
        var parts: [(inout MIMEWriter) -> Void] = [{ $0.append(rawLines: textBytes) }]
        for _ in 0..<attachmentCount {
            let kind = random.element(of: SampleText.attachments)
            var content = kind.magic
            content.reserveCapacity(rawPerAttachment + 8)
            while content.count < rawPerAttachment {
                withUnsafeBytes(of: random.next().littleEndian) { content.append(contentsOf: $0) }
            }
            parts.append { $0.attachment(mediaType: kind.mediaType, fileName: kind.fileName, content: content) }
        }
        let boundary = makeBoundary()
        writer.header("Content-Type", ["multipart/mixed;", "boundary=\"\(boundary)\""])
        writer.line("")
        writer.multipart(boundary: boundary, parts: parts)
        return eightBit
    }

    /// A boundary that cannot occur in the parts' content: "=_" never appears in
    /// quoted-printable or base64 text, nor in the generated words (RFC 2045 §6.7 note).
    private mutating func makeBoundary() -> String {
        "=_martlet_bench_\(String(random.next(), radix: 16))"
    }

    static func escapeHTML(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            default: output.append(character)
            }
        }
        return output
    }
}
