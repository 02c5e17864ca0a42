import NIOSSL

/// The TLS client settings martlet-bench uses: certificate verification off, because the
/// servers it measures (test installs, loopback peers) use self-signed certificates.
/// This is a load generator, never a mail client: it sends only generated test data.
enum TLSClientContext {
    static func make() throws(BenchError) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .tlsFailed("cannot create the TLS context: \(error)")
        }
    }
}
