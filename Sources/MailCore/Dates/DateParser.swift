/// Reads RFC 5322 §3.3 date-times and the broken forms found in real mail: no day of week,
/// 2- and 3-digit years (§4.3), named and military zones (§4.3), no seconds, any case,
/// odd spacing, comments such as `(UTC)`, no zone, one-digit hours, `asctime` order
/// (`Mon Jan  2 15:04:05 2006`), `+hh:mm` zones and ISO 8601 dates.
enum DateParser {
    /// The most tokens looked at; a date never needs more.
    private static let maximumTokens = 32

    private enum Token: Equatable {
        case number(value: Int, digits: Int)
        /// Letters, lower-cased and packed (up to 4; more only set `length`).
        case word(packed: UInt32, length: Int)
        case colon
        case plus
        case minus
        case other
    }

    static func parse(_ bytes: ArraySlice<UInt8>) -> MessageDate? {
        let tokens = tokenize(bytes)
        if let iso = parseISO(tokens) { return iso }
        var day: Int? = nil
        var month: Int? = nil
        var year: Int? = nil
        var yearDigits = 0
        var hour: Int? = nil
        var minute = 0
        var second = 0
        var zone: Int? = nil
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            switch token {
            case .word(let packed, let length):
                if month == nil, let found = monthNumber(packed, length) {
                    month = found
                } else if let offset = namedZone(packed, length) {
                    if zone == nil { zone = offset }
                } else if packed == pack("pm"), length == 2, let current = hour, current < 12 {
                    hour = current + 12
                }
            case .number(let value, let digits):
                if hour == nil, let time = readTime(tokens, at: index) {
                    (hour, minute, second) = (time.hour, time.minute, time.second)
                    index = time.next
                    continue
                }
                if digits >= 3 || (day != nil && year == nil) {
                    if year == nil {
                        year = value
                        yearDigits = digits
                    }
                } else if day == nil {
                    day = value
                }
            case .plus, .minus:
                // A sign after the time is a zone; before it, a separator ("1-Jan-2003").
                if hour != nil, let numeric = readNumericZone(tokens, at: index) {
                    if let offset = numeric.offset, zone == nil || zone == 0 { zone = offset }
                    index = numeric.next
                    continue
                }
            case .colon, .other:
                break
            }
            index += 1
        }
        guard let day, let month, var year else { return nil }
        // §4.3: two-digit years 00-49 are 2000-2049, 50-99 are 1950-1999; three digits add 1900.
        if yearDigits <= 2 { year += year < 50 ? 2000 : 1900 } else if yearDigits == 3 { year += 1900 }
        return make(year: year, month: month, day: day, hour: hour ?? 0, minute: minute, second: second, zone: zone ?? 0)
    }

    private static func make(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, zone: Int) -> MessageDate? {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1,
              day <= CivilCalendar.daysInMonth(year: year, month: month),
              hour >= 0, hour <= 23, minute >= 0, minute <= 59, second >= 0, second <= 60,
              abs(zone) < 100 * 60 else { return nil }
        let days = Int64(CivilCalendar.days(year: year, month: month, day: day))
        let local = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return MessageDate(secondsSinceEpoch: local - Int64(zone) * 60, zoneOffsetMinutes: zone)
    }

    /// `2006-01-02 15:04:05 [zone]` and `2006-01-02T15:04:05Z`.
    private static func parseISO(_ tokens: [Token]) -> MessageDate? {
        guard tokens.count >= 5, case .number(let year, 4) = tokens[0], tokens[1] == .minus,
              case .number(let month, let monthDigits) = tokens[2], monthDigits <= 2, tokens[3] == .minus,
              case .number(let day, let dayDigits) = tokens[4], dayDigits <= 2 else { return nil }
        var index = 5
        if index < tokens.count, case .word(let packed, 1) = tokens[index], packed == pack("t") { index += 1 }
        var hour = 0, minute = 0, second = 0, zone = 0
        if let time = readTime(tokens, at: index) {
            (hour, minute, second) = (time.hour, time.minute, time.second)
            index = time.next
        }
        if index < tokens.count {
            switch tokens[index] {
            case .plus, .minus:
                zone = readNumericZone(tokens, at: index)?.offset ?? 0
            case .word(let packed, let length):
                zone = namedZone(packed, length) ?? 0
            default:
                break
            }
        }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, zone: zone)
    }

    /// `h:mm` or `h:mm:ss` at `index`.
    private static func readTime(_ tokens: [Token], at index: Int) -> (hour: Int, minute: Int, second: Int, next: Int)? {
        guard index + 2 < tokens.count, case .number(let hour, _) = tokens[index], tokens[index + 1] == .colon,
              case .number(let minute, _) = tokens[index + 2] else { return nil }
        if index + 4 < tokens.count, tokens[index + 3] == .colon, case .number(let second, _) = tokens[index + 4] {
            return (hour, minute, second, index + 5)
        }
        return (hour, minute, 0, index + 3)
    }

    /// A signed zone at the sign at `index`: `+hhmm`, `-hmm`, `+hh`, `+hh:mm`. The offset is
    /// nil when the minutes are out of range.
    private static func readNumericZone(_ tokens: [Token], at index: Int) -> (offset: Int?, next: Int)? {
        guard index + 1 < tokens.count, case .number(let value, let digits) = tokens[index + 1] else { return nil }
        let sign = tokens[index] == .minus ? -1 : 1
        if digits >= 3 {
            let minutes = value % 100
            return (digits <= 4 && minutes < 60 ? sign * (value / 100 * 60 + minutes) : nil, index + 2)
        }
        if index + 3 < tokens.count, tokens[index + 2] == .colon, case .number(let minutes, _) = tokens[index + 3] {
            return (minutes < 60 ? sign * (value * 60 + minutes) : nil, index + 4)
        }
        return (sign * value * 60, index + 2)
    }

    private static func tokenize(_ bytes: ArraySlice<UInt8>) -> [Token] {
        var tokens = [Token]()
        tokens.reserveCapacity(16)
        var scanner = StructuredFieldScanner(bytes)
        while tokens.count < maximumTokens {
            scanner.skipWhitespaceAndComments()
            guard let byte = scanner.current else { break }
            if ASCII.isDigit(byte) {
                var value = 0
                var digits = 0
                while let digit = scanner.current, ASCII.isDigit(digit) {
                    if digits < 9 { value = value * 10 + Int(digit - 48) }
                    digits += 1
                    scanner.advance()
                }
                tokens.append(.number(value: value, digits: digits))
            } else if ASCII.isLetter(byte) {
                var packed: UInt32 = 0
                var length = 0
                while let letter = scanner.current, ASCII.isLetter(letter) {
                    if length < 4 { packed = packed << 8 | UInt32(ASCII.lowercased(letter)) }
                    length += 1
                    scanner.advance()
                }
                tokens.append(.word(packed: packed, length: length))
            } else {
                switch byte {
                case ASCII.colon: tokens.append(.colon)
                case UInt8(ascii: "+"): tokens.append(.plus)
                case ASCII.hyphen: tokens.append(.minus)
                case ASCII.comma, ASCII.period, ASCII.slash: break
                default: tokens.append(.other)
                }
                scanner.advance()
            }
        }
        return tokens
    }

    /// Packs up to four lower-case ASCII letters into a number, as the tokenizer does.
    private static func pack(_ letters: StaticString) -> UInt32 {
        letters.withUTF8Buffer { $0.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
    }

    /// A month from its name or any longer word starting with its three letters ("July").
    private static func monthNumber(_ packed: UInt32, _ length: Int) -> Int? {
        guard length >= 3 else { return nil }
        // The first three letters, packed as `pack` does.
        switch length >= 4 ? packed >> 8 : packed {
        case 0x6A616E: return 1   // jan
        case 0x666562: return 2   // feb
        case 0x6D6172: return 3   // mar
        case 0x617072: return 4   // apr
        case 0x6D6179: return 5   // may
        case 0x6A756E: return 6   // jun
        case 0x6A756C: return 7   // jul
        case 0x617567: return 8   // aug
        case 0x736570: return 9   // sep
        case 0x6F6374: return 10  // oct
        case 0x6E6F76: return 11  // nov
        case 0x646563: return 12  // dec
        default: return nil
        }
    }

    /// Zone names of RFC 5322 §4.3 plus common others, in minutes east of UTC.
    /// Military one-letter zones read as 0: their sign was wrong in RFC 822 (§4.3).
    private static func namedZone(_ packed: UInt32, _ length: Int) -> Int? {
        if length == 1 { return packed == pack("j") ? nil : 0 }
        guard length <= 4 else { return nil }
        // The names packed as `pack` does.
        switch packed {
        case 0x7574, 0x676D74, 0x757463, 0x776574: return 0                      // ut gmt utc wet
        case 0x657374: return -300      // est
        case 0x656474: return -240      // edt
        case 0x637374: return -360      // cst
        case 0x636474: return -300      // cdt
        case 0x6D7374: return -420      // mst
        case 0x6D6474: return -360      // mdt
        case 0x707374: return -480      // pst
        case 0x706474: return -420      // pdt
        case 0x616B7374: return -540    // akst
        case 0x616B6474: return -480    // akdt
        case 0x687374: return -600      // hst
        case 0x636574, 0x6D6574, 0x627374, 0x77657374: return 60                 // cet met bst west
        case 0x63657374, 0x6D657374, 0x656574: return 120                        // cest mest eet
        case 0x65657374, 0x6D736B: return 180                                    // eest msk
        case 0x697374: return 330       // ist
        case 0x686B74: return 480       // hkt
        case 0x6A7374, 0x6B7374: return 540                                      // jst kst
        case 0x61657374: return 600     // aest
        case 0x61656474: return 660     // aedt
        case 0x6E7A7374: return 720     // nzst
        case 0x6E7A6474: return 780     // nzdt
        default: return nil
        }
    }
}
