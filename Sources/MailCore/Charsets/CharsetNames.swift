/// The names and aliases under which charsets are found (IANA character set registry
/// plus names seen in real mail).
enum CharsetNames {
    /// Looks a name up after lower-casing it and dropping everything but letters and digits.
    static func lookup(_ name: some StringProtocol) -> Charset? {
        let count = name.utf8.count
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(count, 1)) { buffer -> Charset? in
            var length = 0
            for byte in name.utf8 where ASCII.isDigit(byte) || ASCII.isLetter(byte) {
                buffer[length] = ASCII.lowercased(byte)
                length += 1
            }
            let key = UnsafeBufferPointer(rebasing: buffer[..<length])
            // The names nearly all mail uses, without hashing a string.
            if key.elementsEqual("utf8".utf8) { return .utf8 }
            if key.elementsEqual("usascii".utf8) { return .usASCII }
            if let found = table[String(decoding: key, as: UTF8.self)] { return found }
            // "x-sjis", "x-euc-jp", "x-gbk": experimental names of registered charsets.
            guard key.first == UInt8(ascii: "x") else { return nil }
            return table[String(decoding: key.dropFirst(), as: UTF8.self)]
        }
    }

    private static let table: [String: Charset] = {
        var table = [String: Charset]()
        func add(_ charset: Charset, _ names: String...) {
            for name in names { table[name] = charset }
        }
        add(.utf8, "utf8", "unicode11utf8", "unicode20utf8", "csutf8")
        add(.usASCII, "usascii", "ascii", "ansix341968", "ansix341986", "iso646us", "iso646irv1991",
            "us", "cp367", "ibm367", "csascii", "isoir6", "646")
        let single: [(SingleByteCharset, [String])] = [
            (.iso8859_1, ["iso88591", "iso885911987", "latin1", "l1", "isoir100", "cp819", "ibm819",
                          "csisolatin1", "88591", "iso8859"]),
            (.iso8859_2, ["iso88592", "iso885921987", "latin2", "l2", "isoir101", "csisolatin2", "88592"]),
            (.iso8859_3, ["iso88593", "iso885931988", "latin3", "l3", "isoir109", "csisolatin3"]),
            (.iso8859_4, ["iso88594", "iso885941988", "latin4", "l4", "isoir110", "csisolatin4"]),
            (.iso8859_5, ["iso88595", "iso885951988", "cyrillic", "isoir144", "csisolatincyrillic"]),
            (.iso8859_6, ["iso88596", "iso885961987", "arabic", "isoir127", "ecma114", "asmo708",
                          "csisolatinarabic", "iso88596i", "iso88596e"]),
            (.iso8859_7, ["iso88597", "iso885971987", "greek", "greek8", "isoir126", "elot928", "ecma118",
                          "csisolatingreek"]),
            (.iso8859_8, ["iso88598", "iso885981988", "hebrew", "isoir138", "csisolatinhebrew",
                          "iso88598i", "iso88598e", "visual", "logical"]),
            (.iso8859_9, ["iso88599", "iso885991989", "latin5", "l5", "isoir148", "csisolatin5"]),
            (.iso8859_10, ["iso885910", "iso8859101992", "latin6", "l6", "isoir157", "csisolatin6"]),
            (.iso8859_11, ["iso885911", "tis620", "tis6200", "tis62025291", "tis62025330", "windows874",
                           "cp874"]),
            (.iso8859_13, ["iso885913", "latin7", "l7", "csiso885913"]),
            (.iso8859_14, ["iso885914", "iso8859141998", "latin8", "l8", "isoceltic", "isoir199"]),
            (.iso8859_15, ["iso885915", "latin9", "l9", "latin0", "csiso885915"]),
            (.iso8859_16, ["iso885916", "iso8859162001", "latin10", "l10", "isoir226"]),
            (.windows1250, ["windows1250", "cp1250", "mscp1250", "cswindows1250"]),
            (.windows1251, ["windows1251", "cp1251", "mscp1251", "cswindows1251"]),
            (.windows1252, ["windows1252", "cp1252", "mscp1252", "cswindows1252", "ansi"]),
            (.windows1253, ["windows1253", "cp1253", "mscp1253", "cswindows1253"]),
            (.windows1254, ["windows1254", "cp1254", "mscp1254", "cswindows1254"]),
            (.windows1255, ["windows1255", "cp1255", "mscp1255", "cswindows1255"]),
            (.windows1256, ["windows1256", "cp1256", "mscp1256", "cswindows1256"]),
            (.windows1257, ["windows1257", "cp1257", "mscp1257", "cswindows1257"]),
            (.windows1258, ["windows1258", "cp1258", "mscp1258", "cswindows1258"]),
            (.koi8R, ["koi8r", "koi8", "cskoi8r"]),
            (.koi8U, ["koi8u", "koi8ru"]),
        ]
        for (charset, names) in single {
            for name in names { table[name] = .singleByte(charset) }
        }
        let multi: [(MultiByteCharset, [String])] = [
            (.shiftJIS, ["shiftjis", "sjis", "mskanji", "csshiftjis", "windows31j", "cswindows31j", "cp932",
                         "ms932"]),
            (.eucJP, ["eucjp", "cseucpkdfmtjapanese", "extendedunixcodepackedformatforjapanese"]),
            (.iso2022JP, ["iso2022jp", "csiso2022jp", "iso2022jp1", "iso2022jp2", "csiso2022jp2"]),
            (.gb18030, ["gb18030", "gbk", "gb2312", "csgb2312", "euccn", "cp936", "ms936", "windows936",
                        "chinese", "csgbk", "gb231280", "isoir58"]),
            (.big5, ["big5", "csbig5", "big5hkscs", "cp950", "cnbig5"]),
            (.eucKR, ["euckr", "cseuckr", "ksc56011987", "ksc5601", "isoir149", "korean", "cp949",
                      "windows949", "uhc", "csksc56011987"]),
            (.utf16, ["utf16"]),
            (.utf16BigEndian, ["utf16be"]),
            (.utf16LittleEndian, ["utf16le"]),
        ]
        for (charset, names) in multi {
            for name in names { table[name] = .multiByte(charset) }
        }
        return table
    }()
}
