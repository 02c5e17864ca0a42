/// Writes the compact binary form of cached structures: LEB128 varints and strings that
/// are either an index into a fixed table of common words or length-prefixed UTF-8.
///
/// It writes into memory it owns (so a byte costs a store, not an array append) and hands
/// the bytes over as an array in `finish()`; being noncopyable, it frees that memory exactly once.
struct BinaryWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 64)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written.
    consuming func finish() -> [UInt8] {
        [UInt8](UnsafeBufferPointer(start: base, count: count))
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if extra > capacity - count { grow(extra) }
    }

    private mutating func grow(_ extra: Int) {
        let newCapacity = Swift.max(capacity * 2, count + extra)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func byte(_ value: UInt8) {
        reserve(1)
        base[count] = value
        count += 1
    }

    @inline(__always)
    mutating func varint(_ value: Int) {
        reserve(10)
        var remaining = UInt64(truncatingIfNeeded: Swift.max(value, 0))
        while remaining >= 0x80 {
            base[count] = UInt8(truncatingIfNeeded: remaining) | 0x80
            count += 1
            remaining >>= 7
        }
        base[count] = UInt8(truncatingIfNeeded: remaining)
        count += 1
    }

    mutating func string(_ value: String) {
        let written: Void? = value.utf8.withContiguousStorageIfAvailable { string($0) }
        if written == nil {
            var copy = value
            copy.withUTF8 { string($0) }
        }
    }

    private mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        if let index = CommonWords.index(of: utf8) {
            varint(index << 1 | 1)
            return
        }
        varint(utf8.count << 1)
        guard let source = utf8.baseAddress, !utf8.isEmpty else { return }
        reserve(utf8.count)
        (base + count).update(from: source, count: utf8.count)
        count += utf8.count
    }

    @inline(__always)
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
        let start = index
        let text = bytes.withUnsafeBufferPointer { buffer -> String? in
            let utf8 = UnsafeBufferPointer(rebasing: buffer[start..<(start + length)])
            return UTF8Validation.isValid(utf8) ? String(decoding: utf8, as: UTF8.self) : nil
        }
        guard let text else { throw .malformed("string is not UTF-8") }
        index += length
        return text
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

    /// The index of the common word whose UTF-8 bytes these are, or nil: a switch on the
    /// length, then on the bytes packed into integers (little-endian, first byte lowest).
    /// `words` lists the same words; a test checks that the two agree.
    static func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        if count == 0 { return 0 }
        guard let base = bytes.baseAddress else { return nil }
        guard count <= 16 else { return longWordIndex(bytes) }
        let raw = UnsafeRawPointer(base)
        let low = count >= 8 ? UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) : packed(raw, count)
        let high = count > 8 ? packed(raw + 8, count - 8) : 0
        switch count {
        case 2:
            switch low {
            case 0x6E65: return 56  // en
            default: return nil
            }
        case 3:
            switch low {
            case 0x736579: return 34  // yes
            case 0x666470: return 35  // pdf
            case 0x676E70: return 37  // png
            case 0x666967: return 38  // gif
            case 0x70697A: return 62  // zip
            case 0x767363: return 69  // csv
            case 0x6C6D78: return 70  // xml
            case 0x736369: return 73  // ics
            default: return nil
            }
        case 4:
            switch low {
            case 0x74786574: return 1  // text
            case 0x6C6D7468: return 3  // html
            case 0x74696237: return 8  // 7bit
            case 0x74696238: return 9  // 8bit
            case 0x656D616E: return 27  // name
            case 0x6765706A: return 36  // jpeg
            case 0x65707974: return 44  // type
            case 0x657A6973: return 51  // size
            case 0x6E6F736A: return 71  // json
            case 0x70626577: return 77  // webp
            default: return nil
            }
        case 5:
            switch low {
            case 0x6E69616C70: return 2  // plain
            case 0x382D667475: return 6  // utf-8
            case 0x382D465455: return 7  // UTF-8
            case 0x646578696D: return 14  // mixed
            case 0x6567616D69: return 20  // image
            case 0x70736C6564: return 33  // delsp
            case 0x53552D6E65: return 57  // en-US
            case 0x2A656D616E: return 61  // name*
            case 0x6472616376: return 75  // vcard
            case 0x6F69647561: return 78  // audio
            case 0x6F65646976: return 79  // video
            default: return nil
            }
        case 6:
            switch low {
            case 0x343665736162: return 10  // base64
            case 0x7972616E6962: return 12  // binary
            case 0x323238636672: return 22  // rfc822
            case 0x6C61626F6C67: return 23  // global
            case 0x656E696C6E69: return 24  // inline
            case 0x74616D726F66: return 31  // format
            case 0x6465776F6C66: return 32  // flowed
            case 0x64656E676973: return 39  // signed
            case 0x74726F706572: return 40  // report
            case 0x646F6874656D: return 43  // method
            case 0x676C6163696D: return 46  // micalg
            case 0x747365676964: return 50  // digest
            case 0x64726F77736D: return 63  // msword
            default: return nil
            }
        case 7:
            switch low {
            case 0x74657372616863: return 4  // charset
            case 0x646574616C6572: return 16  // related
            case 0x6567617373656D: return 21  // message
            case 0x66656E742D736D: return 65  // ms-tnef
            case 0x54534555514552: return 74  // REQUEST
            case 0x6C6D782B677673: return 76  // svg+xml
            default: return nil
            }
        case 8:
            switch low {
            case 0x69696373612D7375: return 5  // us-ascii
            case 0x797261646E756F62: return 17  // boundary
            case 0x656D616E656C6966: return 26  // filename
            case 0x7261646E656C6163: return 42  // calendar
            case 0x6C6F636F746F7270: return 45  // protocol
            case 0x6C616E696769726F: return 59  // original
            case 0x6465686369726E65: return 68  // enriched
            default: return nil
            }
        case 9:
            switch (low, high) {
            case (0x72617069746C756D, 0x74): return 13  // multipart
            case (0x656D616E656C6966, 0x2A): return 60  // filename*
            default: return nil
            }
        case 10:
            switch (low, high) {
            case (0x656D686361747461, 0x746E): return 25  // attachment
            case (0x393538382D6F7369, 0x312D): return 28  // iso-8859-1
            case (0x393538382D4F5349, 0x312D): return 29  // ISO-8859-1
            case (0x79742D796C706572, 0x6570): return 58  // reply-type
            default: return nil
            }
        case 11:
            switch (low, high) {
            case (0x74616E7265746C61, 0x657669): return 15  // alternative
            case (0x746163696C707061, 0x6E6F69): return 18  // application
            default: return nil
            }
        case 12:
            switch (low, high) {
            case (0x74732D746574636F, 0x6D616572): return 19  // octet-stream
            case (0x2D73776F646E6977, 0x32353231): return 30  // windows-1252
            default: return nil
            }
        case 13:
            switch (low, high) {
            case (0x6E6769732D706770, 0x6572757461): return 47  // pgp-signature
            case (0x6E6F697461657263, 0x657461642D): return 52  // creation-date
            default: return nil
            }
        case 14:
            switch (low, high) {
            case (0x5F474E495353494D, 0x4E49414D4F44): return 54  // MISSING_DOMAIN
            case (0x682D323238636672, 0x737265646165): return 66  // rfc822-headers
            default: return nil
            }
        case 15:
            switch (low, high) {
            case (0x79726576696C6564, 0x7375746174732D): return 41  // delivery-status
            case (0x69732D3773636B70, 0x65727574616E67): return 48  // pkcs7-signature
            case (0x5F474E495353494D, 0x584F424C49414D): return 55  // MISSING_MAILBOX
            default: return nil
            }
        case 16:
            switch (low, high) {
            case (0x702D6465746F7571, 0x656C6261746E6972): return 11  // quoted-printable
            case (0x6F632D70697A2D78, 0x646573736572706D): return 72  // x-zip-compressed
            default: return nil
            }
        default: return nil
        }
    }

    /// Up to eight bytes as an integer, the first byte lowest.
    @inline(__always)
    private static func packed(_ bytes: UnsafeRawPointer, _ count: Int) -> UInt64 {
        if count >= 8 { return UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self)) }
        var value: UInt64 = 0
        var offset = 0
        if count & 4 != 0 {
            value = UInt64(UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self)))
            offset = 4
        }
        if count & 2 != 0 {
            value |= UInt64(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))) << (8 * UInt64(offset))
            offset += 2
        }
        if count & 1 != 0 { value |= UInt64(bytes.load(fromByteOffset: offset, as: UInt8.self)) << (8 * UInt64(offset)) }
        return value
    }

    /// The index of a common word longer than 16 bytes.
    private static func longWordIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        switch bytes.count {
        case 17:
            if bytes.elementsEqual("x-pkcs7-signature".utf8) { return 49 }
            if bytes.elementsEqual("modification-date".utf8) { return 53 }
            return nil
        case 24:
            if bytes.elementsEqual("disposition-notification".utf8) { return 67 }
            return nil
        case 59:
            if bytes.elementsEqual("vnd.openxmlformats-officedocument.wordprocessingml.document".utf8) { return 64 }
            return nil
        default: return nil
        }
    }
}
