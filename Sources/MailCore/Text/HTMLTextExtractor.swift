/// Reduces HTML to its text for search and previews: tags removed, scripts, styles and the
/// head dropped, block elements turned into line breaks, whitespace collapsed, character
/// references decoded. It works on UTF-8 bytes in one pass and never fails.
enum HTMLTextExtractor {
    static func text(from html: ArraySlice<UInt8>) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(html.count / 2)
        var index = html.startIndex
        let end = html.endIndex
        while index < end {
            let byte = html[index]
            switch byte {
            case ASCII.lessThan:
                index = readTag(html, at: index, into: &output)
            case ASCII.ampersand:
                index = readReference(html, at: index, into: &output)
            case ASCII.space, ASCII.tab, ASCII.carriageReturn, ASCII.lineFeed, 0x0C:
                appendSpace(&output)
                index += 1
            default:
                output.append(byte)
                index += 1
            }
        }
        while let last = output.last, last == ASCII.space || last == ASCII.lineFeed { output.removeLast() }
        return output
    }

    private static func appendSpace(_ output: inout [UInt8]) {
        if let last = output.last, last != ASCII.space, last != ASCII.lineFeed { output.append(ASCII.space) }
    }

    private static func appendLineBreak(_ output: inout [UInt8]) {
        while output.last == ASCII.space { output.removeLast() }
        guard !output.isEmpty else { return }
        // At most one empty line in a row.
        if output.count >= 2 && output[output.count - 1] == ASCII.lineFeed && output[output.count - 2] == ASCII.lineFeed { return }
        output.append(ASCII.lineFeed)
    }

    /// Reads a tag, comment or declaration at `<`; returns the index after it.
    private static func readTag(_ html: ArraySlice<UInt8>, at start: Int, into output: inout [UInt8]) -> Int {
        let end = html.endIndex
        var index = start + 1
        guard index < end else { output.append(ASCII.lessThan); return end }
        if html[index] == UInt8(ascii: "!") {
            if index + 2 < end && html[index + 1] == ASCII.hyphen && html[index + 2] == ASCII.hyphen {
                return find(html, "-->", from: index + 3).map { $0 + 3 } ?? end
            }
            return (html[index...].firstIndex(of: ASCII.greaterThan) ?? end - 1) + 1
        }
        var isClosing = false
        if html[index] == ASCII.slash {
            isClosing = true
            index += 1
        }
        let nameStart = index
        while index < end && (ASCII.isLetter(html[index]) || ASCII.isDigit(html[index])) { index += 1 }
        guard index > nameStart else {
            // "<" not starting a tag is text.
            output.append(ASCII.lessThan)
            return start + 1
        }
        let name = lowercasedASCIIString(html[nameStart..<Swift.min(index, nameStart + 12)])
        // Find the end of the tag, skipping quoted attribute values.
        var quote: UInt8 = 0
        while index < end {
            let byte = html[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == ASCII.quote || byte == ASCII.apostrophe {
                quote = byte
            } else if byte == ASCII.greaterThan {
                break
            }
            index += 1
        }
        let afterTag = Swift.min(index + 1, end)
        if !isClosing && (name == "script" || name == "style" || name == "head" || name == "title" || name == "template") {
            // Skip everything up to the closing tag.
            var search = afterTag
            while let open = find(html, "</", from: search) {
                let nameEnd = open + 2 + name.utf8.count
                if nameEnd <= end && html[(open + 2)..<nameEnd].elementsEqual(name.utf8, by: { ASCII.lowercased($0) == $1 }) {
                    return (html[nameEnd...].firstIndex(of: ASCII.greaterThan) ?? end - 1) + 1
                }
                search = open + 2
            }
            return end
        }
        switch name {
        case "br", "p", "div", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
             "blockquote", "pre", "dd", "dt", "dl", "section", "article", "header", "footer", "address", "center":
            appendLineBreak(&output)
        case "td", "th", "img":
            appendSpace(&output)
        default:
            break
        }
        return afterTag
    }

    /// Decodes `&name;`, `&#123;` or `&#x1F600;` at `&`; anything else stays literal.
    private static func readReference(_ html: ArraySlice<UInt8>, at start: Int, into output: inout [UInt8]) -> Int {
        let end = html.endIndex
        var index = start + 1
        let limit = Swift.min(end, start + 34)
        var scalar: UInt32? = nil
        if index < limit && html[index] == ASCII.hash {
            index += 1
            var isHex = false
            if index < limit && ASCII.lowercased(html[index]) == UInt8(ascii: "x") {
                isHex = true
                index += 1
            }
            var value: UInt32 = 0
            var tooLarge = false
            let digitsStart = index
            while index < limit, let digit = ASCII.hexValue(html[index]), isHex || ASCII.isDigit(html[index]) {
                if !tooLarge {
                    value = value * (isHex ? 16 : 10) + UInt32(digit)
                    tooLarge = value > 0x10FFFF
                }
                index += 1
            }
            if index > digitsStart {
                scalar = !tooLarge && value != 0 && Unicode.Scalar(value) != nil ? value : 0xFFFD
            }
        } else {
            let nameStart = index
            while index < limit && (ASCII.isLetter(html[index]) || ASCII.isDigit(html[index])) { index += 1 }
            if index > nameStart {
                scalar = HTMLEntities.table[String(decoding: html[nameStart..<index], as: UTF8.self)]
            }
        }
        guard let scalar else {
            output.append(ASCII.ampersand)
            return start + 1
        }
        if index < end && html[index] == ASCII.semicolon { index += 1 }
        switch scalar {
        case 0xA0: appendSpace(&output)
        case 0xAD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F: break
        default: output.appendUTF8(scalar: scalar)
        }
        return index
    }

    private static func find(_ html: ArraySlice<UInt8>, _ pattern: StaticString, from start: Int) -> Int? {
        let needle = pattern.withUTF8Buffer { Array($0) }
        guard let first = needle.first else { return nil }
        var index = start
        while index + needle.count <= html.endIndex {
            guard let candidate = html[index...].firstIndex(of: first), candidate + needle.count <= html.endIndex else { return nil }
            if html[candidate..<(candidate + needle.count)].elementsEqual(needle) { return candidate }
            index = candidate + 1
        }
        return nil
    }
}
