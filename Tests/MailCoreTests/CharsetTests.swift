import TestSupport
import Testing
@testable import MailCore

@Suite("Charsets to UTF-8")
struct CharsetTests {
    /// Text and its bytes in each charset, made with Python's codecs (an independent encoder).
    static let vectors: [(String, [UInt8], String)] = [
        ("iso-8859-2", [90, 97, 191, 243, 179, 230, 32, 103, 234, 182, 108, 177, 32, 106, 97, 188, 241], "Zażółć gęślą jaźń"),
        ("iso-8859-3", [161, 32, 248, 32, 253], "Ħ ĝ ŭ"),
        ("iso-8859-4", [192, 170, 207, 32, 243, 182, 241], "ĀĒĪ ķļņ"),
        ("iso-8859-5", [191, 224, 216, 210, 213, 226], "Привет"),
        ("iso-8859-6", [229, 209, 205, 200, 199], "مرحبا"),
        ("iso-8859-7", [202, 225, 235, 231, 236, 221, 241, 225], "Καλημέρα"),
        ("iso-8859-8", [249, 236, 229, 237], "שלום"),
        ("iso-8859-9", [221, 115, 116, 97, 110, 98, 117, 108, 32, 240, 254], "İstanbul ğş"),
        ("iso-8859-10", [175, 187, 32, 255], "Ŋŧ ĸ"),
        ("iso-8859-11", [202, 199, 209, 202, 180, 213], "สวัสดี"),
        ("iso-8859-13", [192, 232, 230, 235, 225, 240, 248, 251, 254, 32, 161, 120, 180], "Ąčęėįšųūž ”x“"),
        ("iso-8859-14", [168, 240, 32, 172, 254], "Ẁŵ Ỳŷ"),
        ("iso-8859-15", [80, 114, 105, 120, 58, 32, 53, 32, 164, 32, 189], "Prix: 5 € œ"),
        ("iso-8859-16", [170, 116, 105, 105, 110, 254, 227, 32, 186, 32, 254, 32, 164], "Știință ș ț €"),
        ("windows-1250", [80, 248, 237, 108, 105, 154, 32, 158, 108, 117, 157, 111, 117, 232, 107, 253], "Příliš žluťoučký"),
        ("windows-1251", [209, 250, 229, 248, 252, 32, 230, 229, 32, 229, 249, 184], "Съешь же ещё"),
        ("windows-1252", [147, 113, 117, 111, 116, 101, 100, 148, 32, 150, 32, 100, 97, 115, 104, 32, 128], "“quoted” – dash €"),
        ("windows-1253", [202, 225, 235, 231, 236, 221, 241, 225, 32, 161], "Καλημέρα ΅"),
        ("windows-1254", [221, 115, 116, 97, 110, 98, 117, 108, 32, 240, 254], "İstanbul ğş"),
        ("windows-1255", [249, 236, 229, 237, 32, 164], "שלום ₪"),
        ("windows-1256", [227, 209, 205, 200, 199, 32, 129], "مرحبا پ"),
        ("windows-1257", [192, 232, 230, 235, 225, 240, 248, 251, 254], "Ąčęėįšųūž"),
        ("windows-1258", [86, 105, 234, 242, 116, 32, 254, 32, 213], "Viê\u{0323}t ₫ Ơ"),
        ("koi8-r", [240, 210, 201, 215, 197, 212, 44, 32, 205, 201, 210], "Привет, мир"),
        ("koi8-u", [240, 210, 201, 215, 166, 212, 44, 32, 167, 214, 193, 203], "Привіт, їжак"),
        ("iso-8859-1", [71, 114, 252, 223, 101, 32, 233], "Grüße é"),
        ("shift_jis", [147, 250, 150, 123, 140, 234, 130, 204, 131, 101, 131, 76, 131, 88, 131, 103], "日本語のテキスト"),
        ("euc-jp", [198, 252, 203, 220, 184, 236, 164, 206, 165, 198, 165, 173, 165, 185, 165, 200, 32, 142, 182, 142, 192, 142, 182, 142, 197], "日本語のテキスト ｶﾀｶﾅ"),
        ("iso-2022-jp", [27, 36, 66, 70, 124, 75, 92, 56, 108, 36, 78, 37, 70, 37, 45, 37, 57, 37, 72, 27, 40, 66], "日本語のテキスト"),
        ("gb2312", [214, 208, 206, 196, 178, 226, 202, 212], "中文测试"),
        ("gbk", [214, 208, 206, 196, 178, 226, 202, 212], "中文测试"),
        ("gb18030", [214, 208, 206, 196, 178, 226, 202, 212], "中文测试"),
        ("big5", [164, 164, 164, 229, 180, 250, 184, 213], "中文測試"),
        ("euc-kr", [199, 209, 177, 185, 190, 238, 32, 189, 195, 199, 232], "한국어 시험"),
        ("utf-16", [255, 254, 72, 0, 101, 0, 108, 0, 108, 0, 111, 0, 32, 0, 3, 38], "Hello ☃"),
    ]

