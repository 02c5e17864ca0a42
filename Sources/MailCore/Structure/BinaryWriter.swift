#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the compact binary form of cached structures: LEB128 varints and strings that
/// are either an index into a fixed table of common words or length-prefixed UTF-8.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func varint(_ value: Int) {
        var remaining = UInt64(truncatingIfNeeded: Swift.max(value, 0))
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }

    mutating func string(_ value: String) {
        if let index = CommonWords.index(of: value) {
            varint(index << 1 | 1)
            return
        }
        varint(value.utf8.count << 1)
        bytes.appendUTF8(of: value)
    }

    mutating func range(_ value: Range<Int>) {
        varint(value.lowerBound)
        varint(value.count)
    }
}

/// Reads what `BinaryWriter` wrote, checking every length and value; throws on anything
/// truncated or inconsistent and never reads out of bounds.
struct BinaryReader {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - index }
    var isAtEnd: Bool { index >= bytes.count }

    mutating func byte() throws(MessageStructureDecodingError) -> UInt8 {
        guard index < bytes.count else { throw .truncated }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func varint() throws(MessageStructureDecodingError) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 63 else { throw .malformed("number too large") }
            value |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { break }
            shift += 7
        }
        guard value <= UInt64(Int.max) else { throw .malformed("number too large") }
        return Int(value)
    }

    /// A count of items that each take at least one byte.
    mutating func count() throws(MessageStructureDecodingError) -> Int {
        let value = try varint()
        guard value <= remaining else { throw .truncated }
        return value
    }

    mutating func string() throws(MessageStructureDecodingError) -> String {
        let header = try varint()
        if header & 1 == 1 {
            let wordIndex = header >> 1
            guard wordIndex < CommonWords.words.count else { throw .malformed("unknown word index \(wordIndex)") }
            return CommonWords.words[wordIndex]
        }
        let length = header >> 1
        guard length <= remaining else { throw .truncated }
        let slice = bytes[index..<(index + length)]
        guard UTF8Validation.isValid(slice) else { throw .malformed("string is not UTF-8") }
        index += length
        return String(decoding: slice, as: UTF8.self)
    }

    mutating func range(within size: Int) throws(MessageStructureDecodingError) -> Range<Int> {
        let lower = try varint()
        let length = try varint()
        guard lower <= size, length <= size - lower else { throw .malformed("byte range outside the message") }
        return lower..<(lower + length)
    }
}

/// Strings common in structures, written as their index. Append only: the encoded form
/// of stored structures depends on the order.
enum CommonWords {
    static let words: [String] = [
        "", "text", "plain", "html", "charset", "us-ascii", "utf-8", "UTF-8", "7bit", "8bit", "base64",
        "quoted-printable", "binary", "multipart", "mixed", "alternative", "related", "boundary", "application",
        "octet-stream", "image", "message", "rfc822", "global", "inline", "attachment", "filename", "name",
        "iso-8859-1", "ISO-8859-1", "windows-1252", "format", "flowed", "delsp", "yes", "pdf", "jpeg", "png",
        "gif", "signed", "report", "delivery-status", "calendar", "method", "type", "protocol", "micalg",
        "pgp-signature", "pkcs7-signature", "x-pkcs7-signature", "digest", "size", "creation-date",
        "modification-date", "MISSING_DOMAIN", "MISSING_MAILBOX", "en", "en-US", "reply-type", "original",
        "filename*", "name*", "zip", "msword", "vnd.openxmlformats-officedocument.wordprocessingml.document",
        "ms-tnef", "rfc822-headers", "disposition-notification", "enriched", "csv", "xml", "json",
        "x-zip-compressed", "ics", "REQUEST", "vcard", "svg+xml", "webp", "audio", "video",
    ]

    /// The words by UTF-8 length, with their index (no hashing: lookups happen per string written).
    private static let wordsByLength: [[(index: Int, bytes: [UInt8])]] = {
        let longest = words.map(\.utf8.count).max() ?? 0
        var table = [[(index: Int, bytes: [UInt8])]](repeating: [], count: longest + 1)
        for (index, word) in words.enumerated() where !table[word.utf8.count].contains(where: { $0.bytes.elementsEqual(word.utf8) }) {
            table[word.utf8.count].append((index, Array(word.utf8)))
        }
        return table
    }()

    static func index(of value: String) -> Int? {
        let count = value.utf8.count
        guard count < wordsByLength.count else { return nil }
        let candidates = wordsByLength[count]
        guard !candidates.isEmpty else { return nil }
        var value = value
        return value.withUTF8 { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            for candidate in candidates {
                let equal = candidate.bytes.withUnsafeBufferPointer { word in
                    word.baseAddress.map { memcmp($0, base, count) == 0 } ?? false
                }
                if equal { return candidate.index }
            }
            return nil
        }
    }
}
