import Testing
@testable import MailCore

@Suite("Base64 and quoted-printable (RFC 2045 §6)")
struct TransferEncodingTests {
    @Test(arguments: ["", "f", "fo", "foo", "foob", "fooba", "foobar"])
    func base64RoundTripsRFC4648Vectors(text: String) {
        let expected = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        let encoded = Base64.encode(text.bytes)
        #expect(String(decoding: encoded, as: UTF8.self) == expected[text])
        let decoded = Base64.decode(encoded)
        #expect(decoded == TransferDecodingResult(bytes: text.bytes, hadInvalidInput: false))
    }

    @Test func base64EncoderBreaksLinesAt76() {
        let data = [UInt8](repeating: 0xAB, count: 200)
        let encoded = String(decoding: Base64.encode(data), as: UTF8.self)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.dropLast().allSatisfy { $0.utf8.count == 76 })
        #expect(lines.last.map { $0.utf8.count <= 76 } == true)
        #expect(Base64.decode(Array(encoded.utf8)).bytes == data)
    }

    @Test func base64DecoderIsLenient() {
        // Whitespace and line breaks anywhere are skipped silently.
        #expect(Base64.decode(" Zm9v\r\nYmFy \t".bytes) == TransferDecodingResult(bytes: "foobar".bytes, hadInvalidInput: false))
        // Missing padding is fine.
        #expect(Base64.decode("Zm9vYg".bytes) == TransferDecodingResult(bytes: "foob".bytes, hadInvalidInput: false))
        // Junk is skipped and reported.
        #expect(Base64.decode("Zm9v!!YmFy".bytes) == TransferDecodingResult(bytes: "foobar".bytes, hadInvalidInput: true))
        // A lone sextet at the end cannot be a byte.
        #expect(Base64.decode("Zm9vY".bytes) == TransferDecodingResult(bytes: "foo".bytes, hadInvalidInput: true))
        // Concatenated encodings decode on after the padding.
        #expect(Base64.decode("Zg==Zm8=".bytes) == TransferDecodingResult(bytes: "ffo".bytes, hadInvalidInput: true))
    }

    @Test func quotedPrintableDecoding() {
        let encoded = "caf=C3=A9 =3D ok=\r\ncontinued\r\nline two   \r\nsoft =  \r\nend"
        let decoded = QuotedPrintable.decode(encoded.bytes)
        #expect(String(decoding: decoded.bytes, as: UTF8.self) == "café = okcontinued\r\nline two\r\nsoft end")
        #expect(!decoded.hadInvalidInput)

        let lenient = QuotedPrintable.decode("lower =e9 bad =ZZ trailing=".bytes)
        #expect(lenient.bytes == Array("lower ".utf8) + [0xE9] + Array(" bad =ZZ trailing".utf8))
        #expect(lenient.hadInvalidInput)

        let bareLF = QuotedPrintable.decode("a=\nb\nc".bytes)
        #expect(String(decoding: bareLF.bytes, as: UTF8.self) == "ab\nc")
    }

    @Test func quotedPrintableEncodingRoundTrips() {
        let text = "Grüße, = and a very long line that keeps going and going past the seventy-six column limit of RFC 2045 \nwith trailing space \nend"
        let encoded = QuotedPrintable.encode(text.bytes)
        let encodedText = String(decoding: encoded, as: UTF8.self)
        #expect(encodedText.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(encodedText.contains("=C3=BC"))
        #expect(encodedText.contains("space=20\r\n"))
        let decoded = QuotedPrintable.decode(encoded)
        #expect(String(decoding: decoded.bytes, as: UTF8.self) == text.crlf)

        let binary: [UInt8] = [0, 13, 10, 255, 61]
        #expect(QuotedPrintable.decode(QuotedPrintable.encode(binary, isText: false)).bytes == binary)
    }
}

@Suite("Encoded words (RFC 2047)")
struct EncodedWordTests {
    @Test func decodesBAndQ() {
        #expect(EncodedWordDecoder.decode("=?utf-8?B?Y2Fmw6k=?=") == "café")
        #expect(EncodedWordDecoder.decode("=?ISO-8859-1?Q?Andr=E9_Martin?=") == "André Martin")
        #expect(EncodedWordDecoder.decode("Re: =?utf-8?q?caf=C3=A9?= time") == "Re: café time")
    }

