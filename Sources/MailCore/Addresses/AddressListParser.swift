/// Parses address fields (From, To, Cc, ...: RFC 5322 §3.4 with the obsolete forms of §4.4)
/// leniently: display names quoted, encoded or with dots (`John Q. Public`), quoted local
/// parts, nested comments and `user@host (Real Name)`, groups, source routes, CFWS around
/// dots, missing domains, empty and doubled commas, unbalanced quotes and angle brackets.
public enum AddressListParser {
    /// Parses an address field value.
    public static func parse(_ value: String) -> [AddressListEntry] {
        var defects = DefectLog(limit: 1)
        return parse(Array(value.utf8)[...], fieldName: "", maximumAddresses: Int.max, defects: &defects)
    }

    /// Parses raw (possibly folded) field bytes; at most `maximumAddresses` mailboxes are kept.
    static func parse(_ bytes: ArraySlice<UInt8>, fieldName: String, maximumAddresses: Int,
                      defects: inout DefectLog) -> [AddressListEntry] {
        if let simple = SimpleAddressListParser.parse(bytes, maximumAddresses: maximumAddresses) { return simple }
        var parser = Parser(tokens: AddressTokenList(bytes), maximumAddresses: maximumAddresses)
        parser.isMalformed = parser.tokens.hasUnclosedQuote
        let entries = parser.parseList()
        if parser.isMalformed { defects.record(.malformedAddress(field: fieldName)) }
        return entries
    }

    private struct Parser {
        let tokens: AddressTokenList
        let maximumAddresses: Int
        var index = 0
        var addressCount = 0
        var isMalformed = false

        init(tokens: AddressTokenList, maximumAddresses: Int) {
            self.tokens = tokens
            self.maximumAddresses = maximumAddresses
        }

        var current: AddressToken? { index < tokens.count ? tokens[index] : nil }

        mutating func parseList() -> [AddressListEntry] {
            var entries = [AddressListEntry]()
            while index < tokens.count && addressCount < maximumAddresses {
                let token = tokens[index]
                if token.isSpecial(ASCII.comma) || token.isSpecial(ASCII.semicolon) || token.isSpecial(ASCII.greaterThan) {
                    if !token.isSpecial(ASCII.comma) { isMalformed = true }
                    index += 1
                    continue
                }
                if let entry = parseEntry(inGroup: false) { entries.append(entry) }
            }
            return entries
        }

        /// Parses one mailbox or group, leaving the index at the separator after it.
        mutating func parseEntry(inGroup: Bool) -> AddressListEntry? {
            let phraseStart = index
            var lastComment: AddressToken? = nil
            while let token = current {
                if case .special(let byte) = token.kind, byte != ASCII.period { break }
                if token.isComment { lastComment = token }
                index += 1
            }
            let phrase = phraseStart..<index
            guard let stop = current else {
                return bareMailbox(phrase, comment: lastComment)
            }
            switch stop.kind {
            case .special(ASCII.lessThan):
                index += 1
                return angleAddress(displayName: phrase, comment: lastComment)
            case .special(ASCII.colon) where !inGroup:
                index += 1
                return group(name: phrase)
            case .special(ASCII.at):
                index += 1
                return addressSpec(localPart: phrase)
            case .special(ASCII.comma), .special(ASCII.semicolon):
                return bareMailbox(phrase, comment: lastComment)
            default:
                // A stray special (">", ":" inside a group, "\", ...): skip it.
                isMalformed = true
                index += 1
                return bareMailbox(phrase, comment: lastComment)
            }
        }

        /// A phrase with no address after it (`undisclosed-recipients`, `root`): a local part
        /// without domain.
        mutating func bareMailbox(_ phrase: Range<Int>, comment: AddressToken?) -> AddressListEntry? {
            guard phrase.contains(where: { !tokens[$0].isComment }) else { return nil }
            isMalformed = true
            addressCount += 1
            return .mailbox(MessageAddress(rawDisplayName: comment.map { text(tokens.text($0)) },
                                           localPart: joined(phrase), domain: nil))
        }

