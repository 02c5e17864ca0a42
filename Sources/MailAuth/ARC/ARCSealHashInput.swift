/// The data an ARC-Seal signs (RFC 8617 §5.1.1): every ARC set from instance 1 up to the
/// seal's own, each as ARC-Authentication-Results, ARC-Message-Signature, ARC-Seal, in relaxed
/// header canonicalization; the seal being signed last, with its `b=` empty and no CRLF.
enum ARCSealHashInput {
    /// `earlierSets` are the complete sets below the seal's instance, each field's bytes;
    /// then the seal's own AAR and AMS, then the seal with `b=` empty.
    static func data(earlierSets: [[ArraySlice<UInt8>]], authenticationResults: ArraySlice<UInt8>,
                     messageSignature: ArraySlice<UInt8>, unsignedSeal: ArraySlice<UInt8>) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(2048 * (earlierSets.count + 1))
        for field in earlierSets.joined() + [authenticationResults, messageSignature] {
            DKIMHeaderCanonicalizer.append(field, .relaxed, to: &output)
            output.append(RawMessage.carriageReturn)
            output.append(RawMessage.lineFeed)
        }
        DKIMHeaderCanonicalizer.append(unsignedSeal, .relaxed, to: &output)
        return output
    }

    /// The three fields of a set in the order the seal signs them.
    static func fields(of set: ARCSets.Set, in message: RawMessage) -> [ArraySlice<UInt8>] {
        [message.bytes(of: set.authenticationResults), message.bytes(of: set.messageSignature), message.bytes(of: set.seal)]
    }
}
