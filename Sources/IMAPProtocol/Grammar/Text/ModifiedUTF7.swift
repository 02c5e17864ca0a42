/// The modified UTF-7 of IMAP mailbox names (RFC 3501 §5.1.3), for clients that have not
/// enabled UTF-8 (RFC 6855, RFC 9051 §5.1): printable ASCII stands for itself, `&` is
/// written `&-`, and every other character is UTF-16 in a base64 run `&...-` whose alphabet
/// has `,` in place of `/`.
public enum ModifiedUTF7 {
    /// The modified UTF-7 form of `text`.
    public static func encode(_ text: String) -> String {
        var output = [UInt8]()
        output.reserveCapacity(text.utf8.count)
        var pending = [UInt16]()
        for scalar in text.unicodeScalars {
            if isPrintable(scalar.value) {
                flush(&pending, into: &output)
                output.append(UInt8(scalar.value))
                if scalar == "&" { output.append(minus) }
            } else {
                pending.append(contentsOf: Character(scalar).utf16)
            }
        }
        flush(&pending, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// The text that modified UTF-7 `bytes` spell. Throws on 8-bit or control bytes, an
    /// unterminated or malformed base64 run, printable ASCII hidden in a run, or UTF-16 that
    /// is not well formed.
    public static func decode(_ bytes: some Collection<UInt8>) throws(ModifiedUTF7Error) -> String {
        var output = ""
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            guard isPrintable(UInt32(byte)) else { throw .notPrintableASCII }
            guard byte == ampersand else {
                output.unicodeScalars.append(Unicode.Scalar(byte))
                continue
            }
            var units = [UInt16]()
            var accumulator: UInt32 = 0
            var bitCount = 0
            var sextets = 0
            var terminated = false
            while let next = iterator.next() {
                if next == minus {
                    terminated = true
                    break
                }
                guard let value = sextet(next) else { throw .invalidBase64 }
                sextets += 1
                accumulator = accumulator << 6 | UInt32(value)
                bitCount += 6
                if bitCount >= 16 {
                    bitCount -= 16
                    units.append(UInt16(truncatingIfNeeded: accumulator >> UInt32(bitCount)))
                    accumulator &= (1 << UInt32(bitCount)) - 1
                }
            }
            guard terminated else { throw .unterminatedRun }
            if sextets == 0 {
                output.append("&")
                continue
            }
            // Leftover bits must be fewer than six and zero (RFC 2152 §2 via RFC 3501 §5.1.3).
            guard bitCount < 6, accumulator == 0, !units.isEmpty else { throw .invalidBase64 }
            var decoder = UTF16.ForwardParser()
            var unitIterator = units.makeIterator()
            decoding: while true {
                switch decoder.parseScalar(from: &unitIterator) {
                case .valid(let encoded):
                    let scalar = UTF16.decode(encoded)
                    // Printable ASCII must stand for itself, never hide in a run.
                    guard !isPrintable(scalar.value) else { throw .needlesslyEncoded }
                    output.unicodeScalars.append(scalar)
                case .error:
                    throw .invalidUTF16
                case .emptyInput:
                    break decoding
                }
            }
        }
        return output
    }

    private static let ampersand: UInt8 = 0x26
    private static let minus: UInt8 = 0x2D
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    @inline(__always) private static func isPrintable(_ value: UInt32) -> Bool { value >= 0x20 && value <= 0x7E }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x41...0x5A: byte - 0x41
        case 0x61...0x7A: byte - 0x61 + 26
        case 0x30...0x39: byte - 0x30 + 52
        case 0x2B: 62
        case 0x2C: 63
        default: nil
        }
    }

    /// Writes pending UTF-16 units as one `&...-` run.
    private static func flush(_ units: inout [UInt16], into output: inout [UInt8]) {
        guard !units.isEmpty else { return }
        output.append(ampersand)
        var accumulator: UInt32 = 0
        var bitCount = 0
        for unit in units {
            accumulator = accumulator << 16 | UInt32(unit)
            bitCount += 16
            while bitCount >= 6 {
                bitCount -= 6
                output.append(alphabet[Int((accumulator >> UInt32(bitCount)) & 0x3F)])
            }
            accumulator &= (1 << UInt32(bitCount)) - 1
        }
        if bitCount > 0 { output.append(alphabet[Int((accumulator << UInt32(6 - bitCount)) & 0x3F)]) }
        output.append(minus)
        units.removeAll(keepingCapacity: true)
    }
}

/// Why bytes are not modified UTF-7.
public enum ModifiedUTF7Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// A byte outside printable ASCII (modified UTF-7 is 7-bit).
    case notPrintableASCII
    /// A `&` run that does not end with `-`.
    case unterminatedRun
    /// A character outside the base64 alphabet, or leftover bits.
    case invalidBase64
    /// Printable ASCII written inside a base64 run.
    case needlesslyEncoded
    /// UTF-16 that is not well formed (a lone surrogate).
    case invalidUTF16

    public var description: String {
        switch self {
        case .notPrintableASCII: "a modified UTF-7 name holds only printable ASCII"
        case .unterminatedRun: "a modified UTF-7 '&' run does not end with '-'"
        case .invalidBase64: "a modified UTF-7 run is not valid base64"
        case .needlesslyEncoded: "a modified UTF-7 run encodes printable ASCII"
        case .invalidUTF16: "a modified UTF-7 run is not valid UTF-16"
        }
    }
}
