/// The stringprep (RFC 3454) tables that the SASLprep profile (RFC 4013) uses.
///
/// The tables are exact transcriptions of RFC 3454 Appendices B and C; the
/// bidirectional tables of Appendix D are in `StringprepBidirectionalTables.swift`.
enum StringprepTables {
    /// B.1: commonly mapped to nothing (soft hyphen, joiners, variation selectors, BOM...).
    static let mappedToNothing = ScalarRangeTable(bounds: [
        0x00AD, 0x00AD, 0x034F, 0x034F, 0x1806, 0x1806, 0x180B, 0x180D, 0x200B, 0x200D,
        0x2060, 0x2060, 0xFE00, 0xFE0F, 0xFEFF, 0xFEFF,
    ])

    /// C.1.2: non-ASCII space characters (SASLprep maps them to U+0020).
    static let nonASCIISpace = ScalarRangeTable(bounds: [
        0x00A0, 0x00A0, 0x1680, 0x1680, 0x2000, 0x200B, 0x202F, 0x202F, 0x205F, 0x205F,
        0x3000, 0x3000,
    ])

    /// C.2.1: ASCII control characters.
    static let asciiControl = ScalarRangeTable(bounds: [0x0000, 0x001F, 0x007F, 0x007F])

    /// C.2.2: non-ASCII control characters.
    static let nonASCIIControl = ScalarRangeTable(bounds: [
        0x0080, 0x009F, 0x06DD, 0x06DD, 0x070F, 0x070F, 0x180E, 0x180E, 0x200C, 0x200D,
        0x2028, 0x2029, 0x2060, 0x2063, 0x206A, 0x206F, 0xFEFF, 0xFEFF, 0xFFF9, 0xFFFC,
        0x1D173, 0x1D17A,
    ])

    /// C.3: private use.
    static let privateUse = ScalarRangeTable(bounds: [
        0xE000, 0xF8FF, 0xF0000, 0xFFFFD, 0x100000, 0x10FFFD,
    ])

    /// C.4: non-character code points.
    static let nonCharacter = ScalarRangeTable(bounds: [
        0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x1FFFF, 0x2FFFE, 0x2FFFF, 0x3FFFE, 0x3FFFF,
        0x4FFFE, 0x4FFFF, 0x5FFFE, 0x5FFFF, 0x6FFFE, 0x6FFFF, 0x7FFFE, 0x7FFFF, 0x8FFFE, 0x8FFFF,
        0x9FFFE, 0x9FFFF, 0xAFFFE, 0xAFFFF, 0xBFFFE, 0xBFFFF, 0xCFFFE, 0xCFFFF, 0xDFFFE, 0xDFFFF,
        0xEFFFE, 0xEFFFF, 0xFFFFE, 0xFFFFF, 0x10FFFE, 0x10FFFF,
    ])

    /// C.5: surrogate codes (cannot occur in a Swift `String`, kept for completeness).
    static let surrogate = ScalarRangeTable(bounds: [0xD800, 0xDFFF])

    /// C.6: inappropriate for plain text.
    static let inappropriateForPlainText = ScalarRangeTable(bounds: [0xFFF9, 0xFFFD])

    /// C.7: inappropriate for canonical representation.
    static let inappropriateForCanonicalRepresentation = ScalarRangeTable(bounds: [0x2FF0, 0x2FFB])

    /// C.8: change display properties or are deprecated.
    static let changesDisplayProperties = ScalarRangeTable(bounds: [
        0x0340, 0x0341, 0x200E, 0x200F, 0x202A, 0x202E, 0x206A, 0x206F,
    ])

    /// C.9: tagging characters.
    static let tagging = ScalarRangeTable(bounds: [0xE0001, 0xE0001, 0xE0020, 0xE007F])

    /// The prohibited-output tables of SASLprep (RFC 4013 §2.3), in the RFC's order.
    static let saslprepProhibited: [(StringprepTable, ScalarRangeTable)] = [
        (.nonASCIISpace, nonASCIISpace),
        (.asciiControl, asciiControl),
        (.nonASCIIControl, nonASCIIControl),
        (.privateUse, privateUse),
        (.nonCharacter, nonCharacter),
        (.surrogate, surrogate),
        (.inappropriateForPlainText, inappropriateForPlainText),
        (.inappropriateForCanonicalRepresentation, inappropriateForCanonicalRepresentation),
        (.changesDisplayProperties, changesDisplayProperties),
        (.tagging, tagging),
    ]
}

/// A prohibited-output table of stringprep (RFC 3454 Appendix C), named in errors.
public enum StringprepTable: String, Sendable, Equatable, CustomStringConvertible {
    case nonASCIISpace = "C.1.2"
    case asciiControl = "C.2.1"
    case nonASCIIControl = "C.2.2"
    case privateUse = "C.3"
    case nonCharacter = "C.4"
    case surrogate = "C.5"
    case inappropriateForPlainText = "C.6"
    case inappropriateForCanonicalRepresentation = "C.7"
    case changesDisplayProperties = "C.8"
    case tagging = "C.9"

    public var description: String {
        let meaning: String
        switch self {
        case .nonASCIISpace: meaning = "non-ASCII space"
        case .asciiControl: meaning = "ASCII control character"
        case .nonASCIIControl: meaning = "non-ASCII control character"
        case .privateUse: meaning = "private use code point"
        case .nonCharacter: meaning = "non-character code point"
        case .surrogate: meaning = "surrogate code point"
        case .inappropriateForPlainText: meaning = "character inappropriate for plain text"
        case .inappropriateForCanonicalRepresentation: meaning = "ideographic description character"
        case .changesDisplayProperties: meaning = "character that changes display properties"
        case .tagging: meaning = "tagging character"
        }
        return "RFC 3454 table \(rawValue), \(meaning)"
    }
}
