import NIOCore
import NIOEmbedded
import Testing
@testable import MartletServer

/// The idle timer on an embedded event loop, whose clock the test moves.
@Suite("Idle timer")
struct IdleTimerTests {
    /// A handler that only counts how often the timer fired.
    final class Counter: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        var fired: [UInt64] = []
        var context: ChannelHandlerContext?
        func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    }

    private func setUp() throws -> (EmbeddedChannel, Counter, ChannelHandlerContext) {
        let counter = Counter()
        let channel = EmbeddedChannel(handler: counter)
        return (channel, counter, try #require(counter.context))
    }

    private func reset(_ timer: IdleTimer, _ counter: Counter, _ context: ChannelHandlerContext, seconds: Int64) {
        timer.reset(counter, context: context, after: .seconds(seconds)) { counter, context in
            counter.fired.append(context.eventLoop.now.uptimeNanoseconds / 1_000_000_000)
        }
    }

    @Test func firesOncePeriodAfterTheLastReset() throws {
        let (channel, counter, context) = try setUp()
        let loop = channel.embeddedEventLoop
        let start = loop.now.uptimeNanoseconds / 1_000_000_000
        let timer = IdleTimer()
        reset(timer, counter, context, seconds: 10)
        loop.advanceTime(by: .seconds(6))
        reset(timer, counter, context, seconds: 10)   // now due at 16
        loop.advanceTime(by: .seconds(6))              // 12: the first timer fires early and re-arms
        #expect(counter.fired.isEmpty)
        loop.advanceTime(by: .seconds(3))              // 15
        #expect(counter.fired.isEmpty)
        loop.advanceTime(by: .seconds(1))              // 16
        #expect(counter.fired == [start + 16])
        loop.advanceTime(by: .seconds(60))
        #expect(counter.fired.count == 1)
        _ = try channel.finish()
    }

    @Test func aShorterPeriodTakesEffectAtOnce() throws {
        let (channel, counter, context) = try setUp()
        let loop = channel.embeddedEventLoop
        let start = loop.now.uptimeNanoseconds / 1_000_000_000
        let timer = IdleTimer()
        reset(timer, counter, context, seconds: 300)
        reset(timer, counter, context, seconds: 5)
        loop.advanceTime(by: .seconds(5))
        #expect(counter.fired == [start + 5])
        _ = try channel.finish()
    }

    @Test func cancelledTimersDoNotFire() throws {
        let (channel, counter, context) = try setUp()
        let loop = channel.embeddedEventLoop
        let timer = IdleTimer()
        reset(timer, counter, context, seconds: 1)
        timer.cancel()
        loop.advanceTime(by: .seconds(10))
        #expect(counter.fired.isEmpty)
        // And it can be started again.
        reset(timer, counter, context, seconds: 1)
        loop.advanceTime(by: .seconds(1))
        #expect(counter.fired.count == 1)
        _ = try channel.finish()
    }
}