    @Test func adjacentWordsAreJoinedAndSplitCharactersSurvive() {
        #expect(EncodedWordDecoder.decode("=?utf-8?q?a?= =?utf-8?q?b?=\r\n =?utf-8?q?c?=") == "abc")
        // "€" (E2 82 AC) split across two words.
        #expect(EncodedWordDecoder.decode("=?utf-8?q?price_=E2=82?= =?utf-8?q?=AC?=") == "price €")
        // Whitespace between an encoded word and text stays.
        #expect(EncodedWordDecoder.decode("=?utf-8?q?a?= b") == "a b")
        // Different charsets next to each other.
        #expect(EncodedWordDecoder.decode("=?iso-8859-1?q?=E9?= =?koi8-r?b?8NLJ1w==?=") == "éПрив")
    }

    @Test func languageSuffixAndLenientForms() {
        #expect(EncodedWordDecoder.decode("=?utf-8*en?q?hello?=") == "hello")
        #expect(EncodedWordDecoder.decode("prefix=?utf-8?q?glued?=") == "prefixglued")
        #expect(EncodedWordDecoder.decode("=?utf-8?q?not closed") == "=?utf-8?q?not closed")
        #expect(EncodedWordDecoder.decode("=?utf-8?x?unknown_encoding?=") == "=?utf-8?x?unknown_encoding?=")
        #expect(EncodedWordDecoder.decode("=??q?empty_charset?=") == "=??q?empty_charset?=")
    }

    @Test func brokenWordsAreReported() throws {
        let (_, message) = try Fixture.parse("encoded-words")
        #expect(message.searchText.subject.hasPrefix("😂 split € sign"))
        #expect(message.searchText.subject.contains("abc"))
        #expect(message.searchText.subject.contains("bad=ZZescape"))
        #expect(message.searchText.subject.hasSuffix("=?utf-8?x?not_a_word?="))
        #expect(message.defects.contains(.unknownCharset("x-unknown")))
        #expect(message.defects.contains(.invalidQuotedPrintable))
        #expect(message.searchText.from == "Renée Dupont renee@example.fr")
        #expect(message.searchText.to == "François francois@example.fr")
        // ENVELOPE keeps the raw form.
        #expect(message.structure.envelope.from.first?.name == "=?utf-8?q?Ren=C3=A9e?= Dupont")
    }

    @Test(arguments: ["Hello", "Grüße aus Köln", "日本語のテキストはとても長いかもしれないので、複数のエンコードされた単語に分割する必要があります",
                      "=?not-a-word?=", "emoji 😂👍🏽 mix", String(repeating: "x", count: 200) + "é"])
    func encoderRoundTrips(text: String) {
        let encoded = EncodedWordEncoder.encodeUnstructured(text, fieldNameLength: 7)
        #expect(encoded.utf8.allSatisfy { $0 < 128 })
        let lines = encoded.components(separatedBy: "\r\n")
        if encoded != text { #expect(lines.allSatisfy { $0.utf8.count <= 76 }) }
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        let unfolded = encoded.replacingOccurrences(of: "\r\n", with: "")
        #expect(EncodedWordDecoder.decode(unfolded) == text)
        for word in EncodedWordEncoder.encodedWords(text) { #expect(word.utf8.count <= 75) }
    }

    @Test func phrasesAreQuotedOrEncoded() {
        #expect(EncodedWordEncoder.encodePhrase("John Smith") == "John Smith")
        #expect(EncodedWordEncoder.encodePhrase("Smith, John") == "\"Smith, John\"")
        #expect(EncodedWordEncoder.encodePhrase("Say \"hi\"") == "\"Say \\\"hi\\\"\"")
        let encoded = EncodedWordEncoder.encodePhrase("Jürgen (Ops)")
        #expect(encoded.hasPrefix("=?utf-8?"))
        #expect(!encoded.contains("(") && !encoded.contains(")"))
        let parsed = AddressListParser.parse(encoded + " <j@example.de>").flatMap(\.mailboxes)
        #expect(parsed.first?.displayName == "Jürgen (Ops)")
    }
}
