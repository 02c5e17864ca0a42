import MailStore
import Testing
@testable import IMAPProtocol

@Suite("SEARCH plans: what goes to the full-text index, what needs more than summaries")
struct SearchPlanTests {
    private func plan(_ criteria: String, maximumTerms: Int = 32) throws -> SearchPlan {
        guard case .search(let command)? = command("a SEARCH " + criteria) else {
            Issue.record("unparsed: \(criteria)")
            throw MessageFixtures.FixtureError.unparsed
        }
        return SearchPlan(command.key, maximumTermsPerQuery: maximumTerms)
    }

    @Test func conjunctiveTermsShareOneQuery() throws {
        let planned = try plan("SUBJECT hello FROM alice (BODY world SEEN)")
        #expect(planned.textQueries == [TextSearchQuery([TextSearchTerm(.subject, "hello"), TextSearchTerm(.from, "alice"),
                                                         TextSearchTerm(.body, "world")])])
        #expect(planned.requirement == .summary)
    }

    @Test func termsUnderNotAndOrAreQueriedAlone() throws {
        let planned = try plan("TEXT a NOT CC b OR TO c BCC d")
        #expect(planned.textQueries == [
            TextSearchQuery([TextSearchTerm(.cc, "b")]), TextSearchQuery([TextSearchTerm(.to, "c")]),
            TextSearchQuery([TextSearchTerm(.bcc, "d")]), TextSearchQuery([TextSearchTerm(.text, "a")]),
        ])
    }

    @Test func keysOfTextUnderAndOnlyAreAnsweredByTheIndexAlone() throws {
        #expect(try plan("TEXT meeting").textOnlyQueries == [0])
        #expect(try plan("SUBJECT a SUBJECT b SUBJECT c", maximumTerms: 2).textOnlyQueries == [0, 1])
        #expect(try plan("(SUBJECT a FROM b) ALL").textOnlyQueries == [0])
        #expect(try plan("TEXT a SEEN").textOnlyQueries == nil)
        #expect(try plan("OR TEXT a TEXT b").textOnlyQueries == nil)
        #expect(try plan("NOT TEXT a").textOnlyQueries == nil)
        #expect(try plan("ALL").textOnlyQueries == nil)
    }

    @Test func largeConjunctionsAreSplit() throws {
        let planned = try plan("SUBJECT a SUBJECT b SUBJECT c", maximumTerms: 2)
        #expect(planned.textQueries.map(\.terms.count) == [2, 1])
    }

    @Test func noTextNoQuery() throws {
        #expect(try plan("SEEN LARGER 5 UID 1:*").textQueries.isEmpty)
    }

    @Test func requirementIsTheDearestKey() throws {
        #expect(try plan("SEEN").requirement == .summary)
        #expect(try plan("OR SEEN SENTBEFORE 1-Jan-2000").requirement == .structure)
        #expect(try plan("NOT HEADER X-Spam yes").requirement == .header)
        #expect(try plan("HEADER subject x").requirement == .structure)
    }
}
