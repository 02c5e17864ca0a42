/// The MIME boundary of a DSN (RFC 2046 §5.1.1): derived from the notification's Message-ID
/// and proven absent from every part, so no content can end a part early.
enum DSNBoundary {
    /// The most characters of the Message-ID the boundary repeats.
    static let identifierLength = 40

    /// `=_N_ID` where ID is the Message-ID's letters, digits, dots and hyphens and N is the
    /// smallest number for which `--=_N_ID` occurs in none of `parts`.
    ///
    /// The candidates cannot contain one another (each N is followed by `_`), so one pass
    /// that collects every N that does occur is enough.
    static func choose(messageID: String, avoiding parts: [ArraySlice<UInt8>]) -> String {
        let identifier = Array(messageID.utf8.filter(isKept).prefix(identifierLength))
        var taken = Set<[UInt8]>()
        for part in parts { collectTakenNumbers(in: part, identifier: identifier, into: &taken) }
        var number = 0
        while taken.contains(Array(String(number).utf8)) { number += 1 }
        return "=_\(number)_" + String(decoding: identifier, as: UTF8.self)
    }

    /// Every digit run N for which `--=_N_` + identifier occurs in `bytes`.
    private static func collectTakenNumbers(in bytes: ArraySlice<UInt8>, identifier: [UInt8], into taken: inout Set<[UInt8]>) {
        let opener: [UInt8] = Array("--=_".utf8)
        var index = bytes.startIndex
        while index + opener.count <= bytes.endIndex {
            guard bytes[index..<index + opener.count].elementsEqual(opener) else {
                index += 1
                continue
            }
            var cursor = index + opener.count
            while cursor < bytes.endIndex, (48...57).contains(bytes[cursor]) { cursor += 1 }
            let digits = bytes[(index + opener.count)..<cursor]
            let tail = cursor + 1 + identifier.count
            // Runs longer than any number tried (at most one per occurrence) cannot collide.
            if !digits.isEmpty, digits.count <= 18, tail <= bytes.endIndex, bytes[cursor] == UInt8(ascii: "_"),
               bytes[(cursor + 1)..<tail].elementsEqual(identifier) {
                taken.insert(Array(digits))
            }
            index += 2
        }
    }

    /// Characters a boundary may hold without quoting trouble (a subset of RFC 2046 `bchars`).
    private static func isKept(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }
}