        /// `local-part "@" domain` with an optional trailing comment as name. A phrase of several
        /// words before it (`John Smith john@example.org`) is split: the last word is the local part.
        mutating func addressSpec(localPart phrase: Range<Int>) -> AddressListEntry? {
            var localPart = phrase
            var displayName: String? = nil
            let words = phrase.filter { !tokens[$0].isComment }
            if let splitPosition = words.lastIndex(where: { tokens[$0].spaceBefore && !tokens[$0].isSpecial(ASCII.period) }),
               splitPosition > 0, !tokens[words[splitPosition - 1]].isSpecial(ASCII.period) {
                let split = words[splitPosition]
                displayName = phraseText(phrase.lowerBound..<split)
                localPart = split..<phrase.upperBound
                isMalformed = true
            }
            let (domain, comment) = readDomain()
            if displayName == nil, let comment { displayName = text(tokens.text(comment)) }
            addressCount += 1
            if domain == nil { isMalformed = true }
            return .mailbox(MessageAddress(rawDisplayName: displayName, localPart: joined(localPart), domain: domain))
        }

        /// Reads a domain (atoms and dots, or a literal) up to a separator; returns it and the
        /// last comment seen.
        mutating func readDomain() -> (String?, AddressToken?) {
            let start = index
            var end = index
            var comment: AddressToken? = nil
            var sawPart = false
            var lastWasPeriod = false
            loop: while let token = current {
                switch token.kind {
                case .atom, .domainLiteral, .special(ASCII.period):
                    let isPeriod = token.isSpecial(ASCII.period)
                    if token.spaceBefore && sawPart && !isPeriod && !lastWasPeriod {
                        // `user@host junk`: the domain has ended.
                        isMalformed = true
                        let domain = joined(start..<end)
                        skipToSeparator()
                        return (domain.isEmpty ? nil : domain, comment)
                    }
                    sawPart = true
                    lastWasPeriod = isPeriod
                case .comment:
                    comment = token
                case .quoted:
                    isMalformed = true
                default:
                    break loop
                }
                index += 1
                end = index
            }
            let domain = joined(start..<end)
            return (domain.isEmpty ? nil : domain, comment)
        }

        /// After `<`: an optional route `@a,@b:`, then `local@domain` up to `>`.
        mutating func angleAddress(displayName phrase: Range<Int>, comment: AddressToken?) -> AddressListEntry? {
            var route = [String]()
            if current?.isSpecial(ASCII.at) == true {
                var routeEnd = index
                while routeEnd < tokens.count, !tokens[routeEnd].isSpecial(ASCII.colon),
                      !tokens[routeEnd].isSpecial(ASCII.greaterThan) { routeEnd += 1 }
                if routeEnd < tokens.count, tokens[routeEnd].isSpecial(ASCII.colon) {
                    var domainStart = index
                    for position in index...routeEnd {
                        let token = tokens[position]
                        if token.isSpecial(ASCII.comma) || token.isSpecial(ASCII.colon) {
                            let domain = joined(domainStart..<position, skipping: ASCII.at)
                            if !domain.isEmpty { route.append(domain) }
                            domainStart = position + 1
                        }
                    }
                    index = routeEnd + 1
                }
            }
            let localStart = index
            while let token = current, !token.isSpecial(ASCII.at), !token.isSpecial(ASCII.greaterThan),
                  !token.isSpecial(ASCII.comma), !token.isSpecial(ASCII.lessThan) { index += 1 }
            let localPart = localStart..<index
            var domain: String? = nil
            if current?.isSpecial(ASCII.at) == true {
                index += 1
                let domainStart = index
                while let token = current, !token.isSpecial(ASCII.greaterThan), !token.isSpecial(ASCII.comma) {
                    switch token.kind {
                    case .atom, .domainLiteral, .special(ASCII.period), .comment: break
                    default: isMalformed = true
                    }
                    index += 1
                }
                let text = joined(domainStart..<index)
                domain = text.isEmpty ? nil : text
            }
            var trailingComment: AddressToken? = nil
            if current?.isSpecial(ASCII.greaterThan) == true {
                index += 1
                // Anything between ">" and the next separator is junk, except a comment.
                while let token = current, !token.isSpecial(ASCII.comma), !token.isSpecial(ASCII.semicolon) {
                    if token.isComment { trailingComment = token } else { isMalformed = true }
                    if token.isSpecial(ASCII.lessThan) { break }
                    index += 1
                }
            } else {
                isMalformed = true     // no closing ">"
            }
            var displayName = phrase.contains(where: { !tokens[$0].isComment }) ? phraseText(phrase) : nil
            if displayName == nil, let name = comment ?? trailingComment { displayName = text(tokens.text(name)) }
            if domain == nil { isMalformed = true }
            addressCount += 1
            let local = joined(localPart)
            if local.isEmpty && domain == nil && route.isEmpty {
                // "<>": the null address.
                return .mailbox(MessageAddress(rawDisplayName: displayName, localPart: "", domain: nil))
            }
            return .mailbox(MessageAddress(rawDisplayName: displayName, route: route, localPart: local, domain: domain))
        }

