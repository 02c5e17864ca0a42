#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Quoted-printable (RFC 2045 §6.7): a lenient decoder and an encoder.
public enum QuotedPrintable {
    /// Decodes quoted-printable. Soft line breaks (`=` at the end of a line, even with
    /// trailing spaces) are removed, trailing whitespace of lines is dropped (§6.7 rule 3),
    /// lower-case hex digits are accepted, and a bad escape is kept literally and reported.
    /// Hard line breaks keep their form (CRLF or LF).
    public static func decode(_ encoded: some Collection<UInt8>) -> TransferDecodingResult {
        var output = [UInt8]()
        let clean = decode(ArraySlice(encoded), appendingTo: &output)
        return TransferDecodingResult(bytes: output, hadInvalidInput: !clean)
    }

    static func decode(_ encoded: ArraySlice<UInt8>, appendingTo output: inout [UInt8]) -> Bool {
        output.reserveCapacity(output.count + encoded.count)
        return encoded.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var clean = true
            var lineStart = 0
            let end = buffer.count
            while lineStart < end {
                let lineFeed = memchr(base + lineStart, Int32(ASCII.lineFeed), end - lineStart)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
                var contentEnd = lineFeed ?? end
                let hasCarriageReturn = contentEnd > lineStart && base[contentEnd - 1] == ASCII.carriageReturn && lineFeed != nil
                if hasCarriageReturn { contentEnd -= 1 }
                while contentEnd > lineStart && ASCII.isWhitespace(base[contentEnd - 1]) { contentEnd -= 1 }
                var softBreak = false
                if contentEnd > lineStart && base[contentEnd - 1] == ASCII.equals {
                    softBreak = true
                    contentEnd -= 1
                }
                var index = lineStart
                while index < contentEnd {
                    // The text up to the next "=" is copied as it is.
                    let equals = memchr(base + index, Int32(ASCII.equals), contentEnd - index)
                        .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? contentEnd
                    if equals > index { output.append(contentsOf: UnsafeBufferPointer(start: base + index, count: equals - index)) }
                    index = equals
                    guard index < contentEnd else { break }
                    if index + 2 < contentEnd, let high = ASCII.hexValue(base[index + 1]), let low = ASCII.hexValue(base[index + 2]) {
                        output.append(high << 4 | low)
                        index += 3
                        continue
                    }
                    clean = false
                    output.append(ASCII.equals)
                    index += 1
                }
                guard let lineFeed else { break }
                if !softBreak {
                    if hasCarriageReturn { output.append(ASCII.carriageReturn) }
                    output.append(ASCII.lineFeed)
                }
                lineStart = lineFeed + 1
            }
            return clean
        }
    }

    /// Encodes bytes as quoted-printable with lines of at most 76 characters.
    /// As text, CRLF and LF become CRLF hard line breaks; otherwise CR and LF are encoded too.
    public static func encode(_ bytes: some Collection<UInt8>, isText: Bool = true) -> [UInt8] {
        let input = Array(bytes)
        var output = [UInt8]()
        output.reserveCapacity(input.count + input.count / 8)
        var column = 0
        var index = 0
        func softBreak() {
            output.append(ASCII.equals)
            output.append(ASCII.carriageReturn)
            output.append(ASCII.lineFeed)
            column = 0
        }
        while index < input.count {
            let byte = input[index]
            if isText && (byte == ASCII.lineFeed || (byte == ASCII.carriageReturn && index + 1 < input.count && input[index + 1] == ASCII.lineFeed)) {
                output.append(ASCII.carriageReturn)
                output.append(ASCII.lineFeed)
                column = 0
                index += byte == ASCII.carriageReturn ? 2 : 1
                continue
            }
            let atLineEnd = index + 1 == input.count
                || (isText && (input[index + 1] == ASCII.lineFeed || input[index + 1] == ASCII.carriageReturn))
            let literal = (byte >= 33 && byte <= 126 && byte != ASCII.equals)
                || (ASCII.isWhitespace(byte) && !atLineEnd)
            let width = literal ? 1 : 3
            // Leave room for the "=" of a soft break.
            if column + width > 75 { softBreak() }
            if literal {
                output.append(byte)
            } else {
                output.append(ASCII.equals)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
            column += width
            index += 1
        }
        return output
    }

    static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
