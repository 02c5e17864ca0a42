/// Bounds the connections open at once to one destination domain and in all: a waiting
/// delivery gets a slot when one is given back, in the order they asked.
actor DestinationSlots {
    private let perDestination: Int
    private let total: Int
    private var inUse: [String: Int] = [:]
    private var inUseTotal = 0
    private var waiters: [(domain: String, continuation: CheckedContinuation<Void, Never>)] = []

    init(perDestination: Int, total: Int) {
        self.perDestination = max(1, perDestination)
        self.total = max(1, total)
    }

    /// Waits for a slot for `domain`.
    func acquire(_ domain: String) async {
        if isFree(domain) {
            take(domain)
            return
        }
        await withCheckedContinuation { waiters.append((domain, $0)) }
    }

    /// Gives a slot back and hands it to the first waiter that can use one.
    func release(_ domain: String) {
        inUse[domain, default: 1] -= 1
        if inUse[domain] == 0 { inUse[domain] = nil }
        inUseTotal -= 1
        var index = 0
        while index < waiters.count {
            let waiter = waiters[index]
            if isFree(waiter.domain) {
                waiters.remove(at: index)
                take(waiter.domain)
                waiter.continuation.resume()
            } else {
                index += 1
            }
        }
    }

    private func isFree(_ domain: String) -> Bool {
        inUseTotal < total && inUse[domain, default: 0] < perDestination
    }

    private func take(_ domain: String) {
        inUse[domain, default: 0] += 1
        inUseTotal += 1
    }
}
