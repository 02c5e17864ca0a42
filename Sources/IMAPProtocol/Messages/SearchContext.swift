import Foundation
import MailStore

/// What a SEARCH evaluation needs besides the messages: the moment (for `OLDER`/`YOUNGER`),
/// the session's saved result and `\Recent` set, and the zone dates are seen in.
public struct SearchContext: Sendable {
    /// The present moment (RFC 5032 intervals count back from it).
    public var now: Date
    /// The result saved by `SEARCH RETURN (SAVE)` (RFC 5182), as ascending UIDs (see
    /// ``SearchResult/savedResult(options:)``); nil when none was saved, in which case `$` is
    /// the empty set.
    public var savedResult: [UID]?
    /// The messages the session counts as `\Recent` (IMAP4rev1 `RECENT`, `NEW`, `OLD`).
    public var recent: UIDSet
    /// The zone, in minutes east of UTC, whose calendar days `BEFORE`/`ON`/`SINCE` and the
    /// `SAVED*` keys compare with (the zone INTERNALDATE is shown in, so a client sees the
    /// same day it searches for).
    public var dateZoneOffsetMinutes: Int

    /// A context with the given values.
    public init(now: Date, savedResult: [UID]? = nil, recent: UIDSet = UIDSet(), dateZoneOffsetMinutes: Int = 0) {
        self.now = now
        self.savedResult = savedResult
        self.recent = recent
        self.dateZoneOffsetMinutes = dateZoneOffsetMinutes
    }
}
