/// Picks one of several elements with probability proportional to its weight.
struct WeightedChoice<Element: Sendable>: Sendable {
    private let elements: [Element]
    /// Running totals of the weights: element i is picked for draws below cumulative[i].
    private let cumulative: [Int]

    /// nil when no weight is positive. Elements of weight 0 are never picked.
    init?(_ weighted: [(element: Element, weight: Int)]) {
        var elements: [Element] = []
        var cumulative: [Int] = []
        var total = 0
        for (element, weight) in weighted where weight > 0 {
            total += weight
            elements.append(element)
            cumulative.append(total)
        }
        guard total > 0 else { return nil }
        self.elements = elements
        self.cumulative = cumulative
    }

    var totalWeight: Int { cumulative.last ?? 0 }

    func pick(using random: inout SeededRandom) -> Element {
        let draw = random.below(totalWeight)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if draw < cumulative[middle] { high = middle } else { low = middle + 1 }
        }
        return elements[low]
    }
}
