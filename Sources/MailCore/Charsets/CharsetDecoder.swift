/// Converts text in a declared charset to UTF-8. Never fails: what cannot be converted
/// exactly is converted lossily and reported in the result.
public enum CharsetDecoder {
    /// Decodes `bytes` that a part or encoded word declares to be in the charset `name`.
    /// An unknown or absent charset is read as UTF-8 when the bytes are valid UTF-8,
    /// and as Windows-1252 otherwise.
    public static func decode(_ bytes: some Collection<UInt8>, charsetNamed name: String?) -> DecodedText {
        var output = [UInt8]()
        let status = appendUTF8(ArraySlice(bytes), charsetNamed: name, to: &output)
        return DecodedText(text: String(decoding: output, as: UTF8.self), status: status)
    }

    /// Decodes `bytes` in a known charset.
    public static func decode(_ bytes: some Collection<UInt8>, charset: Charset) -> DecodedText {
        var output = [UInt8]()
        let exact = appendUTF8(ArraySlice(bytes), from: charset, to: &output)
        return DecodedText(text: String(decoding: output, as: UTF8.self), status: exact ? .exact : .invalidBytes)
    }

    /// Appends the UTF-8 form of `bytes` to `output`; see `decode(_:charsetNamed:)`.
    static func appendUTF8(_ bytes: ArraySlice<UInt8>, charsetNamed name: String?, to output: inout [UInt8]) -> CharsetDecodingStatus {
        guard let name, !name.isEmpty else {
            return appendLenient(bytes, to: &output) ? .exact : .invalidBytes
        }
        guard let charset = Charset(named: name) else {
            _ = appendLenient(bytes, to: &output)
            return .unknownCharset(name)
        }
        return appendUTF8(bytes, from: charset, to: &output) ? .exact : .invalidBytes
    }

    /// Appends the UTF-8 form of `bytes` in `charset`; returns false if some bytes were not valid in it.
    static func appendUTF8(_ bytes: ArraySlice<UInt8>, from charset: Charset, to output: inout [UInt8]) -> Bool {
        switch charset {
        case .utf8:
            if UTF8Validation.isValid(bytes) {
                output.append(contentsOf: bytes)
                return true
            }
            output.appendUTF8(of: String(decoding: bytes, as: UTF8.self))
            return false
        case .usASCII:
            // Mail labelled US-ASCII often carries 8-bit text anyway: read it leniently.
            return appendLenient(bytes, to: &output)
        case .singleByte(let single):
            appendSingleByte(bytes, table: single.upperHalf, to: &output)
            return true
        case .multiByte(let multi):
            return MultiByteCharsetDecoder.appendUTF8(bytes, from: multi, to: &output)
        }
    }

    /// UTF-8 when the bytes are valid UTF-8, Windows-1252 otherwise (RFC 6532 text or legacy 8-bit).
    /// Returns false when the bytes were not UTF-8.
    static func appendLenient(_ bytes: ArraySlice<UInt8>, to output: inout [UInt8]) -> Bool {
        if UTF8Validation.isValid(bytes) {
            output.append(contentsOf: bytes)
            return true
        }
        appendSingleByte(bytes, table: SingleByteCharsetTables.windows1252, to: &output)
        return false
    }

    /// Converts bytes through a table of the upper half (the lower half is US-ASCII).
    static func appendSingleByte(_ bytes: ArraySlice<UInt8>, table: [UInt16], to output: inout [UInt8]) {
        output.reserveCapacity(output.count + bytes.count + bytes.count / 2)
        table.withUnsafeBufferPointer { upperHalf in
            for byte in bytes {
                if byte < 0x80 {
                    output.append(byte)
                } else {
                    output.appendUTF8(scalar: UInt32(upperHalf[Int(byte & 0x7F)]))
                }
            }
        }
    }

    /// Lossy text for header bytes: UTF-8 if valid (RFC 6532), else Windows-1252.
    static func lenientString(_ bytes: ArraySlice<UInt8>) -> (text: String, wasUTF8: Bool) {
        if UTF8Validation.isValid(bytes) {
            return (String(decoding: bytes, as: UTF8.self), true)
        }
        var output = [UInt8]()
        appendSingleByte(bytes, table: SingleByteCharsetTables.windows1252, to: &output)
        return (String(decoding: output, as: UTF8.self), false)
    }
}

/// Text converted from a declared charset, and how exact the conversion was.
public struct DecodedText: Sendable, Equatable {
    public var text: String
    public var status: CharsetDecodingStatus
}

/// How exactly bytes were converted to text.
public enum CharsetDecodingStatus: Sendable, Equatable {
    /// Every byte was valid in the charset.
    case exact
    /// Some bytes were not valid in the charset; they were replaced or read as Windows-1252.
    case invalidBytes
    /// The charset is not known; the bytes were read as UTF-8 if valid, else as Windows-1252.
    case unknownCharset(String)
}
