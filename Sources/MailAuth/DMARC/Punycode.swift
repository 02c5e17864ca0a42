/// Punycode encoding (RFC 3492) of one domain label, enough to turn a U-label into the
/// A-label (`xn--…`) that DNS and the suffix list comparisons use.
enum Punycode {
    private static let base = 36
    private static let minimumThreshold = 1
    private static let maximumThreshold = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialCodePoint = 128
    /// Longer labels are refused: a DNS label holds at most 63 octets anyway, and the bound
    /// keeps the arithmetic far from overflow.
    private static let maximumScalars = 256

    /// The A-label for `label`: the label itself when it is ASCII, else `xn--` and the
    /// Punycode of its Unicode-lowercased scalars (nil when the label is too long to encode).
    static func asciiLabel(_ label: Substring) -> String? {
        if label.utf8.allSatisfy({ $0 < 0x80 }) { return String(label) }
        let scalars = Array(label.lowercased().unicodeScalars)
        guard scalars.count <= maximumScalars, let encoded = encode(scalars.map { Int($0.value) }) else { return nil }
        return "xn--" + encoded
    }

    /// The Punycode form of `codePoints` (§6.3), or nil if they cannot be encoded.
    static func encode(_ codePoints: [Int]) -> String? {
        guard codePoints.count <= maximumScalars else { return nil }
        var output = codePoints.filter { $0 < initialCodePoint }.map { UInt8($0) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }
        var codePoint = initialCodePoint
        var delta = 0
        var bias = initialBias
        while handled < codePoints.count {
            guard let next = codePoints.filter({ $0 >= codePoint }).min() else { return nil }
            delta += (next - codePoint) * (handled + 1)
            codePoint = next
            for value in codePoints {
                if value < codePoint { delta += 1 }
                guard value == codePoint else { continue }
                var remainder = delta
                var position = base
                while true {
                    let threshold = self.threshold(position, bias: bias)
                    if remainder < threshold { break }
                    output.append(digit(threshold + (remainder - threshold) % (base - threshold)))
                    remainder = (remainder - threshold) / (base - threshold)
                    position += base
                }
                output.append(digit(remainder))
                bias = adapt(delta, pointCount: handled + 1, isFirst: handled == basicCount)
                delta = 0
                handled += 1
            }
            delta += 1
            codePoint += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func threshold(_ position: Int, bias: Int) -> Int {
        if position <= bias { return minimumThreshold }
        if position >= bias + maximumThreshold { return maximumThreshold }
        return position - bias
    }

    /// The bias adaptation function (§6.1).
    private static func adapt(_ delta: Int, pointCount: Int, isFirst: Bool) -> Int {
        var delta = isFirst ? delta / damp : delta / 2
        delta += delta / pointCount
        var position = 0
        while delta > ((base - minimumThreshold) * maximumThreshold) / 2 {
            delta /= base - minimumThreshold
            position += base
        }
        return position + ((base - minimumThreshold + 1) * delta) / (delta + skew)
    }

    /// 0–25 are "a"–"z", 26–35 are "0"–"9".
    private static func digit(_ value: Int) -> UInt8 {
        value < 26 ? UInt8(ascii: "a") + UInt8(value) : UInt8(ascii: "0") + UInt8(value - 26)
    }
}
