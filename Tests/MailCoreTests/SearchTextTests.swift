import Testing
@testable import MailCore

@Suite("Search text and preview")
struct SearchTextTests {
    @Test func nestedMessageText() throws {
        let (_, message) = try Fixture.parse("nested-multipart")
        let text = message.searchText
        #expect(text.subject == "Quarterly report and the slides")
        #expect(text.from == "André Martin andre@example.org")
        #expect(text.to == "Bob bob@example.net, Carol, Q. carol@example.net")
        #expect(text.cc == "team, dave@example.net, erin@example.net")
        #expect(text.bcc == "")
        // HTML alternatives are skipped when a plain version exists; attachments are not text.
        #expect(text.body == "Hi Bob, \nthe report is attached. Café at 10?\nPlain alternative.\nThe numbers look good.")
        #expect(message.structure.preview == "Hi Bob, the report is attached. Café at 10?")
    }

    @Test func htmlIsReducedToText() throws {
        let (_, message) = try Fixture.parse("html-only")
        #expect(message.searchText.subject == "News 📰 today")
        #expect(message.searchText.body == "Café & Bar\n\nPrices from 5€ – open!\n\nSecond paragraph with a link.")
        #expect(message.structure.preview == "Café & Bar Prices from 5€ – open! Second paragraph with a link.")
    }

    @Test func htmlEdgeCases() {
        func text(_ html: String) -> String { String(decoding: HTMLTextExtractor.text(from: html.bytes[...]), as: UTF8.self) }
        #expect(text("a<br>b<BR/>c") == "a\nb\nc")
        #expect(text("1 < 2 & 3 > 2") == "1 < 2 & 3 > 2")
        #expect(text("<SCRIPT>alert('<b>')</script>ok") == "ok")
        #expect(text("<style>unclosed") == "")
        #expect(text("<a title=\"x > y\">link</a>") == "link")
        #expect(text("&#128512; &#x1F600; &bogus; &#0; &#99999999;") == "😀 😀 &bogus; \u{FFFD} \u{FFFD}")
        #expect(text("<td>a</td><td>b</td>") == "a b")
        #expect(text("<!-- never closed") == "")
    }

    @Test func previewSkipsQuotesAndIsBounded() {
        let long = String(repeating: "word ", count: 200)
        let bytes = "Subject: p\r\n\r\n> quoted line\r\n>> more\r\nFresh   text\t here\r\n\(long)".bytes
        let preview = MessageParser().parse(bytes).structure.preview
        #expect(preview.hasPrefix("Fresh text here word word"))
        #expect(preview.unicodeScalars.count <= 256 && preview.unicodeScalars.count > 250)
        #expect(!preview.hasSuffix(" "))
    }

    @Test func bodyTextIsBoundedOnACharacterBoundary() {
        var limits = MessageParserLimits()
        limits.maximumSearchableBodyBytes = 10
        let message = MessageParser(limits: limits).parse("Content-Type: text/plain; charset=utf-8\r\n\r\nééééééééé".bytes)
        #expect(message.searchText.body == "ééééé")
    }

    @Test func attachmentsDoNotMakeThePreview() {
        let text = "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Disposition: attachment\r\n\r\nattached notes\r\n--x\r\nContent-Type: text/html\r\n\r\n<b>Hello</b> there\r\n--x--\r\n"
        let message = MessageParser().parse(text.bytes)
        #expect(message.searchText.body == "attached notes\nHello there")
        #expect(message.structure.preview == "Hello there")
    }
}
