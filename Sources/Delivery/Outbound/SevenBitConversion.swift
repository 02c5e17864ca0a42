import MailCore

/// Turns a message with 8-bit content into one a next hop without 8BITMIME can take
/// (RFC 6152 §3): every 8-bit or binary leaf part is re-encoded, text/* as quoted-printable
/// and everything else as base64 (RFC 2045 §6.7, §6.8). The result is a self-consistent
/// message, so it can be DKIM-signed as it is.
///
/// What is kept: every header field except the Content-Transfer-Encoding of re-encoded parts
/// (replaced, or added when absent); multipart boundaries, delimiter lines, preambles and
/// epilogues (8-bit octets in a preamble or epilogue, which RFC 2046 §5.1.1 says to ignore,
/// become `?`); parts that are already 7bit data (RFC 2045 §2.7), byte for byte.
public enum SevenBitConversion {
    /// The message with every 8-bit or binary leaf part re-encoded (text/* as quoted-printable, others as
    /// base64), or nil when it cannot be made 7-bit: the header section (top level or any part header)
    /// holds 8-bit octets (that needs SMTPUTF8, RFC 6531), or a message/* or multipart/* part declares an
    /// 8bit/binary Content-Transfer-Encoding whose content cannot be re-encoded as a whole (RFC 2045 §6.4:
    /// composite types may only use 7bit/8bit/binary; recurse into them instead and relabel them 7bit).
    ///
    /// A message without any 8-bit octet is returned unchanged. Composite parts declared 8bit or
    /// binary are relabelled 7bit, and so are leaves so declared whose body is already 7bit data.
    /// message/global and its relatives (RFC 6532 §3.7, RFC 6533 §6), which may be encoded as a
    /// whole, are base64-encoded when their content cannot be converted part by part. Nil as
    /// well when the structure is not sound enough to convert without corrupting the message
    /// (parts beyond the parser's limits, a multipart without a boundary holding 8-bit octets,
    /// an unknown transfer encoding over 8-bit octets).
    ///
    /// Input: a whole RFC 5322 message with CRLF line ends, trace fields included.
    public static func convert(_ message: [UInt8]) -> [UInt8]? {
        guard SevenBitData.containsEightBit(message[...]) else { return message }
        let limits = MessageParserLimits()
        let structure = MessageParser(limits: limits).parse(message, extractingSearchText: false).structure
        // The parser stops recording parts at the limit; the bytes of the parts it skipped
        // could not be told from a preamble.
        guard let root = structure.parts.first, structure.parts.count < limits.maximumParts else { return nil }
        var writer = SevenBitTreeWriter(message: message, structure: structure, maximumDepth: limits.maximumMIMEDepth)
        guard root.headerRange.lowerBound >= 0, root.bodyRange.upperBound <= message.count else { return nil }
        writer.copyIgnorable(0..<root.headerRange.lowerBound)
        guard writer.write(partAt: 0, depth: 0) else { return nil }
        writer.copyIgnorable(root.bodyRange.upperBound..<message.count)
        let output = writer.output
        // Never hand on a message that is still 8-bit.
        guard !SevenBitData.containsEightBit(output[...]) else { return nil }
        return output
    }
}
