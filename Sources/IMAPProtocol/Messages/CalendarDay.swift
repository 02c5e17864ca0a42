import Foundation
import MailCore

/// Moments reduced to calendar days, as SEARCH compares dates "disregarding time and
/// timezone" (RFC 9051 §6.4.4), and conversions from the store's `Date`.
enum CalendarDay {
    private static let secondsPerDay: Int64 = 86_400
    /// Days from 0001-01-01 to 1970-01-01 in the proleptic Gregorian calendar.
    private static let daysBeforeEpoch: Int64 = 719_162
    private static let daysBeforeMonth: [Int64] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
    /// The store's dates are clamped to this many seconds either side of 1970 (beyond year 9999).
    private static let secondsLimit: Double = 253_402_300_800

    /// Whole seconds since 1970 of a stored date (rounded down; NaN counts as 1970).
    static func seconds(_ date: Date) -> Int64 {
        let value = date.timeIntervalSince1970
        guard value.isFinite else { return 0 }
        return Int64(min(max(value, -secondsLimit), secondsLimit).rounded(.down))
    }

    /// A stored date as IMAP shows it, in the zone `zoneOffsetMinutes` east of UTC.
    static func messageDate(_ date: Date, zoneOffsetMinutes: Int) -> MessageDate {
        MessageDate(secondsSinceEpoch: seconds(date), zoneOffsetMinutes: zoneOffsetMinutes)
    }

    /// The day number (days since 1970-01-01) of a moment in the zone `zoneOffsetMinutes` east of UTC.
    static func day(seconds: Int64, zoneOffsetMinutes: Int) -> Int64 {
        let local = seconds &+ Int64(zoneOffsetMinutes) * 60
        let quotient = local / secondsPerDay
        return local % secondsPerDay < 0 ? quotient - 1 : quotient
    }

    /// The day number of a SEARCH date.
    static func day(_ date: SearchDate) -> Int64 {
        let yearsBefore = Int64(date.year) - 1
        var days = yearsBefore * 365 + yearsBefore / 4 - yearsBefore / 100 + yearsBefore / 400
        days += daysBeforeMonth[min(max(date.month, 1), 12) - 1] + Int64(date.day - 1)
        let leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0
        if leap && date.month > 2 { days += 1 }
        return days - daysBeforeEpoch
    }
}
