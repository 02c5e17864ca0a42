/// A Content-Disposition (RFC 2183): `inline` or `attachment` (or another token) and parameters.
public struct ContentDisposition: Sendable, Hashable {
    /// The disposition type, lower-cased.
    public var type: String
    public var parameters: MIMEParameters

    public init(type: String, parameters: MIMEParameters = MIMEParameters()) {
        self.type = type
        self.parameters = parameters
    }

    /// The disposition with its parameters, as written in a header Martlet generates.
    public var headerValue: String { type + parameters.headerText }

    /// The decoded `filename` parameter.
    public var filename: String? { parameters.value(named: "filename") }

    static func parse(_ value: ArraySlice<UInt8>, defects: inout DefectLog) -> ContentDisposition? {
        var scanner = StructuredFieldScanner(value)
        scanner.skipWhitespaceAndComments()
        guard let type = scanner.readToken() else { return nil }
        let parameters = MIMEParameterParser.parse(&scanner, defects: &defects)
        return ContentDisposition(type: lowercasedASCIIString(type), parameters: parameters)
    }
}
