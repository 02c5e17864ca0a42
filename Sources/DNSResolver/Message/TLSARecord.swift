/// The data of a TLSA record, used by DANE to pin a server's certificate or key (RFC 6698 §2.1).
public struct TLSARecord: Sendable, Hashable {
    /// How the association is used: 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE (RFC 6698 §2.1.1).
    public var certificateUsage: UInt8
    /// What is matched: 0 the full certificate, 1 the SubjectPublicKeyInfo (RFC 6698 §2.1.2).
    public var selector: UInt8
    /// How it is matched: 0 exact, 1 SHA-256, 2 SHA-512 (RFC 6698 §2.1.3).
    public var matchingType: UInt8
    /// The certificate, key, or digest to compare with (RFC 6698 §2.1.4).
    public var certificateAssociationData: [UInt8]

    public init(certificateUsage: UInt8, selector: UInt8, matchingType: UInt8, certificateAssociationData: [UInt8]) {
        self.certificateUsage = certificateUsage
        self.selector = selector
        self.matchingType = matchingType
        self.certificateAssociationData = certificateAssociationData
    }
}
