import Testing
@testable import AbuseDefense

@Suite struct AbuseDefenseModuleTests {
    @Test func theModuleLinks() {
        #expect(String(describing: AbuseDefense.self) == "AbuseDefense")
    }
}
