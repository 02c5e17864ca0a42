import Foundation

/// The SASLprep profile of stringprep (RFC 4013, RFC 3454), used for SASL user names and
/// passwords so that the same text typed on different systems compares equal.
///
/// Faithful: the mapping tables (C.1.2 to SPACE, B.1 to nothing), every prohibited-output
/// table (C.1.2, C.2.1, C.2.2, C.3–C.9), and the bidirectional rule with the Unicode 3.2
/// tables D.1 and D.2.
///
/// Approximated: normalization is NFKC from the Unicode version of the running Swift
/// toolchain rather than Unicode 3.2 (they differ only for a handful of CJK compatibility
/// ideographs corrected since, and for characters assigned after 3.2, which stored-string
/// mode refuses anyway); the stored-string test for unassigned code points (Table A.1) uses
/// the character database's "age" property, so it is exactly "not assigned in Unicode 3.2".
public enum SASLprep {
    /// The two ways RFC 3454 §7 treats code points unassigned in Unicode 3.2.
    public enum Mode: Sendable {
        /// Strings received for a comparison (a login attempt): unassigned code points pass through.
        case query
        /// Strings about to be stored (a new password): unassigned code points are an error.
        case storedString
    }

    /// Prepares `string` with SASLprep, or throws the first rule it breaks.
    public static func prepare(_ string: String, mode: Mode = .query) throws(SASLError) -> String {
        var mapped = String.UnicodeScalarView()
        for scalar in string.unicodeScalars {
            // RFC 4013 §2.1. U+200B is in both C.1.2 and B.1; the space mapping is listed first.
            if StringprepTables.nonASCIISpace.contains(scalar) {
                mapped.append(" ")
            } else if !StringprepTables.mappedToNothing.contains(scalar) {
                mapped.append(scalar)
            }
        }
        // RFC 4013 §2.2: Unicode normalization form KC.
        let normalized = String(mapped).precomposedStringWithCompatibilityMapping

        var containsRandAL = false
        var containsL = false
        for scalar in normalized.unicodeScalars {
            for (table, ranges) in StringprepTables.saslprepProhibited where ranges.contains(scalar) {
                throw .prohibitedCharacter(table)
            }
            if mode == .storedString && !isAssignedInUnicode32(scalar) {
                throw .unassignedCodePoint
            }
            if StringprepTables.randALCategory.contains(scalar) { containsRandAL = true }
            if StringprepTables.lCategory.contains(scalar) { containsL = true }
        }
        // RFC 3454 §6: a string with right-to-left characters has no left-to-right ones,
        // and starts and ends with a right-to-left character.
        if containsRandAL {
            guard !containsL,
                let first = normalized.unicodeScalars.first,
                let last = normalized.unicodeScalars.last,
                StringprepTables.randALCategory.contains(first),
                StringprepTables.randALCategory.contains(last)
            else { throw .bidirectionalRuleViolated }
        }
        return normalized
    }

    /// Whether `scalar` was assigned by Unicode 3.2 (the complement of RFC 3454 Table A.1).
    private static func isAssignedInUnicode32(_ scalar: Unicode.Scalar) -> Bool {
        guard let age = scalar.properties.age else { return false }
        return age.major < 3 || (age.major == 3 && age.minor <= 2)
    }
}
