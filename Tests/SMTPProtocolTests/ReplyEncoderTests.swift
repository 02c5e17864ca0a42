import Testing
import SMTPProtocol

@Suite("SMTP reply encoder")
struct ReplyEncoderTests {
    @Test func oneLineWithEnhancedCode() {
        #expect(SMTPReply.senderAccepted.description == "250 2.1.0 Sender OK\r\n")
    }

    @Test func everyLineOfAMultilineReplyCarriesTheCodes() {
        let reply = SMTPReply(code: 550, enhancedCode: SMTPEnhancedStatusCode(5, 7, 1), lines: ["first", "second"])
        #expect(reply.description == "550-5.7.1 first\r\n550 5.7.1 second\r\n")
    }

    @Test func repliesWithoutEnhancedCodeAndEmptyChallenges() {
        #expect(SMTPReply(code: 250, enhancedCode: nil, lines: ["mx.example.org", "PIPELINING"]).description
            == "250-mx.example.org\r\n250 PIPELINING\r\n")
        #expect(SMTPReply.authenticationChallenge("").description == "334 \r\n")
        #expect(SMTPReply(code: 250, enhancedCode: nil, lines: []).description == "250 \r\n")
    }

    @Test func controlCharactersCannotEndAReplyEarly() {
        let reply = SMTPReply(250, nil, "evil\r\n250 injected")
        #expect(reply.description == "250 evil??250 injected\r\n")
    }

    @Test func failureClassesFollowTheCode() {
        #expect(SMTPReply.tooManyRecipients.isFailure)
        #expect(SMTPReply.startMailInput.isPositiveIntermediate)
        #expect(SMTPReply.ok.isPositiveCompletion)
    }
}
