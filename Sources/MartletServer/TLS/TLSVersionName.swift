import NIOCore
import NIOSSL
import NIOTLS

extension TLSVersion {
    /// The protocol's usual name (`TLSv1.3`), as sessions report it in trace headers and logs.
    var displayName: String {
        switch self {
        case .tlsv1: "TLSv1"
        case .tlsv11: "TLSv1.1"
        case .tlsv12: "TLSv1.2"
        case .tlsv13: "TLSv1.3"
        }
    }
}

extension ChannelHandlerContext {
    /// The negotiated TLS version's name, once a handshake completed on this pipeline.
    var negotiatedTLSVersionName: String {
        (try? pipeline.syncOperations.nioSSL_tlsVersion()).flatMap { $0 }.map(\.displayName) ?? "TLS"
    }
}