        /// After `name:`: mailboxes up to `;` (a missing `;` is tolerated).
        mutating func group(name phrase: Range<Int>) -> AddressListEntry? {
            var members = [MessageAddress]()
            let name = phraseText(phrase)
            while let token = current, addressCount < maximumAddresses {
                if token.isSpecial(ASCII.semicolon) {
                    index += 1
                    return .group(AddressGroup(rawDisplayName: name, members: members))
                }
                if token.isSpecial(ASCII.comma) {
                    index += 1
                    continue
                }
                if let entry = parseEntry(inGroup: true) { members.append(contentsOf: entry.mailboxes) }
            }
            isMalformed = true
            return .group(AddressGroup(rawDisplayName: name, members: members))
        }

        mutating func skipToSeparator() {
            while let token = current, !token.isSpecial(ASCII.comma), !token.isSpecial(ASCII.semicolon) { index += 1 }
        }

        /// A display name: words joined by one space where the input had whitespace or a
        /// comment between them (so `John Q. Public` keeps its form); comments left out.
        func phraseText(_ range: Range<Int>) -> String {
            // The common case, words separated by single spaces in the field: a slice of it.
            var first = -1
            var previousEnd = 0
            var isSlice = true
            for position in range where !tokens[position].isComment {
                let token = tokens[position]
                if token.isInStorage {
                    isSlice = false
                    break
                }
                if first < 0 {
                    first = position
                } else if token.start != previousEnd + (token.spaceBefore ? 1 : 0)
                            || (token.spaceBefore && tokens.source[previousEnd] != ASCII.space) {
                    isSlice = false
                    break
                }
                previousEnd = token.end
            }
            if isSlice { return first < 0 ? "" : text(tokens.source[tokens[first].start..<previousEnd]) }
            var output = [UInt8]()
            output.reserveCapacity(64)
            for position in range where !tokens[position].isComment {
                let token = tokens[position]
                if token.spaceBefore && !output.isEmpty { output.append(ASCII.space) }
                output.append(contentsOf: tokens.text(token))
            }
            return text(output[...])
        }

        /// A local part or domain: the words concatenated without comments (whitespace around
        /// dots is CFWS, §3.4.1).
        func joined(_ range: Range<Int>, skipping skipped: UInt8? = nil) -> String {
            func isWord(_ token: AddressToken) -> Bool {
                !token.isComment && !(skipped.map(token.isSpecial) ?? false)
            }
            var wordCount = 0
            var firstWord = 0
            var lastWord = 0
            // Whether the words follow each other in the field with nothing between them, so
            // that their concatenation is a slice of the field (`example.org`).
            var adjacent = true
            for position in range where isWord(tokens[position]) {
                let token = tokens[position]
                if wordCount == 0 {
                    firstWord = position
                } else if token.isInStorage || tokens[lastWord].isInStorage || token.start != tokens[lastWord].end {
                    adjacent = false
                }
                wordCount += 1
                lastWord = position
            }
            if wordCount == 0 { return "" }
            if wordCount == 1 { return text(tokens.text(tokens[firstWord])) }
            if adjacent { return text(tokens.source[tokens[firstWord].start..<tokens[lastWord].end]) }
            var output = [UInt8]()
            output.reserveCapacity(64)
            for position in range where isWord(tokens[position]) { output.append(contentsOf: tokens.text(tokens[position])) }
            return text(output[...])
        }

        func text(_ bytes: ArraySlice<UInt8>) -> String { AddressListParser.text(bytes) }
    }

    /// Text with runs of whitespace made one space (and none at the ends); UTF-8 if valid,
    /// else Windows-1252.
    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        // Most names and addresses are unchanged: no line breaks or tabs, single inner spaces.
        var isCollapsed = true
        var previous = ASCII.space
        for byte in bytes {
            if ASCII.isWhitespaceOrLineBreak(byte) && (byte != ASCII.space || previous == ASCII.space) {
                isCollapsed = false
                break
            }
            previous = byte
        }
        if isCollapsed && previous != ASCII.space || bytes.isEmpty {
            return CharsetDecoder.lenientString(bytes).text
        }
        var collapsed = [UInt8]()
        collapsed.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if ASCII.isWhitespaceOrLineBreak(byte) {
                pendingSpace = !collapsed.isEmpty
            } else {
                if pendingSpace { collapsed.append(ASCII.space) }
                pendingSpace = false
                collapsed.append(byte)
            }
        }
        return CharsetDecoder.lenientString(collapsed[...]).text
    }
}
