/// Checks that a configured host name is a syntactically valid DNS name (RFC 1123 §2.1).
enum HostnameValidation {
    /// Why `hostname` is not a valid DNS host name, or `nil` if it is.
    static func problem(with hostname: String) -> String? {
        let name = hostname.hasSuffix(".") ? String(hostname.dropLast()) : hostname
        guard !name.isEmpty else { return "the host name is empty" }
        guard name.utf8.count <= 253 else { return "the host name is longer than 253 characters" }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty else { return "\"\(hostname)\" has an empty label" }
            guard label.utf8.count <= 63 else { return "\"\(hostname)\" has a label longer than 63 characters" }
            guard label.utf8.allSatisfy({ byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == UInt8(ascii: "-")
            }) else {
                return "\"\(hostname)\" may contain only letters, digits, hyphens and dots"
            }
            guard label.first != "-", label.last != "-" else {
                return "\"\(hostname)\" has a label that starts or ends with a hyphen"
            }
        }
        if name.split(separator: ".").last?.allSatisfy(\.isNumber) == true {
            return "\"\(hostname)\" looks like an IP address; give a host name"
        }
        return nil
    }
}
