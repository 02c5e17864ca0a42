import MailStore
import Testing

@Suite("Queue activity signal")
struct QueueActivitySignalTests {
    @Test func aSignalWakesTheWaiterAndIsNotLost() async {
        let signal = QueueActivitySignal()
        signal.signal()
        let clock = ContinuousClock()
        let start = clock.now
        // Pending before the wait: returns at once, well before its long timeout.
        await signal.wait(timeout: .seconds(60))
        #expect(clock.now - start < .seconds(30))
    }

    @Test func aWaitEndedBySignalLeavesNoSignalBehind() async throws {
        let signal = QueueActivitySignal()
        let waker = Task {
            try await Task.sleep(for: .milliseconds(50))
            signal.signal()
        }
        await signal.wait(timeout: .seconds(60))
        try await waker.value
        // The first wait's cancelled timer must not signal: the next wait runs to its timeout.
        // (A lower bound only: a slow machine makes it longer, never shorter.)
        let clock = ContinuousClock()
        let start = clock.now
        await signal.wait(timeout: .milliseconds(300))
        #expect(clock.now - start >= .milliseconds(250))
    }
}
