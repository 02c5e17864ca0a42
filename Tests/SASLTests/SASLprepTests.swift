import Testing
@testable import SASL

@Suite("SASLprep (RFC 4013)")
struct SASLprepTests {
    @Test("RFC 4013 §3 examples that prepare", arguments: [
        ("I\u{00AD}X", "IX"),  // 1: soft hyphen mapped to nothing
        ("user", "user"),  // 2: no transformation
        ("USER", "USER"),  // 3: case preserved
        ("\u{00AA}", "a"),  // 4: NFKC
        ("\u{2168}", "IX"),  // 5: NFKC, matches #1
    ])
    func examples(input: String, expected: String) throws {
        let prepared = try SASLprep.prepare(input)
        #expect(prepared.unicodeScalars.elementsEqual(expected.unicodeScalars))
    }

    @Test("RFC 4013 §3 example 6: a prohibited character")
    func prohibitedExample() {
        #expect(throws: SASLError.prohibitedCharacter(.asciiControl)) { try SASLprep.prepare("\u{0007}") }
    }

    @Test("RFC 4013 §3 example 7: the bidirectional check")
    func bidirectionalExample() {
        #expect(throws: SASLError.bidirectionalRuleViolated) { try SASLprep.prepare("\u{0627}\u{0031}") }
    }

    @Test("right-to-left strings that start and end right-to-left pass")
    func rightToLeftString() throws {
        let hebrew = "\u{05E9}\u{05DC}\u{05D5}\u{05DD}"
        #expect(try SASLprep.prepare(hebrew) == hebrew)
        // Digits (EN) in the middle are allowed; a Latin letter (L) is not.
        #expect(try SASLprep.prepare("\u{0627}1\u{0628}") == "\u{0627}1\u{0628}")
        #expect(throws: SASLError.bidirectionalRuleViolated) { try SASLprep.prepare("\u{0627}a\u{0628}") }
    }

    @Test("non-ASCII spaces map to SPACE and the B.1 characters vanish")
    func mapping() throws {
        #expect(try SASLprep.prepare("a\u{00A0}b\u{3000}c\u{2003}d") == "a b c d")
        #expect(try SASLprep.prepare("a\u{200D}b\u{FEFF}c\u{FE0F}") == "abc")
    }

    @Test("each prohibited table is enforced", arguments: [
        ("a\u{0000}", StringprepTable.asciiControl),
        ("a\u{007F}", .asciiControl),
        ("a\u{0085}", .nonASCIIControl),
        ("a\u{2028}", .nonASCIIControl),
        ("a\u{E000}", .privateUse),
        ("a\u{10FFFD}", .privateUse),
        ("a" + scalar(0xFDD0), .nonCharacter),
        ("a" + scalar(0xFFFE), .nonCharacter),
        ("a" + scalar(0x10FFFF), .nonCharacter),
        ("a\u{FFFD}", .inappropriateForPlainText),
        ("a\u{2FF0}", .inappropriateForCanonicalRepresentation),
        ("a\u{200E}", .changesDisplayProperties),
        ("a\u{202E}", .changesDisplayProperties),
        ("a\u{E0041}", .tagging),
    ])
    func prohibited(input: String, table: StringprepTable) {
        #expect(throws: SASLError.prohibitedCharacter(table)) { try SASLprep.prepare(input) }
    }

    @Test("unassigned code points pass in queries and fail in stored strings")
    func unassignedCodePoints() throws {
        let unassignedIn32 = "a\u{0378}"  // never assigned
        let assignedLater = "a\u{20B9}"  // INDIAN RUPEE SIGN, Unicode 6.0
        #expect(try SASLprep.prepare(unassignedIn32, mode: .query) == unassignedIn32)
        #expect(try SASLprep.prepare(assignedLater, mode: .query) == assignedLater)
        #expect(throws: SASLError.unassignedCodePoint) { try SASLprep.prepare(unassignedIn32, mode: .storedString) }
        #expect(throws: SASLError.unassignedCodePoint) { try SASLprep.prepare(assignedLater, mode: .storedString) }
        #expect(try SASLprep.prepare("\u{20AC}", mode: .storedString) == "\u{20AC}")
    }

    @Test("the empty string stays empty")
    func empty() throws {
        #expect(try SASLprep.prepare("") == "")
    }
}

/// A one-scalar string for code points Swift string literals refuse (non-characters).
func scalar(_ value: UInt32) -> String {
    Unicode.Scalar(value).map { String(Character($0)) } ?? ""
}
