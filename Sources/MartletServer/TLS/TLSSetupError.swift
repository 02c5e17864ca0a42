/// Why TLS material could not be loaded, generated, stored or turned into a context.
/// Each case's ``description`` is one line naming the file involved.
public enum TLSSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist.
    case fileMissing(path: String)
    /// The file exists but cannot be read.
    case fileUnreadable(path: String, reason: String)
    /// The file holds no PEM block at all.
    case notPEM(path: String)
    /// The certificate file holds no `CERTIFICATE` block, or one that does not parse.
    case invalidCertificate(path: String, reason: String)
    /// The key file holds no usable private key (unsupported type, encrypted, corrupt).
    case invalidPrivateKey(path: String, reason: String)
    /// The private key is not the one the (first) certificate was issued for.
    case keyDoesNotMatchCertificate(certificatePath: String, keyPath: String)
    /// Writing the generated certificate or key failed.
    case cannotWrite(path: String, reason: String)
    /// Generating a key or certificate failed.
    case generationFailed(reason: String)
    /// NIOSSL refused the material.
    case contextCreationFailed(reason: String)

    public var description: String {
        switch self {
        case .fileMissing(let path):
            return "\(path): no such file"
        case .fileUnreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .notPEM(let path):
            return "\(path): not a PEM file (no \"-----BEGIN\" block)"
        case .invalidCertificate(let path, let reason):
            return "\(path): no usable certificate: \(reason)"
        case .invalidPrivateKey(let path, let reason):
            return "\(path): no usable private key: \(reason)"
        case .keyDoesNotMatchCertificate(let certificatePath, let keyPath):
            return "\(keyPath): the private key does not match the certificate in \(certificatePath)"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write: \(reason)"
        case .generationFailed(let reason):
            return "cannot generate the self-signed certificate: \(reason)"
        case .contextCreationFailed(let reason):
            return "cannot create the TLS context: \(reason)"
        }
    }
}
