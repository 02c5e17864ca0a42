/// A character set a message may declare (MIME `charset` parameter, RFC 2047 encoded words),
/// among those MailCore converts to UTF-8.
public enum Charset: Sendable, Hashable, CustomStringConvertible {
    case utf8
    case usASCII
    /// A charset of one byte per character, converted by a 128-entry table for the upper half.
    case singleByte(SingleByteCharset)
    /// A multi-byte East Asian charset, converted through Foundation.
    case multiByte(MultiByteCharset)

    /// Finds a charset by its IANA name or a common alias, ignoring case and punctuation
    /// (`latin1`, `cp1252`, `ISO_8859-1:1987`, `ks_c_5601-1987`, ...). Nil when unknown.
    public init?(named name: some StringProtocol) {
        guard let charset = CharsetNames.lookup(name) else { return nil }
        self = charset
    }

    /// The preferred MIME name.
    public var description: String {
        switch self {
        case .utf8: "utf-8"
        case .usASCII: "us-ascii"
        case .singleByte(let charset): charset.rawValue
        case .multiByte(let charset): charset.rawValue
        }
    }
}

/// The single-byte charsets with generated tables (`scripts/generate-charset-tables.py`).
public enum SingleByteCharset: String, Sendable, Hashable, CaseIterable {
    /// ISO-8859-1 is decoded as its superset Windows-1252, as browsers and mail readers do:
    /// real messages labelled Latin-1 often carry Windows quotes and dashes in 0x80-0x9F.
    case iso8859_1 = "iso-8859-1"
    case iso8859_2 = "iso-8859-2"
    case iso8859_3 = "iso-8859-3"
    case iso8859_4 = "iso-8859-4"
    case iso8859_5 = "iso-8859-5"
    case iso8859_6 = "iso-8859-6"
    case iso8859_7 = "iso-8859-7"
    case iso8859_8 = "iso-8859-8"
    case iso8859_9 = "iso-8859-9"
    case iso8859_10 = "iso-8859-10"
    case iso8859_11 = "iso-8859-11"
    case iso8859_13 = "iso-8859-13"
    case iso8859_14 = "iso-8859-14"
    case iso8859_15 = "iso-8859-15"
    case iso8859_16 = "iso-8859-16"
    case windows1250 = "windows-1250"
    case windows1251 = "windows-1251"
    case windows1252 = "windows-1252"
    case windows1253 = "windows-1253"
    case windows1254 = "windows-1254"
    case windows1255 = "windows-1255"
    case windows1256 = "windows-1256"
    case windows1257 = "windows-1257"
    case windows1258 = "windows-1258"
    case koi8R = "koi8-r"
    case koi8U = "koi8-u"

    /// The Unicode scalars of the bytes 0x80-0xFF.
    var upperHalf: [UInt16] {
        switch self {
        case .iso8859_1, .windows1252: SingleByteCharsetTables.windows1252
        case .iso8859_2: SingleByteCharsetTables.iso8859_2
        case .iso8859_3: SingleByteCharsetTables.iso8859_3
        case .iso8859_4: SingleByteCharsetTables.iso8859_4
        case .iso8859_5: SingleByteCharsetTables.iso8859_5
        case .iso8859_6: SingleByteCharsetTables.iso8859_6
        case .iso8859_7: SingleByteCharsetTables.iso8859_7
        case .iso8859_8: SingleByteCharsetTables.iso8859_8
        case .iso8859_9: SingleByteCharsetTables.iso8859_9
        case .iso8859_10: SingleByteCharsetTables.iso8859_10
        case .iso8859_11: SingleByteCharsetTables.iso8859_11
        case .iso8859_13: SingleByteCharsetTables.iso8859_13
        case .iso8859_14: SingleByteCharsetTables.iso8859_14
        case .iso8859_15: SingleByteCharsetTables.iso8859_15
        case .iso8859_16: SingleByteCharsetTables.iso8859_16
        case .windows1250: SingleByteCharsetTables.windows1250
        case .windows1251: SingleByteCharsetTables.windows1251
        case .windows1253: SingleByteCharsetTables.windows1253
        case .windows1254: SingleByteCharsetTables.windows1254
        case .windows1255: SingleByteCharsetTables.windows1255
        case .windows1256: SingleByteCharsetTables.windows1256
        case .windows1257: SingleByteCharsetTables.windows1257
        case .windows1258: SingleByteCharsetTables.windows1258
        case .koi8R: SingleByteCharsetTables.koi8R
        case .koi8U: SingleByteCharsetTables.koi8U
        }
    }
}

/// Multi-byte charsets converted through Foundation (tested on the Linux toolchain).
public enum MultiByteCharset: String, Sendable, Hashable, CaseIterable {
    case shiftJIS = "shift_jis"
    /// Converted by rewriting it as Shift_JIS first: Foundation on Linux has no EUC-JP decoder.
    case eucJP = "euc-jp"
    case iso2022JP = "iso-2022-jp"
    /// Also serves GB2312 and GBK, which it contains.
    case gb18030 = "gb18030"
    case big5 = "big5"
    /// Also serves KS_C_5601-1987 and CP949 as far as they overlap.
    case eucKR = "euc-kr"
    case utf16 = "utf-16"
    case utf16BigEndian = "utf-16be"
    case utf16LittleEndian = "utf-16le"
}
