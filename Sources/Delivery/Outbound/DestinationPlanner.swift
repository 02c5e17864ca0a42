import DNSResolver
import SMTPProtocol

/// Finds the servers that accept mail for a domain (RFC 5321 §5.1): its MX hosts by
/// preference, the domain itself when it has no MX (the implicit MX), nothing for a null MX
/// (RFC 7505). It tells permanent answers (no such domain) from temporary ones (DNS failed).
public struct DestinationPlanner: Sendable {
    /// At most this many MX hosts are tried for one domain, and this many addresses of each:
    /// a hostile zone cannot make one delivery attempt walk hundreds of servers.
    public static let maximumHosts = 8
    public static let maximumAddressesPerHost = 4

    private let resolver: any DNSResolving

    public init(resolver: any DNSResolving) {
        self.resolver = resolver
    }

    /// The plan for `domain` (the part after `@` of a recipient, lower case).
    public func plan(for domain: String) async -> DestinationPlan {
        if let literal = Self.addressLiteral(domain) {
            return .hosts([DeliveryHost(name: domain, addresses: [literal])])
        }
        let name: DNSName
        do {
            name = try DNSName(domain)
        } catch {
            return .failed(status: SMTPEnhancedStatusCode(5, 1, 2), reason: "\(domain) is not a valid domain name")
        }
        let exchangers: DNSLookupResult<[MailExchanger]>
        do {
            exchangers = try await resolver.mailExchangers(of: name)
        } catch {
            return .deferred(status: SMTPEnhancedStatusCode(4, 4, 3), reason: "MX lookup for \(domain) failed: \(error)")
        }
        switch exchangers {
        case .nameDoesNotExist:
            return .failed(status: SMTPEnhancedStatusCode(5, 1, 2), reason: "the domain \(domain) does not exist")
        case .noData:
            // RFC 5321 §5.1: no MX records, so the domain itself is the implicit MX.
            return await plan(hosts: [name], domain: domain, implicit: true)
        case .found(let records):
            // RFC 7505 §3: a null MX says the domain accepts no mail at all; RFC 7505 §4.1 asks
            // senders to fail at once with 556 / 5.1.10.
            if records.contains(where: \.isNullMX) {
                return .failed(status: SMTPEnhancedStatusCode(5, 1, 10),
                               reason: "556 the domain \(domain) accepts no mail (null MX)")
            }
            return await plan(hosts: records.map(\.exchange), domain: domain, implicit: false)
        }
    }

    private func plan(hosts names: [DNSName], domain: String, implicit: Bool) async -> DestinationPlan {
        var hosts: [DeliveryHost] = []
        var lookupFailure: DNSResolverError?
        for name in names.prefix(Self.maximumHosts) {
            do {
                let addresses = try await addresses(of: name)
                if !addresses.isEmpty {
                    hosts.append(DeliveryHost(name: name.description, addresses: Array(addresses.prefix(Self.maximumAddressesPerHost))))
                }
            } catch {
                lookupFailure = error
            }
        }
        if !hosts.isEmpty { return .hosts(hosts) }
        if let lookupFailure {
            return .deferred(status: SMTPEnhancedStatusCode(4, 4, 3),
                             reason: "address lookup for the mail servers of \(domain) failed: \(lookupFailure)")
        }
        if implicit {
            return .failed(status: SMTPEnhancedStatusCode(5, 1, 2), reason: "the domain \(domain) has no MX and no address records")
        }
        return .failed(status: SMTPEnhancedStatusCode(5, 4, 4), reason: "no mail server of \(domain) has an address")
    }

    /// The IPv4 then the IPv6 addresses of a host. IPv4 goes first because many receivers
    /// judge IPv6 senders more strictly; either may be missing.
    private func addresses(of name: DNSName) async throws(DNSResolverError) -> [IPAddress] {
        var found: [IPAddress] = []
        var failure: DNSResolverError?
        do { found += try await resolver.ipv4Addresses(of: name).value ?? [] } catch { failure = error }
        do { found += try await resolver.ipv6Addresses(of: name).value ?? [] } catch { failure = error }
        if found.isEmpty, let failure { throw failure }
        return found
    }

    /// `[192.0.2.1]` or `[IPv6:2001:db8::1]` (RFC 5321 §4.1.3): delivered to that address.
    static func addressLiteral(_ domain: String) -> IPAddress? {
        guard domain.hasPrefix("["), domain.hasSuffix("]") else { return nil }
        var inner = String(domain.dropFirst().dropLast())
        if inner.lowercased().hasPrefix("ipv6:") { inner = String(inner.dropFirst(5)) }
        return IPAddress(inner)
    }
}