    @Test func everyFamilyDecodes() throws {
        for (name, bytes, text) in Self.vectors {
            let decoded = CharsetDecoder.decode(bytes, charsetNamed: name)
            #expect(decoded.text == text, "\(name)")
            #expect(decoded.status == .exact, "\(name)")
        }
    }

    @Test(arguments: [
        ("latin1", "iso-8859-1"), ("ISO_8859-1:1987", "iso-8859-1"), ("cp1252", "windows-1252"),
        ("x-cp1250", "windows-1250"), ("UTF8", "utf-8"), ("ANSI_X3.4-1968", "us-ascii"), ("csKOI8R", "koi8-r"),
        ("l2", "iso-8859-2"), ("iso8859-15", "iso-8859-15"), ("x-sjis", "shift_jis"), ("ks_c_5601-1987", "euc-kr"),
        ("\"utf-8\"", "utf-8"), ("  Windows-1251 ", "windows-1251"), ("GBK", "gb18030"), ("tis-620", "iso-8859-11"),
    ])
    func aliasesAreFound(alias: String, name: String) {
        #expect(Charset(named: alias)?.description == name)
    }

    @Test func latin1IsReadAsWindows1252() {
        #expect(CharsetDecoder.decode([0x93, 0x41, 0x94, 0xE9], charsetNamed: "iso-8859-1").text == "\u{201C}A\u{201D}é")
    }

    @Test func unknownCharsetIsReportedAndReadLeniently() {
        let utf8 = CharsetDecoder.decode("naïve".bytes, charsetNamed: "x-klingon")
        #expect(utf8 == DecodedText(text: "naïve", status: .unknownCharset("x-klingon")))
        let legacy = CharsetDecoder.decode([0x6E, 0x61, 0xEF, 0x76, 0x65], charsetNamed: "x-klingon")
        #expect(legacy == DecodedText(text: "naïve", status: .unknownCharset("x-klingon")))
    }

    @Test func invalidBytesAreReplacedAndReported() {
        let badUTF8 = CharsetDecoder.decode([0x61, 0xC3, 0x28, 0x62], charsetNamed: "utf-8")
        #expect(badUTF8.text == "a\u{FFFD}(b")
        #expect(badUTF8.status == .invalidBytes)
        let badJapanese = CharsetDecoder.decode([0x41, 0x0A, 0x82, 0xFF, 0x0A, 0x42], charsetNamed: "shift_jis")
        #expect(badJapanese.text.hasPrefix("A\n") && badJapanese.text.hasSuffix("\nB"))
        #expect(badJapanese.status == .invalidBytes)
        let asciiWithEightBit = CharsetDecoder.decode([0x63, 0x61, 0x66, 0xE9], charsetNamed: "us-ascii")
        #expect(asciiWithEightBit.text == "café")
    }

    @Test func utf8ValidationMatchesTheStandardLibrary() {
        var generator = SeededGenerator(seed: 7)
        for length in 0..<300 {
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if length % 3 == 0 { bytes = Array("ok ✓ 😂 ".utf8) + bytes.map { $0 & 0x7F } }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(UTF8Validation.isValid(bytes[...]) == expected)
        }
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80]] {
            #expect(!UTF8Validation.isValid(bad[...]))
        }
    }

    @Test func charsetsInAMessage() throws {
        let (_, message) = try Fixture.parse("charsets")
        let body = message.searchText.body
        for expected in ["Zażółć gęślą jaźń", "Привет, мир", "Съешь же ещё", "Prix: 5 €", "\u{201C}quoted\u{201D} \u{2013} dash",
                         "Καλημέρα", "日本語のテキスト", "中文測試", "中文测试", "한국어 시험", "plain ascii"] {
            #expect(body.contains(expected), "\(expected)")
        }
        #expect(body.components(separatedBy: "日本語のテキスト").count == 4)
        #expect(message.defects.contains(.unknownCharset("x-no-such-charset")))
    }
}
