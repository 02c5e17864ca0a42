/// A random tag for one run's Message-IDs.
enum RunIdentifier {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() & 0xFFFF_FFFF_FFFF, radix: 36)
    }
}
