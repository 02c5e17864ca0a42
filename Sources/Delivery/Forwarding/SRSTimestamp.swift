import Foundation

/// The SRS timestamp (Shevek, "Sender Rewriting Scheme", §4.1; libsrs2): the day since the
/// Unix epoch modulo 1024, written as two base32 characters, the high five bits first.
/// It wraps every 1024 days (about 2.8 years), so an age is counted modulo 1024.
enum SRSTimestamp {
    /// The base32 alphabet of RFC 4648 §6, which SRS uses for the timestamp.
    static let alphabet: [Character] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    /// How many distinct timestamps there are (two characters of five bits).
    static let slots = 1024
    private static let secondsPerDay = 86_400.0

    /// The day number of `date` modulo 1024.
    static func slot(of date: Date) -> Int {
        let day = Int((date.timeIntervalSince1970 / secondsPerDay).rounded(.down))
        return ((day % slots) + slots) % slots
    }

    /// The two characters for the day of `date`.
    static func encode(_ date: Date) -> String {
        let slot = slot(of: date)
        return String([alphabet[slot >> 5], alphabet[slot & 31]])
    }

    /// The slot that `text` encodes, ignoring case, or nil when it is not two base32 characters.
    static func decode<Text: StringProtocol>(_ text: Text) -> Int? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 2 else { return nil }
        var slot = 0
        for scalar in scalars {
            // ASCII letters of either case, and the digits 2 to 7.
            let upper = scalar >= "a" && scalar <= "z" ? Character(Unicode.Scalar(UInt8(scalar.value - 0x20))) : Character(scalar)
            guard let value = alphabet.firstIndex(of: upper) else { return nil }
            slot = slot << 5 | value
        }
        return slot
    }

    /// Days from the slot `stamp` to the day of `now`, in 0..<1024: a stamp "in the future"
    /// is taken as one from the previous 1024-day cycle, as libsrs2 does.
    static func age(of stamp: Int, now: Date) -> Int {
        (slot(of: now) - stamp + slots) % slots
    }
}
