import MailCore
import Testing

@Suite("Binary search of sorted collections")
struct SortedSearchTests {
    @Test func findsExactlyTheMembers() {
        let values: [Int64] = [2, 3, 5, 8, 13, 21]
        for value in Int64(0)...Int64(22) {
            #expect(values.sortedContains(value) == values.contains(value), "\(value)")
        }
        #expect(values.sortedFirstIndex(notBelow: 6) == 3)
        #expect(values.sortedFirstIndex(notBelow: 99) == values.endIndex)
        #expect(![Int]().sortedContains(1))
        #expect([7].sortedContains(7))
        // A slice keeps its own indices.
        #expect(values[2...].sortedContains(5))
        #expect(!values[3...].sortedContains(5))
    }
}
