import ProcessLimits
import Testing

/// The open file limit is raised as far as asked, never lowered, never above the hard limit.
@Suite("Open file limit")
struct OpenFileLimitTests {
    @Test func raisedTowardsTheHardLimitNeverLowered() throws {
        let before = try #require(OpenFileLimit.current)
        let hard = try #require(OpenFileLimit.hardLimit)
        #expect(OpenFileLimit.raise(toAtLeast: 1) == before, "a small need leaves the limit as it is")
        #expect(OpenFileLimit.raise(toAtLeast: Int(Int32.max)) == hard, "a large need raises it to the hard limit")
        #expect(OpenFileLimit.current == hard)
    }
}
