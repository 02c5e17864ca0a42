import MailStore
import Testing
@testable import IMAPProtocol

@Suite("SEARCH results: SEARCH and ESEARCH responses (RFC 4731), SAVE (RFC 5182), MODSEQ (RFC 7162)")
struct SearchResultTests {
    private let result = SearchResult(sequenceNumbers: [2, 3, 4, 9], uids: [UID(12), UID(13), UID(14), UID(40)],
                                      modSequences: [ModSequence(7), ModSequence(50), ModSequence(3), ModSequence(9)])
    private let empty = SearchResult(sequenceNumbers: [], uids: [], modSequences: [])

    private func command(_ line: String) throws -> SearchCommand {
        guard case .search(let command)? = IMAPProtocolTests.command(line) else { throw MessageFixtures.FixtureError.unparsed }
        return command
    }

    @Test func plainSearch() throws {
        #expect(result.response(to: try command("a SEARCH ALL"), tag: "a", extended: false, reportModSeq: false)
            == .search([2, 3, 4, 9], highestModSeq: nil))
        #expect(result.response(to: try command("a UID SEARCH ALL"), tag: "a", extended: false, reportModSeq: true)
            == .search([12, 13, 14, 40], highestModSeq: 50))
        #expect(empty.response(to: try command("a SEARCH ALL"), tag: "a", extended: false, reportModSeq: true)
            == .search([], highestModSeq: nil))
    }

    @Test func extendedSearch() throws {
        let all = result.response(to: try command("a SEARCH RETURN () ALL"), tag: "a", extended: false, reportModSeq: false)
        #expect(all == .extendedSearch(ExtendedSearchResponse(tag: "a", all: SequenceSet([2...4, 9...9]))))
        let minMaxCount = result.response(to: try command("a UID SEARCH RETURN (MIN MAX COUNT) ALL"), tag: "a", extended: false,
                                          reportModSeq: false)
        #expect(minMaxCount == .extendedSearch(ExtendedSearchResponse(tag: "a", usesUIDs: true, min: 12, max: 40, count: 4)))
        // IMAP4rev2 answers ESEARCH even without RETURN.
        #expect(result.response(to: try command("a SEARCH ALL"), tag: "t1", extended: true, reportModSeq: false)
            == .extendedSearch(ExtendedSearchResponse(tag: "t1", all: SequenceSet([2...4, 9...9]))))
    }

    @Test func emptyResultsCountZero() {
        let response = empty.extendedResponse(options: [.min, .max, .count, .all], tag: "x", usesUIDs: false, reportModSeq: true)
        #expect(response == ExtendedSearchResponse(tag: "x", count: 0))
    }

    @Test func modSeqOfWhatIsReported() {
        #expect(result.extendedResponse(options: [.min], tag: nil, usesUIDs: false, reportModSeq: true)?.highestModSeq == 7)
        #expect(result.extendedResponse(options: [.min, .max], tag: nil, usesUIDs: false, reportModSeq: true)?.highestModSeq == 9)
        #expect(result.extendedResponse(options: [.count], tag: nil, usesUIDs: false, reportModSeq: true)?.highestModSeq == 50)
        #expect(result.extendedResponse(options: [.count], tag: nil, usesUIDs: false, reportModSeq: false)?.highestModSeq == nil)
    }

    @Test func save() throws {
        #expect(result.extendedResponse(options: [.save], tag: "a", usesUIDs: false, reportModSeq: false) == nil)
        #expect(result.response(to: try command("a SEARCH RETURN (SAVE) ALL"), tag: "a", extended: true, reportModSeq: false) == nil)
        #expect(result.extendedResponse(options: [.save, .count], tag: "a", usesUIDs: false, reportModSeq: false)?.count == 4)
        #expect(result.savedResult(options: [.save]) == [UID(12), UID(13), UID(14), UID(40)])
        #expect(result.savedResult(options: [.save, .min]) == [UID(12)])
        #expect(result.savedResult(options: [.save, .min, .max]) == [UID(12), UID(40)])
        #expect(result.savedResult(options: [.save, .max, .count]) == [UID(12), UID(13), UID(14), UID(40)])
        #expect(empty.savedResult(options: [.save, .min]).isEmpty)
    }

    @Test func numbersCompressInOrder() {
        #expect(SearchResult.compressed([1, 2, 3, 7, 8, 10]) == SequenceSet([1...3, 7...8, 10...10]))
        #expect(SearchResult.compressed([5, 4, 3]) == SequenceSet([5...5, 4...4, 3...3]))
        #expect(SearchResult.compressed([UInt32.max - 1, UInt32.max]) == SequenceSet([(UInt32.max - 1)...UInt32.max]))
    }
}
