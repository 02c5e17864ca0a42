import Testing
@testable import MailCore

@Suite("Dates (RFC 5322 §3.3, §4.3)")
struct DateTests {
    /// 2003-07-01T08:52:37Z, the moment of RFC 5322's examples in most of these tests.
    static let reference: Int64 = 1_057_049_557

    @Test(arguments: [
        ("Tue, 1 Jul 2003 10:52:37 +0200", 120),
        ("1 Jul 2003 10:52:37 +0200", 120),                  // no day of week
        ("tue,  1   jul   2003   10:52:37   +0200", 120),    // lower case, odd spacing
        ("Tue, 01 Jul 2003 10:52:37 +0200 (CEST)", 120),     // trailing comment
        ("Tuesday, 1 July 2003 10:52:37 +0200", 120),        // full names
        ("Tue, 1 Jul 2003 08:52:37 GMT", 0),
        ("Tue, 1 Jul 2003 08:52:37 UT", 0),
        ("Tue, 1 Jul 2003 08:52:37 Z", 0),
        ("Tue, 1 Jul 2003 08:52:37", 0),                     // no zone
        ("Tue, 1 Jul 2003 08:52:37 -0000", 0),
        ("Tue, 1 Jul 2003 04:52:37 EDT", -240),
        ("Tue, 1 Jul 2003 03:52:37 EST", -300),
        ("Tue, 1 Jul 2003 02:52:37 CST", -360),
        ("Tue, 1 Jul 2003 01:52:37 PDT", -420),
        ("Tue, 1 Jul 2003 08:52:37 A", 0),                   // military zones read as -0000 (§4.3)
        ("Tue, 1 Jul 03 10:52:37 +0200", 120),               // two-digit year 00-49
        ("Tue, 1 Jul 103 10:52:37 +0200", 120),              // three-digit year: + 1900
        ("Tue Jul  1 08:52:37 2003", 0),                     // asctime order
        ("Tue Jul  1 10:52:37 +0200 2003", 120),
        ("2003-07-01 10:52:37 +02:00", 120),                 // ISO 8601
        ("2003-07-01T08:52:37Z", 0),
        ("Tue, 1 Jul 2003 10:52:37 GMT+0200", 120),
        ("Tue, 1 Jul 2003 10:52:37 +02:00", 120),
    ])
    func parsesGoodAndBrokenForms(text: String, offset: Int) throws {
        let date = try #require(MessageDate(parsing: text))
        #expect(date.secondsSinceEpoch == Self.reference, "\(text)")
        #expect(date.zoneOffsetMinutes == offset, "\(text)")
    }

    @Test func missingSecondsAndOneDigitHour() throws {
        let noSeconds = try #require(MessageDate(parsing: "1 Jul 2003 10:52 +0200"))
        #expect(noSeconds.secondsSinceEpoch == Self.reference - 37)
        let oneDigit = try #require(MessageDate(parsing: "1 Jul 2003 8:52:37 GMT"))
        #expect(oneDigit.secondsSinceEpoch == Self.reference)
    }

    @Test func twoDigitYearsFiftyAndAboveAreLastCentury() throws {
        let date = try #require(MessageDate(parsing: "1 Jan 70 00:00:00 +0000"))
        #expect(date.secondsSinceEpoch == 0)
        let late = try #require(MessageDate(parsing: "31 Dec 49 23:59:59 +0000"))
        #expect(late.secondsSinceEpoch == 2_524_607_999)
    }

    @Test(arguments: ["", "yesterday", "32 Jan 2003 10:00:00 +0000", "29 Feb 2003 10:00:00 +0000",
                      "1 Foo 2003 10:00:00", "1 Jul 2003 25:00:00 +0000", "Jul 2003", "12:00:00"])
    func rejectsNonDates(text: String) {
        #expect(MessageDate(parsing: text) == nil)
    }

    @Test func leapDayAndNegativeEpoch() throws {
        #expect(try #require(MessageDate(parsing: "29 Feb 2024 12:00:00 +0000")).secondsSinceEpoch == 1_709_208_000)
        #expect(try #require(MessageDate(parsing: "31 Dec 1969 23:59:59 +0000")).secondsSinceEpoch == -1)
    }

    @Test func formatsRFC5322AndIMAPText() {
        let date = MessageDate(secondsSinceEpoch: Self.reference, zoneOffsetMinutes: 120)
        #expect(date.rfc5322Text == "Tue, 1 Jul 2003 10:52:37 +0200")
        #expect(date.imapText == " 1-Jul-2003 10:52:37 +0200")
        let west = MessageDate(secondsSinceEpoch: 0, zoneOffsetMinutes: -330)
        #expect(west.rfc5322Text == "Wed, 31 Dec 1969 18:30:00 -0530")
        #expect(MessageDate(parsing: west.rfc5322Text) == west)
    }

    @Test func malformedDateFieldIsADefect() {
        let message = MessageParser().parse("Date: not a date\r\n\r\nx".bytes)
        #expect(message.date == nil)
        #expect(message.defects.contains(.malformedDate("not a date")))
    }
}
