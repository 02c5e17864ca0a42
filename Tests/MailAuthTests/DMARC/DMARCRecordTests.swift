import Testing
@testable import MailAuth

@Suite struct DMARCRecordTests {
    @Test func everyTagIsRead() throws {
        let record = try DMARCRecord(parsing: """
            v=DMARC1; p=Reject; sp=quarantine; adkim=s; aspf=S; pct=25; \
            rua=mailto:agg@example.org!10m, mailto:other@example.net; ruf=mailto:fail@example.org; \
            fo=1:d:s; rf=afrf; ri=3600
            """)
        #expect(record.policy == .reject)
        #expect(record.subdomainPolicy == .quarantine)
        #expect(record.dkimAlignment == .strict)
        #expect(record.spfAlignment == .strict)
        #expect(record.percentage == 25)
        #expect(record.aggregateReportURIs == [DMARCReportURI(uri: "mailto:agg@example.org", maximumSize: 10 << 20),
                                               DMARCReportURI(uri: "mailto:other@example.net")])
        #expect(record.failureReportURIs == [DMARCReportURI(uri: "mailto:fail@example.org")])
        #expect(record.failureReportingOptions == [.anyMechanismFailed, .dkimFailed, .spfFailed])
        #expect(record.reportFormats == ["afrf"])
        #expect(record.reportInterval == 3600)
        #expect(record.replacedPolicyProblem == nil)
    }

    @Test func defaultsFillTheTagsLeftOut() throws {
        let record = try DMARCRecord(parsing: "v=DMARC1;p=none")
        #expect(record == DMARCRecord(policy: .none))
        #expect(record.subdomainPolicy == nil)
        #expect(record.dkimAlignment == .relaxed && record.spfAlignment == .relaxed)
        #expect(record.percentage == 100 && record.reportInterval == 86400)
        #expect(record.failureReportingOptions == [.allMechanismsFailed] && record.reportFormats == ["afrf"])
        #expect(record.policy(forSubdomain: true) == .none)
    }

    @Test func invalidValuesGiveTheDefaults() throws {
        let record = try DMARCRecord(parsing: "v=DMARC1; p=quarantine; adkim=x; aspf=; pct=101; fo=2; rf=a b; ri=-1; rua=example.org, mailto:ok@example.org!9q")
        #expect(record.dkimAlignment == .relaxed && record.spfAlignment == .relaxed)
        #expect(record.percentage == 100)
        #expect(record.failureReportingOptions == [.allMechanismsFailed])
        #expect(record.reportFormats == ["afrf"])
        #expect(record.reportInterval == 86400)
        #expect(record.aggregateReportURIs.isEmpty)
        #expect(try DMARCRecord(parsing: "v=DMARC1; p=reject; pct=0").percentage == 0)
        #expect(try DMARCRecord(parsing: "v=DMARC1; p=reject; pct=abc").percentage == 100)
    }

    @Test func unknownTagsAndStraySeparatorsAreIgnored() throws {
        let record = try DMARCRecord(parsing: "v=DMARC1 ;  ; np=reject; junk; x=y; p = reject ;")
        #expect(record.policy == .reject)
        #expect(try DMARCRecord(parsing: "v=DMARC1; p=none; p=reject").policy == .none)
    }

    @Test func versionMustComeFirstAndBeExact() {
        #expect(throws: DMARCRecordProblem.notDMARCRecord) { try DMARCRecord(parsing: "p=reject; v=DMARC1") }
        #expect(throws: DMARCRecordProblem.notDMARCRecord) { try DMARCRecord(parsing: "v=dmarc1; p=reject") }
        #expect(throws: DMARCRecordProblem.notDMARCRecord) { try DMARCRecord(parsing: "v=DMARC2; p=reject") }
        #expect(throws: DMARCRecordProblem.notDMARCRecord) { try DMARCRecord(parsing: "v=spf1 -all") }
        #expect(throws: DMARCRecordProblem.notDMARCRecord) { try DMARCRecord(parsing: "") }
        #expect(throws: DMARCRecordProblem.notDMARCRecord) { try DMARCRecord(parsing: "junk; v=DMARC1; p=reject") }
        #expect(throws: DMARCRecordProblem.notDMARCRecord) { try DMARCRecord(parsing: "=x; v=DMARC1; p=reject") }
        #expect(DMARCRecord.isDMARCRecord(" v = DMARC1 ; p=none"))
        #expect(!DMARCRecord.isDMARCRecord("google-site-verification=abc"))
    }

    @Test func missingOrInvalidPolicyWithoutReportAddressIsUnusable() {
        #expect(throws: DMARCRecordProblem.missingPolicy) { try DMARCRecord(parsing: "v=DMARC1; sp=reject") }
        #expect(throws: DMARCRecordProblem.invalidPolicy("block")) { try DMARCRecord(parsing: "v=DMARC1; p=block") }
        #expect(throws: DMARCRecordProblem.invalidSubdomainPolicy("maybe")) {
            try DMARCRecord(parsing: "v=DMARC1; p=reject; sp=maybe")
        }
        #expect(throws: DMARCRecordProblem.missingPolicy) { try DMARCRecord(parsing: "v=DMARC1; rua=not-a-uri") }
    }

    /// RFC 7489 §6.6.3 step 6: with a valid rua, the record reads as p=none.
    @Test func missingOrInvalidPolicyWithReportAddressReadsAsNone() throws {
        let missing = try DMARCRecord(parsing: "v=DMARC1; rua=mailto:dmarc@example.org")
        #expect(missing.policy == .none)
        #expect(missing.replacedPolicyProblem == .missingPolicy)
        #expect(missing.aggregateReportURIs.map(\.uri) == ["mailto:dmarc@example.org"])
        let badSubdomain = try DMARCRecord(parsing: "v=DMARC1; p=reject; sp=bogus; rua=mailto:dmarc@example.org")
        #expect(badSubdomain.policy == .none && badSubdomain.subdomainPolicy == nil)
        #expect(badSubdomain.replacedPolicyProblem == .invalidSubdomainPolicy("bogus"))
    }

    @Test func reportSizesUseBinaryUnits() throws {
        let record = try DMARCRecord(parsing: "v=DMARC1; p=none; rua=mailto:a@x.org!5k,mailto:b@x.org!7,mailto:c@x.org!99999999999999999999t")
        #expect(record.aggregateReportURIs == [DMARCReportURI(uri: "mailto:a@x.org", maximumSize: 5 * 1024),
                                               DMARCReportURI(uri: "mailto:b@x.org", maximumSize: 7)])
    }
}
