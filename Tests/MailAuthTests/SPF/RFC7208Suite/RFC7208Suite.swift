import DNSResolver
import MailAuth
import Testing

/// The scenarios of the openspf.org RFC 7208 test suite, restated as Swift data in the files
/// beside this one, and the test that runs every case through ``SPFVerifier/checkMailFrom``.
enum RFC7208Suite {
    /// A group of cases sharing one zone.
    struct Scenario: Sendable {
        let title: String
        let zone: SPFTestZone
        let cases: [Case]

        init(_ title: String, zone: [String: [SPFTestZone.Record]], cases: [Case]) {
            self.title = title
            self.zone = SPFTestZone(zone)
            self.cases = cases
        }
    }

    /// One check and the results it may give.
    struct Case: Sendable {
        let name: String
        let section: String
        let helo: String
        let client: String
        let mailFrom: String
        let allowedResults: [SPFResult]
        /// nil: not checked; .some(nil): no explanation expected; .some(text): that explanation.
        let explanation: String??

        init(_ name: String, _ section: String, helo: String, client: String, mailFrom: String,
             expect allowedResults: [SPFResult], explanation: String?? = .none) {
            self.name = name
            self.section = section
            self.helo = helo
            self.client = client
            self.mailFrom = mailFrom
            self.allowedResults = allowedResults
            self.explanation = explanation
        }
    }

    static let scenarios: [Scenario] = [
        initialProcessing, recordLookup, selectingRecords, recordEvaluation, allMechanismSyntax,
        ptrMechanismSyntax, aMechanismSyntax, includeMechanismSemanticsAndSyntax, mxMechanismSyntax,
        existsMechanismSyntax, ip4MechanismSyntax, ip6MechanismSyntax, semanticsOfExpAndOtherModifiers,
        macroExpansionRules, processingLimits, testCasesFromImplementationBugs,
    ]

    /// Every case with its scenario, for a parameterized test.
    static let allCases: [ScenarioCase] = scenarios.flatMap { scenario in
        scenario.cases.map { ScenarioCase(scenario: scenario, testCase: $0) }
    }
}

/// A case of the suite together with the zone it runs against.
struct ScenarioCase: Sendable, CustomTestStringConvertible {
    let scenario: RFC7208Suite.Scenario
    let testCase: RFC7208Suite.Case

    var testDescription: String { "\(scenario.title): \(testCase.name) (§\(testCase.section))" }
}

@Suite("RFC 7208 test suite")
struct RFC7208SuiteTests {
    @Test(arguments: RFC7208Suite.allCases)
    func suiteCase(_ item: ScenarioCase) async throws {
        let testCase = item.testCase
        let client = try #require(IPAddress(testCase.client))
        let verifier = SPFVerifier(resolver: item.scenario.zone.resolver(), receivingHostname: "receiver.example.org")
        let evaluation = await verifier.checkMailFrom(client: client, helo: testCase.helo, mailFrom: testCase.mailFrom)
        #expect(testCase.allowedResults.contains(evaluation.result),
                "\(testCase.name): got \(evaluation.result) (\(evaluation.problem ?? "no problem")), expected \(testCase.allowedResults)")
        if case .some(let expected) = testCase.explanation {
            #expect(evaluation.explanation == expected, "\(testCase.name): explanation")
        }
    }
}
