import Testing
@testable import MartletServer

@Suite("Locating TOML keys")
struct TOMLKeyLocatorTests {
    @Test("keys, headers, dotted and quoted keys, and values spanning lines")
    func locations() {
        let text = """
            # comment = 1
            top = "a # not a comment"
            dotted.key = 1
            "quoted.key" = 2

            [table]
            inner = [
              "x = 1",
              { y = 2 },
            ]
            text = \"\""
            fake = 3
            \"\""
            after = 4

            [ table . "sub" ]
            deep = 5
            [[list]]
            item = 6
            """
        let locator = TOMLKeyLocator(text: text)
        #expect(locator.line(of: ["top"]) == 2)
        #expect(locator.line(of: ["dotted"]) == 3)
        #expect(locator.line(of: ["dotted", "key"]) == 3)
        #expect(locator.line(of: ["quoted.key"]) == 4)
        #expect(locator.line(of: ["table"]) == 6)
        #expect(locator.line(of: ["table", "inner"]) == 7)
        #expect(locator.line(of: ["table", "text"]) == 11)
        #expect(locator.line(of: ["table", "fake"]) == 6)  // inside a string: not a key; reported at its table
        #expect(locator.line(of: ["table", "after"]) == 14)
        #expect(locator.line(of: ["table", "sub"]) == 16)
        #expect(locator.line(of: ["table", "sub", "deep"]) == 17)
        #expect(locator.line(of: ["list", "item"]) == 19)
        #expect(locator.line(of: ["nowhere"]) == nil)
    }
}
