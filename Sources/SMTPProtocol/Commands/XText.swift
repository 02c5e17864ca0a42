/// The xtext encoding of ESMTP parameter values (RFC 3461 §4): printable ASCII except `+` and
/// `=` stands for itself, `+XX` for the octet with hexadecimal value XX.
enum XText {
    /// Decodes `bytes`, or returns `nil` if they are not xtext. With `allowingUTF8`, octets of
    /// 128 and above pass through as they are (RFC 6533 `utf-8-addr-unitext`).
    static func decode(_ bytes: ArraySlice<UInt8>, allowingUTF8: Bool = false) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                guard index + 2 < bytes.endIndex,
                    let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                else { return nil }
                output.append(high << 4 | low)
                index += 3
            } else if (33...126).contains(byte), byte != UInt8(ascii: "=") {
                output.append(byte)
                index += 1
            } else if allowingUTF8, byte >= 0x80 {
                output.append(byte)
                index += 1
            } else {
                return nil
            }
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
