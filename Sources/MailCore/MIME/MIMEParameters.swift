/// One MIME parameter as IMAP BODYSTRUCTURE shows it: the name lower-cased, RFC 2231
/// continuations joined, and an extended (charset-tagged) value kept in its
/// `charset'language'%XX` form under the name with a trailing `*` (as Dovecot does), so
/// the value stays 7-bit. `MIMEParameters.value(named:)` gives the decoded text.
public struct MIMEParameter: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The parameters of a Content-Type or Content-Disposition field, in order.
public struct MIMEParameters: Sendable, Hashable {
    /// The parameters in IMAP form (see `MIMEParameter`).
    public var list: [MIMEParameter]

    public init(_ list: [MIMEParameter] = []) { self.list = list }

    public var isEmpty: Bool { list.isEmpty }

    /// The decoded value of a parameter: an RFC 2231 extended value (`name*`) converted from
    /// its charset is preferred over a plain one; RFC 2047 encoded words in a plain value
    /// (common in file names, though not standard) are decoded too.
    public func value(named name: String) -> String? {
        if let extended = list.first(where: { Self.name($0.name, matches: name, extended: true) }) {
            return RFC2231.decodeExtendedValue(Array(extended.value.utf8)[...])
        }
        guard let plain = list.first(where: { Self.name($0.name, matches: name, extended: false) }) else { return nil }
        if plain.value.utf8.count > 1, EncodedWordDecoder.mayContainEncodedWord(plain.value) {
            return EncodedWordDecoder.decode(plain.value)
        }
        return plain.value
    }

    /// Whether a stored (lower-case) name is `wanted`, ignoring ASCII case, with a `*` suffix if `extended`.
    private static func name(_ stored: String, matches wanted: String, extended: Bool) -> Bool {
        // Counts first: they are stored, and most names differ in length.
        let storedCount = stored.utf8.count
        guard storedCount == wanted.utf8.count + (extended ? 1 : 0) else { return false }
        if extended && stored.utf8.last != ASCII.asterisk { return false }
        var storedBytes = stored.utf8.makeIterator()
        for byte in wanted.utf8 where storedBytes.next() != ASCII.lowercased(byte) { return false }
        return true
    }

    /// The parameters as written after a Content-Type or Content-Disposition value in a
    /// header Martlet generates: `; name=value` each, quoted or RFC 2231-encoded as needed.
    public var headerText: String {
        var text = ""
        var written = Set<String>()
        for parameter in list {
            let name = parameter.name.hasSuffix("*") ? String(parameter.name.dropLast()) : parameter.name
            guard written.insert(name).inserted, let value = value(named: name) else { continue }
            text += "; " + RFC2231.format(name: name, value: value)
        }
        return text
    }

    /// The value as listed under exactly this (lower-case) name.
    public func rawValue(named name: String) -> String? {
        list.first(where: { $0.name == name })?.value
    }
}
