/// RFC 2231 parameter value continuations and character set tagging.
enum RFC2231 {
    /// The most continuation segments of one parameter that are joined.
    static let maximumSegments = 1000

    private struct Segment {
        var number: Int
        var isExtended: Bool
        var value: [UInt8]
    }

    /// Joins `name*0`, `name*1*`, ... (in any order, §3) into one parameter; keeps the
    /// first of duplicate names. An extended result is named `name*` and keeps the
    /// `charset'language'` prefix with percent-encoded bytes (§4).
    static func join(_ raw: [MIMEParameterParser.RawParameter], defects: inout DefectLog) -> MIMEParameters {
        // The common case: a few parameters, none continued.
        if raw.count <= 8 && !raw.contains(where: { $0.name.utf8.contains(ASCII.asterisk) }) {
            var output = [MIMEParameter]()
            output.reserveCapacity(raw.count)
            for parameter in raw {
                if output.contains(where: { $0.name == parameter.name }) {
                    defects.record(.duplicateParameter(DefectText.excerpt(parameter.name)))
                } else {
                    output.append(MIMEParameter(name: parameter.name, value: CharsetDecoder.lenientString(parameter.value[...]).text))
                }
            }
            return MIMEParameters(output)
        }
        /// A parameter in output order: complete, or the place of a continued one.
        enum Entry {
            case complete(name: String, value: [UInt8])
            case continued(base: String)
        }
        var entries = [Entry]()
        var segmentsByName = [String: [Segment]]()
        for parameter in raw {
            let utf8 = Array(parameter.name.utf8)
            guard let star = utf8.firstIndex(of: ASCII.asterisk) else {
                entries.append(.complete(name: parameter.name, value: parameter.value))
                continue
            }
            let base = String(decoding: utf8[..<star], as: UTF8.self)
            let suffix = utf8[(star + 1)...]
            if suffix.isEmpty {
                // name*=charset'lang'value: already in IMAP form.
                entries.append(.complete(name: base + "*", value: parameter.value))
                continue
            }
            var digits = suffix[...]
            var isExtended = false
            if digits.last == ASCII.asterisk {
                isExtended = true
                digits = digits.dropLast()
            }
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(ASCII.isDigit),
                  !(digits.count > 1 && digits.first == UInt8(ascii: "0")) else {
                defects.record(.malformedParameter(DefectText.excerpt(parameter.name)))
                continue
            }
            let number = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
            if segmentsByName[base] == nil { entries.append(.continued(base: base)) }
            if (segmentsByName[base]?.count ?? 0) < maximumSegments {
                segmentsByName[base, default: []].append(Segment(number: number, isExtended: isExtended, value: parameter.value))
            }
        }
        var output = [MIMEParameter]()
        var seenNames = Set<String>()
        for entry in entries {
            let name: String
            let value: [UInt8]
            switch entry {
            case .complete(let completeName, let completeValue):
                name = completeName
                value = completeValue
            case .continued(let base):
                (name, value) = joinSegments(base: base, segmentsByName[base] ?? [], defects: &defects)
            }
            guard seenNames.insert(name).inserted else {
                defects.record(.duplicateParameter(DefectText.excerpt(name)))
                continue
            }
            output.append(MIMEParameter(name: name, value: CharsetDecoder.lenientString(value[...]).text))
        }
        return MIMEParameters(output)
    }

    /// Joins the segments of one parameter in number order, stopping at a gap.
    private static func joinSegments(base: String, _ unsorted: [Segment], defects: inout DefectLog) -> (String, [UInt8]) {
        let segments = unsorted.sorted { $0.number < $1.number }
        var used = [Segment]()
        for segment in segments {
            if segment.number < used.count {
                defects.record(.duplicateParameter(DefectText.excerpt(base)))
                continue
            }
            if segment.number != used.count {
                defects.record(.malformedParameter(DefectText.excerpt(base)))
                break
            }
            used.append(segment)
        }
        let anyExtended = used.contains { $0.isExtended }
        var joined = [UInt8]()
        for segment in used {
            if anyExtended && !segment.isExtended {
                if segment.number == 0 { joined.append(contentsOf: "''".utf8) }
                percentEncode(segment.value, into: &joined)
            } else {
                joined.append(contentsOf: segment.value)
            }
        }
        return (anyExtended ? base + "*" : base, joined)
    }

    /// Decodes `charset'language'%XX...` to text. Without the two apostrophes the
    /// whole value is taken as percent-encoded UTF-8 (or Windows-1252).
    static func decodeExtendedValue(_ value: ArraySlice<UInt8>) -> String {
        var charset: String? = nil
        var encoded = value
        if let first = value.firstIndex(of: ASCII.apostrophe),
           let second = value[(first + 1)...].firstIndex(of: ASCII.apostrophe) {
            charset = String(decoding: value[..<first], as: UTF8.self)
            encoded = value[(second + 1)...]
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(encoded.count)
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let byte = encoded[index]
            if byte == ASCII.percent, let decoded = ASCII.escapedByte(encoded, at: index) {
                bytes.append(decoded)
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        return CharsetDecoder.decode(bytes, charsetNamed: charset).text
    }

    /// §7 `attribute-char`: printable ASCII except space, "*", "'", "%" and tspecials.
    static func isAttributeCharacter(_ byte: UInt8) -> Bool {
        byte < 128 && ASCII.isTokenCharacter(byte) && byte != ASCII.asterisk
            && byte != ASCII.apostrophe && byte != ASCII.percent
    }

    static func percentEncode(_ bytes: [UInt8], into output: inout [UInt8]) {
        for byte in bytes {
            if isAttributeCharacter(byte) {
                output.append(byte)
            } else {
                output.append(ASCII.percent)
                output.append(QuotedPrintable.hexDigits[Int(byte >> 4)])
                output.append(QuotedPrintable.hexDigits[Int(byte & 0x0F)])
            }
        }
    }

    /// Formats a parameter for a header Martlet writes: a token as is, other ASCII quoted,
    /// non-ASCII as `name*=utf-8''%XX` (split into `name*0*`, `name*1*`... when long).
    static func format(name: String, value: String) -> String {
        let bytes = Array(value.utf8)
        if !bytes.isEmpty && bytes.allSatisfy({ $0 < 128 && ASCII.isTokenCharacter($0) }) {
            return "\(name)=\(value)"
        }
        if bytes.allSatisfy({ $0 >= 32 && $0 < 127 }) && bytes.count < 900 {
            var quoted = "\""
            for character in value {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            return "\(name)=\(quoted)\""
        }
        var encoded = Array("utf-8''".utf8)
        percentEncode(bytes, into: &encoded)
        let segmentLength = 60
        if encoded.count <= segmentLength {
            return "\(name)*=\(String(decoding: encoded, as: UTF8.self))"
        }
        var segments = [String]()
        var start = 0
        while start < encoded.count {
            var end = Swift.min(start + segmentLength, encoded.count)
            // Do not split a %XX escape.
            if end < encoded.count, end - 1 >= start, encoded[end - 1] == ASCII.percent { end -= 1 }
            if end < encoded.count, end - 2 >= start, encoded[end - 2] == ASCII.percent { end -= 2 }
            segments.append("\(name)*\(segments.count)*=\(String(decoding: encoded[start..<end], as: UTF8.self))")
            start = end
        }
        return segments.joined(separator: ";\r\n ")
    }
}
