/// Reads the address lists most mail carries — `Name <local@domain>`, `"Quoted Name"
/// <local@domain>` and `local@domain`, separated by commas and whitespace — in one pass
/// without tokenizing. Anything else (comments, groups, routes, escapes, domain literals,
/// missing parts, stray characters, more entries than the limit) gives nil, and the full
/// `AddressListParser` reads the field; for the forms accepted here both give the same result.
enum SimpleAddressListParser {
    static func parse(_ bytes: ArraySlice<UInt8>, maximumAddresses: Int) -> [AddressListEntry]? {
        let offset = bytes.startIndex
        return bytes.withUnsafeBufferPointer { buffer -> [AddressListEntry]? in
            guard let base = buffer.baseAddress else { return [] }
            let end = buffer.count
            var entries = [AddressListEntry]()
            var index = 0

            func isSpace(_ byte: UInt8) -> Bool { ASCII.isWhitespaceOrLineBreak(byte) }
            func isWordCharacter(_ byte: UInt8) -> Bool { byte == ASCII.period || ASCII.isAtomCharacter(byte) }
            /// The end of the run of atom characters and periods at `start`.
            func wordEnd(from start: Int) -> Int {
                var position = start
                while position < end && isWordCharacter(base[position]) { position += 1 }
                return position
            }
            /// The field bytes of a range (positions in `buffer`).
            func slice(_ range: Range<Int>) -> ArraySlice<UInt8> { bytes[(range.lowerBound + offset)..<(range.upperBound + offset)] }
            /// Whether only whitespace follows `position` up to a comma or the end.
            func endsEntry(at position: Int) -> Bool {
                var position = position
                while position < end && isSpace(base[position]) { position += 1 }
                return position == end || base[position] == ASCII.comma
            }

            while true {
                while index < end && (isSpace(base[index]) || base[index] == ASCII.comma) { index += 1 }
                if index == end { return entries }
                guard entries.count < maximumAddresses else { return nil }
                var name: Range<Int>? = nil
                if base[index] == ASCII.quote {
                    // "Quoted Name" <...>: no escapes or line breaks in the quotes.
                    var close = index + 1
                    while close < end && base[close] != ASCII.quote {
                        let byte = base[close]
                        if byte == ASCII.backslash || byte == ASCII.carriageReturn || byte == ASCII.lineFeed { return nil }
                        close += 1
                    }
                    guard close < end else { return nil }
                    name = (index + 1)..<close
                    index = close + 1
                    while index < end && isSpace(base[index]) { index += 1 }
                    guard index < end && base[index] == ASCII.lessThan else { return nil }
                } else {
                    // Words: a display name before "<", or the local part of `local@domain`.
                    let wordsStart = index
                    var wordsEnd = index
                    var wordCount = 0
                    while index < end {
                        let byte = base[index]
                        if isWordCharacter(byte) {
                            index = wordEnd(from: index)
                            wordsEnd = index
                            wordCount += 1
                        } else if isSpace(byte) {
                            index += 1
                        } else {
                            break
                        }
                    }
                    guard index < end else { return nil }
                    if base[index] == ASCII.at {
                        // local@domain, nothing else in the entry.
                        guard wordCount == 1, wordsEnd == index else { return nil }
                        let domainEnd = wordEnd(from: index + 1)
                        guard domainEnd > index + 1, endsEntry(at: domainEnd) else { return nil }
                        entries.append(.mailbox(MessageAddress(
                            localPart: AddressListParser.text(slice(wordsStart..<wordsEnd)),
                            domain: AddressListParser.text(slice((index + 1)..<domainEnd)))))
                        index = domainEnd
                        continue
                    }
                    guard base[index] == ASCII.lessThan else { return nil }
                    if wordCount > 0 { name = wordsStart..<wordsEnd }
                }
                // <local@domain>
                let localStart = index + 1
                let localEnd = wordEnd(from: localStart)
                guard localEnd > localStart, localEnd < end, base[localEnd] == ASCII.at else { return nil }
                let domainEnd = wordEnd(from: localEnd + 1)
                guard domainEnd > localEnd + 1, domainEnd < end, base[domainEnd] == ASCII.greaterThan,
                      endsEntry(at: domainEnd + 1) else { return nil }
                entries.append(.mailbox(MessageAddress(
                    rawDisplayName: name.map { AddressListParser.text(slice($0)) },
                    localPart: AddressListParser.text(slice(localStart..<localEnd)),
                    domain: AddressListParser.text(slice((localEnd + 1)..<domainEnd)))))
                index = domainEnd + 1
            }
        }
    }
}
