import DNSResolver
import Foundation

/// One run of check_host() (RFC 7208 §4) with everything it counts: the DNS-querying terms
/// and void lookups of §4.6.4 are shared by the whole run, includes and redirects included.
struct SPFCheckHost {
    /// The result of one check_host() level.
    struct Outcome {
        var result: SPFResult
        var mechanism: String?
        var problem: String?
        var explanation: String?

        init(_ result: SPFResult, mechanism: String? = nil, problem: String? = nil) {
            self.result = result
            self.mechanism = mechanism
            self.problem = problem
        }

        init(_ failure: SPFFailure) {
            self.init(failure.result, problem: failure.reason)
        }
    }

    /// The domain one level of check_host() evaluates.
    struct Scope {
        /// `<domain>` as text, for `%{d}`.
        var domain: [UInt8]
        /// The same as a name to query.
        var name: DNSName
        /// Whether a "fail" here should fetch the `exp=` explanation: true at the top and
        /// through redirects, false inside includes, whose explanations are never used (§6.2).
        var wantsExplanation: Bool
    }

    let resolver: any DNSResolving
    /// The macro values; `domain` is replaced per scope.
    let context: SPFMacroContext
    let now: @Sendable () -> Date
    let startTime: Date
    private(set) var dnsQueryingTerms = 0
    private(set) var voidLookups = 0
    /// The client's validated names once `%{p}` has looked them up: they do not depend on the
    /// domain, so each run looks them up at most once.
    var cachedValidatedNames: [DNSName]?

    init(resolver: any DNSResolving, context: SPFMacroContext, now: @escaping @Sendable () -> Date) {
        self.resolver = resolver
        self.context = context
        self.now = now
        self.startTime = now()
    }

    /// check_host() for `domain` (§4): "none" when the domain is not checkable or publishes
    /// no record, otherwise the record's result.
    mutating func checkHost(domain: [UInt8], wantsExplanation: Bool) async -> Outcome {
        guard let checkable = SPFDomainName.checkableDomain(domain), let name = SPFDomainName.targetName(checkable) else {
            return Outcome(.none, problem: "\"\(String(decoding: domain, as: UTF8.self))\" is not a domain that can have SPF records")
        }
        let scope = Scope(domain: checkable, name: name, wantsExplanation: wantsExplanation)
        do {
            guard let record = try await record(at: name) else { return Outcome(.none) }
            return try await evaluate(record, in: scope)
        } catch {
            return Outcome(error)
        }
    }

    /// The domain's SPF record (§4.4, §4.5): nil when it has none; more than one, or one that
    /// does not parse, is a permanent error.
    private mutating func record(at name: DNSName) async throws(SPFFailure) -> SPFRecord? {
        try checkTime()
        let answer: DNSLookupResult<[TextRecord]>
        do { answer = try await resolver.textRecords(of: name) } catch {
            throw .temporary("the TXT lookup for \(SPFDomainName.text(name)) failed: \(error)")
        }
        guard case .found(let records) = answer else { return nil }
        var found: [UInt8]?
        for record in records {
            let text = Array(record.strings.joined())
            guard SPFRecord.isVersion1(text[...]) else { continue }
            guard found == nil else { throw .permanent("\(SPFDomainName.text(name)) publishes more than one SPF record") }
            found = text
        }
        guard let found else { return nil }
        do { return try SPFRecord(parsing: found[...]) } catch {
            throw .permanent("the SPF record of \(SPFDomainName.text(name)) is invalid: \(error)")
        }
    }

    /// Evaluates the directives left to right, then `redirect=` if none matched (§4.6.2, §6.1).
    private mutating func evaluate(_ record: SPFRecord, in scope: Scope) async throws(SPFFailure) -> Outcome {
        for directive in record.directives {
            if directive.mechanism.queriesDNS { try countDNSQueryingTerm() }
            guard try await matches(directive.mechanism, in: scope) else { continue }
            var outcome = Outcome(directive.qualifier.result, mechanism: directive.description)
            if outcome.result == .fail, scope.wantsExplanation, let explanation = record.explanation {
                outcome.explanation = await self.explanation(explanation, in: scope)
            }
            return outcome
        }
        guard let redirect = record.redirect else { return Outcome(.neutral) }
        try countDNSQueryingTerm()
        let target = await expand(redirect, in: scope, for: .domain)
        let outcome = await checkHost(domain: target, wantsExplanation: scope.wantsExplanation)
        guard outcome.result != .none else {
            throw .permanent("redirect=\(String(decoding: target, as: UTF8.self)) found no SPF record")
        }
        return outcome
    }

    /// Counts a term that queries DNS; the 11th is a permanent error (§4.6.4).
    mutating func countDNSQueryingTerm() throws(SPFFailure) {
        guard dnsQueryingTerms < SPFLimits.maximumDNSQueryingTerms else {
            throw .permanent("more than \(SPFLimits.maximumDNSQueryingTerms) terms query DNS (RFC 7208 §4.6.4)")
        }
        dnsQueryingTerms += 1
    }

    /// Counts a lookup that found nothing; the third is a permanent error (§4.6.4).
    mutating func countVoidLookup() throws(SPFFailure) {
        voidLookups += 1
        guard voidLookups <= SPFLimits.maximumVoidLookups else {
            throw .permanent("more than \(SPFLimits.maximumVoidLookups) DNS lookups found nothing (RFC 7208 §4.6.4)")
        }
    }

    /// Stops the run when it has taken longer than check_host() may (§4.6.4).
    func checkTime() throws(SPFFailure) {
        guard now().timeIntervalSince(startTime) <= SPFLimits.maximumEvaluationTime else {
            throw .temporary("the SPF check took longer than \(Int(SPFLimits.maximumEvaluationTime)) seconds")
        }
    }

    /// A macro-string expanded with `scope`'s domain, looking up `%{p}` first if it is used.
    mutating func expand(_ string: SPFMacroString, in scope: Scope, for purpose: SPFMacroString.ExpansionPurpose) async -> [UInt8] {
        var context = self.context
        context.domain = scope.domain
        if string.usesValidatedDomain {
            context.validatedDomain = await validatedDomainName(preferring: scope.name)
        }
        return string.expanded(in: context, for: purpose)
    }
}
