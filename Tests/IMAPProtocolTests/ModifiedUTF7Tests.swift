import TestSupport
import Testing
@testable import IMAPProtocol

@Suite("Modified UTF-7 mailbox names (RFC 3501 §5.1.3)")
struct ModifiedUTF7Tests {
    @Test(arguments: [
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),   // RFC 3501 §5.1.3
        ("Entwürfe", "Entw&APw-rfe"),
        ("Hello & Goodbye", "Hello &- Goodbye"),
        ("&", "&-"),
        ("😀", "&2D3eAA-"),
        ("Ünïcödé", "&ANw-n&AO8-c&APY-d&AOk-"),
        ("plain ASCII ~!@#$%^*()", "plain ASCII ~!@#$%^*()"),
        ("", ""),
    ])
    func knownPairs(text: String, encoded: String) throws {
        #expect(ModifiedUTF7.encode(text) == encoded)
        #expect(try ModifiedUTF7.decode(Array(encoded.utf8)) == text)
    }

    @Test(arguments: [
        ("&U,BTFw", ModifiedUTF7Error.unterminatedRun),
        ("&Jjo!-", .invalidBase64),
        ("&AGE-", .needlesslyEncoded),          // 'a' hidden in a run
        ("&2D0-", .invalidUTF16),               // a lone high surrogate
        ("&2D1-", .invalidBase64),              // leftover bits not zero
        ("&A-", .invalidBase64),                // fewer than 16 bits
        ("caf\u{E9}", .notPrintableASCII),      // 8-bit
        ("tab\there", .notPrintableASCII),
    ])
    func invalidInput(encoded: String, error: ModifiedUTF7Error) {
        #expect(throws: error) { try ModifiedUTF7.decode(Array(encoded.utf8)) }
    }

    @Test func randomRoundTrips() throws {
        var generator = SeededGenerator(seed: 7)
        let pools: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0x2FF, 0x4E00...0x4FFF, 0x1F300...0x1F64F, 0xE000...0xE0FF]
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                let pool = pools[Int.random(in: 0..<pools.count, using: &generator)]
                if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &generator)) { text.unicodeScalars.append(scalar) }
            }
            let encoded = ModifiedUTF7.encode(text)
            #expect(encoded.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E })
            #expect(try ModifiedUTF7.decode(Array(encoded.utf8)) == text)
        }
    }
}
