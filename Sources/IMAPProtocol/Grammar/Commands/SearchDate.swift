import MailCore

/// A calendar date as SEARCH and the SAVEDATE keys take it (RFC 9051 §9 `date`), e.g. `1-Feb-1994`.
/// It has no time or zone: RFC 9051 §6.4.4 compares it with dates "disregarding time and timezone".
public struct SearchDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The year, 1 to 9999.
    public var year: Int
    /// 1 to 12.
    public var month: Int
    /// 1 to 31, valid for the month.
    public var day: Int

    /// A date, or nil when the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Self.daysInMonth(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The first moment of this day in the zone `offsetMinutes` east of UTC.
    public func startOfDay(zoneOffsetMinutes: Int = 0) -> MessageDate? {
        let sign = zoneOffsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(zoneOffsetMinutes)
        let zone = sign + Self.padded(magnitude / 60, 2) + Self.padded(magnitude % 60, 2)
        return MessageDate(parsing: "\(day) \(Self.monthNames[month - 1]) \(Self.padded(year, 4)) 00:00:00 \(zone)")
    }

    /// Orders by calendar date.
    public static func < (lhs: SearchDate, rhs: SearchDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The IMAP form, e.g. `1-Feb-1994`.
    public var description: String { "\(day)-\(Self.monthNames[month - 1])-\(Self.padded(year, 4))" }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension GrammarReader {
    /// Reads `date`: `date-text` bare or quoted.
    mutating func readSearchDate() throws(GrammarError) -> SearchDate {
        let quoted = consume(IMAPCharacters.quote)
        let day = try readNumber()
        guard day <= 31 else { throw GrammarError("invalid day in date") }
        try expect(IMAPCharacters.minus, "'-' in a date")
        let month = try readMonth()
        try expect(IMAPCharacters.minus, "'-' in a date")
        let year = try readFixedDigits(4, "a four-digit year")
        if quoted { try expect(IMAPCharacters.quote, "'\"' closing the date") }
        guard let date = SearchDate(year: year, month: month, day: Int(day)) else { throw GrammarError("no such date") }
        return date
    }

    /// Reads `date-time` (RFC 9051 §9): `"dd-Mon-yyyy hh:mm:ss +zzzz"`, the day padded with a
    /// space or a zero (a bare single digit is accepted too).
    mutating func readDateTime() throws(GrammarError) -> MessageDate {
        try expect(IMAPCharacters.quote, "a quoted date-time")
        _ = consume(IMAPCharacters.space)
        let day = try readNumber()
        try expect(IMAPCharacters.minus, "'-' in a date-time")
        let month = try readMonth()
        try expect(IMAPCharacters.minus, "'-' in a date-time")
        let year = try readFixedDigits(4, "a four-digit year")
        try expectSpace()
        let hour = try readFixedDigits(2, "two-digit hours")
        try expect(IMAPCharacters.colon, "':' in a time")
        let minute = try readFixedDigits(2, "two-digit minutes")
        try expect(IMAPCharacters.colon, "':' in a time")
        let second = try readFixedDigits(2, "two-digit seconds")
        try expectSpace()
        let negative: Bool
        if consume(IMAPCharacters.minus) { negative = true } else {
            try expect(IMAPCharacters.plus, "a zone such as +0100")
            negative = false
        }
        let zone = try readFixedDigits(4, "a four-digit zone")
        try expect(IMAPCharacters.quote, "'\"' closing the date-time")
        guard SearchDate(year: year, month: month, day: Int(day)) != nil, hour < 24, minute < 60, second < 61,
              zone % 100 < 60 else { throw GrammarError("invalid date-time") }
        let text = "\(day) \(SearchDate.monthNames[month - 1]) \(year) \(SearchDate.padded(hour, 2)):"
            + "\(SearchDate.padded(minute, 2)):\(SearchDate.padded(min(second, 59), 2)) \(negative ? "-" : "+")\(SearchDate.padded(zone, 4))"
        guard let date = MessageDate(parsing: text) else { throw GrammarError("invalid date-time") }
        return date
    }

    private mutating func readMonth() throws(GrammarError) -> Int {
        let start = position
        let word = try readRun("a month name") { ($0 | 0x20) &- 0x61 < 26 }
        let name = String(decoding: word, as: UTF8.self).lowercased()
        guard let index = SearchDate.monthNames.firstIndex(where: { $0.lowercased() == name }) else {
            rewind(to: start)
            throw unexpected("a month name such as Feb")
        }
        return index + 1
    }

    private mutating func readFixedDigits(_ count: Int, _ description: String) throws(GrammarError) -> Int {
        let start = position
        let digits = try readRun(description, while: IMAPCharacters.isDigit)
        guard digits.count == count else {
            rewind(to: start)
            throw unexpected(description)
        }
        return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
}
