extension SPFMacroString {
    /// What an expansion is for, which decides how an overlong result is bounded.
    enum ExpansionPurpose {
        /// A name to query: only the rightmost 253 characters survive (§7.3), so the start is dropped.
        case domain
        /// Text for people: the end is dropped.
        case explanation
    }

    /// The text with every macro replaced by its transformed value (§7.3).
    func expanded(in context: SPFMacroContext, for purpose: ExpansionPurpose) -> [UInt8] {
        var output: [UInt8] = []
        var value: [UInt8] = []
        for token in tokens {
            switch token {
            case .literal(let text), .escape(let text):
                output += text
            case .macro(let macro):
                value.removeAll(keepingCapacity: true)
                context.appendValue(of: macro.letter, to: &value)
                macro.appendTransformed(value, to: &output)
            }
            if output.count > 2 * SPFLimits.maximumExpansionLength {
                switch purpose {
                case .domain: output.removeFirst(output.count - SPFLimits.maximumExpansionLength)
                case .explanation: output.removeLast(output.count - SPFLimits.maximumExpansionLength); return output
                }
            }
        }
        return output
    }
}

extension SPFMacro {
    /// Splits `value` at the delimiters, reverses the parts if asked, keeps the rightmost
    /// ones if asked, joins them with "." and URL-escapes the result for an upper-case letter.
    func appendTransformed(_ value: [UInt8], to output: inout [UInt8]) {
        guard rightmostPartCount != nil || isReversed else {
            // Splitting and joining with "." is replacing each delimiter by ".".
            for byte in value { append(isDelimiter(byte) ? UInt8(ascii: ".") : byte, to: &output) }
            return
        }
        var parts: [Range<Int>] = []
        var start = 0
        for (index, byte) in value.enumerated() where isDelimiter(byte) {
            parts.append(start..<index)
            start = index + 1
        }
        parts.append(start..<value.count)
        if isReversed { parts.reverse() }
        let kept = parts.suffix(rightmostPartCount ?? parts.count)
        for (position, part) in kept.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ".")) }
            for byte in value[part] { append(byte, to: &output) }
        }
    }

    /// Appends a byte of the transformed value, as %XX when URL escaping applies and the byte
    /// is not unreserved (ALPHA / DIGIT / "-" / "." / "_" / "~", RFC 3986 §2.3).
    private func append(_ byte: UInt8, to output: inout [UInt8]) {
        let isUnreserved = SPFCharacter.isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
        guard isURLEscaped, !isUnreserved else { output.append(byte); return }
        output.append(UInt8(ascii: "%"))
        output.append(SPFCharacter.upperHexDigits[Int(byte >> 4)])
        output.append(SPFCharacter.upperHexDigits[Int(byte & 0x0F)])
    }
}
