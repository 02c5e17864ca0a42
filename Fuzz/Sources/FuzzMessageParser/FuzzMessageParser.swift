import FuzzSupport
import IMAPProtocol
import MailCore

/// libFuzzer's entry point: a hostile message, as delivered over SMTP or APPEND.
///
/// The payload is parsed (RFC 5322 header, MIME tree, RFC 2047/2231, addresses, dates,
/// search text), every part's body is decoded, every section an IMAP client can name is
/// located, and ENVELOPE, BODY and BODYSTRUCTURE are written as FETCH would. Checked: byte
/// ranges stay inside the message, and the stored form of the structure reads back equal.
/// The payload is also given as is to the structure decoder (a corrupt store record) and to
/// the header-level decoders. Option bits: 0 tight parser limits, 1 no search text,
/// 2 UTF8=ACCEPT responses, 5–7 the charset tried on the raw payload.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let message = input.payload
    var limits = MessageParserLimits()
    if input.flag(0) {
        limits.maximumHeaderFields = 8
        limits.maximumMIMEDepth = 3
        limits.maximumParts = 16
        limits.maximumAddressesPerField = 4
        limits.maximumSearchableBodyBytes = 256
        limits.maximumDefects = 4
    }
    let parsed = MessageParser(limits: limits).parse(message, extractingSearchText: !input.flag(1))
    for field in parsed.header.fields {
        _ = parsed.header.decodedValue(of: field)
    }
    checkStructure(parsed.structure, of: message)
    writeFetchResponse(parsed.structure, utf8Enabled: input.flag(2))
    _ = try? MessageStructure(decoding: message)
    decodeLoosely(message, charset: Int(input.options >> 5))
    return 0
}

/// Checks the ranges of every part and section, decodes every body, and round-trips the
/// structure's stored form.
private func checkStructure(_ structure: MessageStructure, of message: [UInt8]) {
    precondition(structure.size == message.count, "the structure's size is not the message's")
    let bounds = 0...message.count
    for (index, part) in structure.parts.enumerated() {
        precondition(bounds.contains(part.headerRange.lowerBound) && bounds.contains(part.headerRange.upperBound),
                     "part \(index): header range \(part.headerRange) outside the message")
        precondition(bounds.contains(part.bodyRange.lowerBound) && bounds.contains(part.bodyRange.upperBound),
                     "part \(index): body range \(part.bodyRange) outside the message")
        for child in structure.children(of: index) {
            precondition(structure.parts.indices.contains(child), "part \(index): child \(child) does not exist")
        }
        _ = part.decodedBody(in: message)
        _ = part.decodedText(in: message)
    }
    for path in sectionPaths(depth: 3, width: 3) {
        for text in [SectionText.body, .header, .text, .mime] {
            if let range = structure.byteRange(forSection: path, text) {
                precondition(bounds.contains(range.lowerBound) && bounds.contains(range.upperBound),
                             "section \(path) \(text): \(range) outside the message")
            }
        }
    }
    let stored = structure.encoded()
    let decoded = try? MessageStructure(decoding: stored)
    precondition(decoded == structure, "the stored structure does not read back equal")
}

/// Every section part number of up to `depth` levels with numbers up to `width`: [], [1], [1, 1]...
private func sectionPaths(depth: Int, width: Int) -> [[Int]] {
    var paths: [[Int]] = [[]]
    var level: [[Int]] = [[]]
    for _ in 0..<depth {
        level = level.flatMap { path in (1...width).map { path + [$0] } }
        paths += level
    }
    return paths
}

/// Writes the FETCH response items a client asks for most.
private func writeFetchResponse(_ structure: MessageStructure, utf8Enabled: Bool) {
    var writer = ResponseWriter(options: ResponseWriterOptions(utf8Enabled: utf8Enabled))
    writer.beginFetch(sequenceNumber: 1)
    writer.writeFetchItem(.envelope(structure.envelope))
    writer.writeFetchItem(.body(structure))
    writer.writeFetchItem(.bodyStructure(structure))
    writer.writeFetchItem(.preview(structure.preview))
    writer.endFetch()
    _ = writer.takeBytes()
}

/// Charsets tried on the raw payload, one per input (option bits 5–7).
private let charsets = ["utf-8", "iso-8859-1", "windows-1252", "iso-2022-jp", "shift_jis", "euc-kr", "gb18030", "utf-16"]

/// The payload given straight to the decoders a header value or a body goes through.
private func decodeLoosely(_ bytes: [UInt8], charset: Int) {
    _ = Base64.decode(bytes)
    _ = QuotedPrintable.decode(bytes)
    _ = CharsetDecoder.decode(bytes, charsetNamed: charsets[charset % charsets.count])
    let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
    _ = EncodedWordDecoder.decode(text)
    _ = AddressListParser.parse(text)
    _ = MessageDate(parsing: text)
}
