import Foundation
import MailStore
@testable import AbuseDefense

/// The messages of `Corpus/spam.txt` and `Corpus/ham.txt` (written for these tests),
/// separated by `%%` lines, as CRLF messages.
struct SpamCorpus {
    let spam: [[UInt8]]
    let ham: [[UInt8]]

    init() throws {
        spam = try Self.messages(named: "spam")
        ham = try Self.messages(named: "ham")
    }

    private static func messages(named name: String) throws -> [[UInt8]] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Corpus") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.components(separatedBy: "\n%%\n").map { piece in
            Array(piece.trimmingCharacters(in: .newlines).replacingOccurrences(of: "\n", with: "\r\n").utf8) + [13, 10]
        }
    }

    /// Splits `messages` into a training part (7 of every 10) and a held-out part.
    static func split(_ messages: [[UInt8]]) -> (training: [[UInt8]], heldOut: [[UInt8]]) {
        var training: [[UInt8]] = []
        var heldOut: [[UInt8]] = []
        for (index, message) in messages.enumerated() {
            if index % 10 < 7 { training.append(message) } else { heldOut.append(message) }
        }
        return (training, heldOut)
    }
}

/// An in-memory corpus trained the way the store trains one: each message's distinct
/// tokens counted once.
struct InMemoryCorpus {
    private(set) var counts = SpamCorpusCounts()
    let tokenizer = SpamTokenizer()

    mutating func train(_ message: [UInt8], as kind: SpamClass) {
        for token in tokenizer.tokens(of: SpamInspection(message: message)) {
            var tally = counts.tokens[token] ?? SpamTokenTally(spam: 0, ham: 0)
            if kind == .spam { tally.spam += 1 } else { tally.ham += 1 }
            counts.tokens[token] = tally
        }
        if kind == .spam { counts.spamMessages += 1 } else { counts.hamMessages += 1 }
    }
}
