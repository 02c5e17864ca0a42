import NIOSSL
import SwiftASN1
import X509

/// Client-side TLS contexts, for tests and tools that talk to this server.
public enum TLSClientContext {
    /// A context that trusts exactly `certificates` (for example the self-signed one)
    /// and verifies the server's name and chain against them.
    public static func trusting(
        _ certificates: [Certificate], minimumTLSVersion: TLSVersion = .tlsv12
    ) throws(TLSSetupError) -> NIOSSLContext {
        do {
            let roots = try certificates.map { certificate in
                var serializer = DER.Serializer()
                try serializer.serialize(certificate)
                return try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der)
            }
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.trustRoots = .certificates(roots)
            configuration.certificateVerification = .fullVerification
            configuration.minimumTLSVersion = minimumTLSVersion
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .contextCreationFailed(reason: String(describing: error))
        }
    }
}
