/// The processing limits of RFC 7208 §4.6.4 and the bounds this implementation adds so that
/// hostile records cannot make it loop or allocate without end.
enum SPFLimits {
    /// Terms that query DNS (include, a, mx, ptr, exists, redirect) per check (§4.6.4).
    static let maximumDNSQueryingTerms = 10
    /// Lookups answering NXDOMAIN or no records per check (§4.6.4).
    static let maximumVoidLookups = 2
    /// MX names whose addresses one `mx` mechanism may look up (§4.6.4).
    static let maximumMXNames = 10
    /// PTR names one `ptr` mechanism or `%{p}` macro may validate (§4.6.4).
    static let maximumPTRNames = 10
    /// Seconds a whole check may take before it gives "temperror" (§4.6.4 asks for at least 20).
    static let maximumEvaluationTime: Double = 20
    /// The longest domain name built by macro expansion, in characters (§7.3).
    static let maximumExpandedDomainLength = 253
    /// A digit transformer larger than any name's label count; larger values mean the same.
    static let maximumMacroPartCount = 1000
    /// The longest expansion kept; more is cut off (a domain is truncated to 253 anyway).
    static let maximumExpansionLength = 4096
}
