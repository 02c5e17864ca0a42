import TestSupport
import Testing
@testable import MailCore

@Suite("MessageStructure binary form")
struct MessageStructureCodingTests {
    static let fixtures = ["nested-multipart", "nested-multipart-lf", "extension-fields-lf", "rfc2231-parameters",
                           "transfer-encodings", "charsets", "header-junk", "digest", "encoded-words", "html-only",
                           "missing-close-delimiter", "multipart-without-parts", "body-without-header", "header-without-body"]

    @Test(arguments: fixtures)
    func roundTrips(name: String) throws {
        let (_, message) = try Fixture.parse(name)
        let encoded = message.structure.encoded()
        let decoded = try MessageStructure(decoding: encoded)
        #expect(decoded == message.structure)
        #expect(decoded.encoded() == encoded)
    }

    @Test func isCompact() throws {
        let (bytes, message) = try Fixture.parse("nested-multipart")
        let encoded = message.structure.encoded()
        // Ten parts, two envelopes and a preview in well under half the message.
        #expect(encoded.count < bytes.count / 2)
    }

    @Test func garbageThrows() {
        #expect(throws: MessageStructureDecodingError.truncated) { try MessageStructure(decoding: []) }
        #expect(throws: MessageStructureDecodingError.notAStructure) { try MessageStructure(decoding: Array("hello".utf8)) }
        #expect(throws: MessageStructureDecodingError.unsupportedVersion(9)) { try MessageStructure(decoding: [MessageStructure.marker, 9]) }
        var generator = SeededGenerator(seed: 99)
        for length in 0..<500 {
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if length > 2 { bytes[0] = MessageStructure.marker; bytes[1] = MessageStructure.formatVersion }
            #expect(throws: MessageStructureDecodingError.self) { try MessageStructure(decoding: bytes) }
        }
    }

    @Test func everyTruncationThrows() throws {
        let (_, message) = try Fixture.parse("nested-multipart")
        let encoded = message.structure.encoded()
        for length in 0..<encoded.count {
            #expect(throws: MessageStructureDecodingError.self) { try MessageStructure(decoding: Array(encoded[..<length])) }
        }
        #expect(throws: MessageStructureDecodingError.malformed("trailing bytes")) { try MessageStructure(decoding: encoded + [0]) }
    }

    @Test func mutationsNeverCrash() throws {
        let (_, message) = try Fixture.parse("nested-multipart")
        let encoded = message.structure.encoded()
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<5_000 {
            var mutated = encoded
            for _ in 0..<(1 + Int(generator.next() % 3)) {
                mutated[Int(generator.next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
            if let decoded = try? MessageStructure(decoding: mutated) {
                // Whatever decodes is a consistent structure: it re-encodes and resolves sections.
                #expect((try? MessageStructure(decoding: decoded.encoded())) == decoded)
                _ = decoded.byteRange(forSection: [1, 1], .body)
            }
        }
    }

    @Test func inconsistentTreesThrow() throws {
        let (_, message) = try Fixture.parse("nested-multipart")
        var wrongChildren = message.structure
        wrongChildren.parts[2].childCount = 3
        #expect(throws: MessageStructureDecodingError.self) { try MessageStructure(decoding: wrongChildren.encoded()) }
        var leafWithChild = message.structure
        leafWithChild.parts[1].childCount = 1
        leafWithChild.parts[2].childCount = 1
        #expect(throws: MessageStructureDecodingError.self) { try MessageStructure(decoding: leafWithChild.encoded()) }
        var outOfRange = message.structure
        outOfRange.parts[3].bodyRange = 0..<(message.structure.size + 1)
        #expect(throws: MessageStructureDecodingError.malformed("byte range outside the message")) {
            try MessageStructure(decoding: outOfRange.encoded())
        }
    }

    @Test func minimalStructureForASize() throws {
        let structure = MessageStructure(size: 42)
        #expect(structure.root.bodyRange == 0..<42)
        #expect(try MessageStructure(decoding: structure.encoded()) == structure)
    }
}
