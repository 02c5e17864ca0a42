/// A moment with the zone offset it was written in, as in a Date header (RFC 5322 §3.3).
public struct MessageDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Int64
    /// The offset of the writer's zone from UTC in minutes (+120 for `+0200`).
    /// A missing or unknown zone is 0 (RFC 5322 §4.3 reads such as `-0000`).
    public var zoneOffsetMinutes: Int

    public init(secondsSinceEpoch: Int64, zoneOffsetMinutes: Int = 0) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.zoneOffsetMinutes = zoneOffsetMinutes
    }

    /// Parses an RFC 5322 date-time or one of its common broken forms; nil if it is not a date.
    public init?(parsing text: String) {
        guard let date = DateParser.parse(Array(text.utf8)[...]) else { return nil }
        self = date
    }

    /// Orders by moment; equal moments by offset.
    public static func < (lhs: MessageDate, rhs: MessageDate) -> Bool {
        (lhs.secondsSinceEpoch, lhs.zoneOffsetMinutes) < (rhs.secondsSinceEpoch, rhs.zoneOffsetMinutes)
    }

    /// The RFC 5322 form, e.g. `Tue, 1 Jul 2003 10:52:37 +0200`.
    public var rfc5322Text: String {
        let local = localParts
        return "\(CivilCalendar.weekdayNames[local.weekday]), \(local.day) \(CivilCalendar.monthNames[local.month - 1]) "
            + "\(Self.padded(local.year, 4)) \(local.time) \(zoneText)"
    }

    /// The IMAP `date-time` form (RFC 9051 §9), e.g. `01-Jul-2003 10:52:37 +0200`.
    public var imapText: String {
        let local = localParts
        let day = local.day < 10 ? " \(local.day)" : "\(local.day)"
        return "\(day)-\(CivilCalendar.monthNames[local.month - 1])-\(Self.padded(local.year, 4)) \(local.time) \(zoneText)"
    }

    public var description: String { rfc5322Text }

    private var zoneText: String {
        let sign = zoneOffsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(zoneOffsetMinutes)
        return sign + Self.padded(magnitude / 60, 2) + Self.padded(magnitude % 60, 2)
    }

    private var localParts: (year: Int, month: Int, day: Int, weekday: Int, time: String) {
        let local = secondsSinceEpoch + Int64(zoneOffsetMinutes) * 60
        var days = local / 86_400
        var seconds = local % 86_400
        if seconds < 0 {
            seconds += 86_400
            days -= 1
        }
        let date = CivilCalendar.date(days: Int(days))
        let second = Int(seconds)
        let time = "\(Self.padded(second / 3600, 2)):\(Self.padded(second / 60 % 60, 2)):\(Self.padded(second % 60, 2))"
        return (date.year, date.month, date.day, CivilCalendar.weekday(days: Int(days)), time)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padding = String(repeating: "0", count: Swift.max(0, width - digits.count))
        return (value < 0 ? "-" : "") + padding + digits
    }
}
