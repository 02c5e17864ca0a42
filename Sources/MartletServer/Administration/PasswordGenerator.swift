/// Makes passwords for accounts created without one (the dev demo user, `user add` without a terminal).
public enum PasswordGenerator {
    /// Letters and digits without look-alikes (no 0/O, 1/l/I).
    static let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// A random password of `length` characters (about 5.8 bits each) from the system's CSPRNG.
    public static func generate(length: Int = 20) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<max(length, 1)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
