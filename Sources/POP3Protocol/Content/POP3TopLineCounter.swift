/// Follows a message line by line and says when TOP has seen everything it sends: the
/// header, the blank line after it, and `bodyLineCount` lines of the body (RFC 1939 §7).
struct POP3TopLineCounter: Sendable, Equatable {
    private var remainingBodyLines: Int
    private var inHeader = true
    /// Whether every line TOP sends has ended.
    private(set) var isComplete = false

    init(bodyLineCount: Int) {
        remainingBodyLines = max(0, bodyLineCount)
    }

    /// Records the end of a line; `isEmpty` when it held nothing but its line ending.
    mutating func lineEnded(isEmpty: Bool) {
        guard !isComplete else { return }
        if inHeader {
            guard isEmpty else { return }
            inHeader = false
            isComplete = remainingBodyLines == 0
        } else {
            remainingBodyLines -= 1
            isComplete = remainingBodyLines == 0
        }
    }
}
