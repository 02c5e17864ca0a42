import Foundation

/// Converts East Asian multi-byte charsets (and UTF-16) through Foundation's decoders,
/// which on this Linux toolchain cover Shift_JIS, ISO-2022-JP, GB18030, Big5 and EUC-KR.
enum MultiByteCharsetDecoder {
    static func appendUTF8(_ bytes: ArraySlice<UInt8>, from charset: MultiByteCharset, to output: inout [UInt8]) -> Bool {
        if charset == .eucJP {
            var shiftJIS = [UInt8]()
            let exact = EUCJapanese.appendShiftJIS(of: bytes, to: &shiftJIS)
            return appendUTF8(shiftJIS[...], from: .shiftJIS, to: &output) && exact
        }
        let encoding = foundationEncoding(charset)
        if let text = String(data: Data(bytes), encoding: encoding) {
            output.appendUTF8(of: text)
            return true
        }
        // Decode line by line so one bad sequence costs one line, not the whole text.
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let lineFeed = bytes[lineStart...].firstIndex(of: ASCII.lineFeed)
            let lineEnd = lineFeed.map { $0 + 1 } ?? bytes.endIndex
            let line = bytes[lineStart..<lineEnd]
            if let text = String(data: Data(line), encoding: encoding) {
                output.appendUTF8(of: text)
            } else {
                for byte in line {
                    if byte < 0x80 { output.append(byte) } else { output.appendUTF8(scalar: 0xFFFD) }
                }
            }
            lineStart = lineEnd
        }
        return false
    }

    /// Core Foundation encoding numbers (CFStringEncodingExt) as NSStringEncoding values.
    private static func foundationEncoding(_ charset: MultiByteCharset) -> String.Encoding {
        func coreFoundation(_ value: UInt) -> String.Encoding { String.Encoding(rawValue: 0x8000_0000 | value) }
        switch charset {
        case .shiftJIS, .eucJP: return coreFoundation(0x0A01)
        case .iso2022JP: return .iso2022JP
        case .gb18030: return coreFoundation(0x0632)
        case .big5: return coreFoundation(0x0A03)
        case .eucKR: return coreFoundation(0x0940)
        case .utf16: return .utf16
        case .utf16BigEndian: return .utf16BigEndian
        case .utf16LittleEndian: return .utf16LittleEndian
        }
    }
}

/// EUC-JP rewritten as Shift_JIS: both encode JIS X 0208, so the mapping is arithmetic.
enum EUCJapanese {
    /// Returns false when some sequence was not valid EUC-JP or had no Shift_JIS form
    /// (JIS X 0212); those become "?".
    static func appendShiftJIS(of bytes: ArraySlice<UInt8>, to output: inout [UInt8]) -> Bool {
        var exact = true
        var index = bytes.startIndex
        output.reserveCapacity(bytes.count)
        while index < bytes.endIndex {
            let lead = bytes[index]
            if lead < 0x80 {
                output.append(lead)
                index += 1
                continue
            }
            let next = index + 1 < bytes.endIndex ? bytes[index + 1] : 0
            if lead == 0x8E, next >= 0xA1, next <= 0xDF {
                output.append(next)           // half-width katakana
                index += 2
            } else if lead == 0x8F {
                output.append(UInt8(ascii: "?"))  // JIS X 0212: no Shift_JIS form
                exact = false
                index = Swift.min(index + 3, bytes.endIndex)
            } else if lead >= 0xA1, lead <= 0xFE, next >= 0xA1, next <= 0xFE {
                let row = Int(lead - 0x80)    // 0x21...0x7E
                let cell = Int(next - 0x80)
                var first = (row + 1) / 2 + 0x70
                if first >= 0xA0 { first += 0x40 }
                let second: Int
                if row % 2 == 1 {
                    second = cell + (cell >= 0x60 ? 0x20 : 0x1F)
                } else {
                    second = cell + 0x7E
                }
                output.append(UInt8(truncatingIfNeeded: first))
                output.append(UInt8(truncatingIfNeeded: second))
                index += 2
            } else {
                output.append(UInt8(ascii: "?"))
                exact = false
                index += 1
            }
        }
        return exact
    }
}
