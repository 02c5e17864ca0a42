import Foundation
import Testing
@testable import IMAPProtocol

@Suite("Calendar days for SEARCH dates")
struct CalendarDayTests {
    @Test func searchDatesToDayNumbers() throws {
        #expect(CalendarDay.day(try calendarDay(1970, 1, 1)) == 0)
        #expect(CalendarDay.day(try calendarDay(2000, 3, 1)) == 951_868_800 / 86_400)
        #expect(CalendarDay.day(try calendarDay(1969, 12, 31)) == -1)
        #expect(CalendarDay.day(try calendarDay(2024, 2, 29)) + 1 == CalendarDay.day(try calendarDay(2024, 3, 1)))
        #expect(CalendarDay.day(try calendarDay(1900, 3, 1)) - CalendarDay.day(try calendarDay(1900, 2, 28)) == 1)
        #expect(CalendarDay.day(try calendarDay(1, 1, 1)) == -719_162)
    }

    @Test func momentsToDays() {
        #expect(CalendarDay.day(seconds: 0, zoneOffsetMinutes: 0) == 0)
        #expect(CalendarDay.day(seconds: -1, zoneOffsetMinutes: 0) == -1)
        #expect(CalendarDay.day(seconds: 86_399, zoneOffsetMinutes: 0) == 0)
        #expect(CalendarDay.day(seconds: 86_399, zoneOffsetMinutes: 1) == 1)
        #expect(CalendarDay.day(seconds: 0, zoneOffsetMinutes: -1) == -1)
    }

    @Test func hostileStoredDatesDoNotTrap() {
        #expect(CalendarDay.seconds(Date(timeIntervalSince1970: .nan)) == 0)
        #expect(CalendarDay.seconds(Date(timeIntervalSince1970: .infinity)) == 0)
        #expect(CalendarDay.seconds(Date(timeIntervalSince1970: 1e300)) == 253_402_300_800)
        #expect(CalendarDay.seconds(Date(timeIntervalSince1970: -0.5)) == -1)
    }
}
