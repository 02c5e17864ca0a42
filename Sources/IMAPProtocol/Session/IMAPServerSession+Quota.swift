import MailCore
import MailStore

/// GETQUOTA, GETQUOTAROOT and SETQUOTA (RFC 9208). Each account has one quota root, the
/// empty name `""`, covering all its mailboxes; an account without limits has none.
/// Limits are set by the administrator (`martlet user quota`), so SETQUOTA is refused and
/// `QUOTASET` is not advertised (RFC 9208 §4.1.3).
extension IMAPServerSession {
    /// The quota root of every mailbox of an account.
    static let quotaRoot = ""

    mutating func getQuota(tag: String, root: String) {
        guard root == Self.quotaRoot else { return no(tag, "No such quota root", code: .nonexistent) }
        execute(.quota(nil), then: .quota(tag: tag, mailbox: nil))
    }

    mutating func getQuotaRoot(tag: String, name: EncodedMailboxName) {
        guard let mailbox = mailboxName(name, tag: tag) else { return }
        execute(.quota(mailbox), then: .quota(tag: tag, mailbox: mailbox))
    }

    /// GETQUOTAROOT answers QUOTAROOT (with no root when the account has no limits), then
    /// QUOTA of its root; GETQUOTA answers QUOTA, or NO when the account has no limits
    /// (RFC 9208 §4.1.1: the root does not exist then).
    mutating func completeQuota(tag: String, mailbox: MailboxName?, response: IMAPStoreResponse) {
        guard case .quota(let quota) = response else { return answerFailure(tag: tag, response: response) }
        let resources = QuotaUnits.resources(of: quota)
        if let mailbox {
            send(.quotaRoot(mailbox: mailbox.rawValue, roots: resources.isEmpty ? [] : [Self.quotaRoot]))
            if !resources.isEmpty { send(.quota(root: Self.quotaRoot, resources: resources)) }
            return ok(tag, "GETQUOTAROOT completed")
        }
        guard !resources.isEmpty else { return no(tag, "No such quota root", code: .nonexistent) }
        send(.quota(root: Self.quotaRoot, resources: resources))
        ok(tag, "GETQUOTA completed")
    }
}

/// RFC 9208's resources as this server counts them.
enum QuotaUnits {
    /// STORAGE is counted in units of 1024 octets (RFC 9208 §5.1), rounded up.
    static func kibibytes(_ octets: Int) -> UInt64 {
        UInt64(max(octets, 0) / 1024 + (max(octets, 0) % 1024 == 0 ? 0 : 1))
    }

    /// The resources of a quota that have a limit: STORAGE, MESSAGE.
    static func resources(of quota: AccountQuota) -> [QuotaUsage] {
        var resources = [QuotaUsage]()
        if let limit = quota.storageLimit {
            resources.append(QuotaUsage(resource: "STORAGE", usage: kibibytes(quota.storageUsed),
                                        limit: UInt64(max(limit, 0) / 1024)))
        }
        if let limit = quota.messageLimit {
            resources.append(QuotaUsage(resource: "MESSAGE", usage: UInt64(max(quota.messagesUsed, 0)),
                                        limit: UInt64(max(limit, 0))))
        }
        return resources
    }
}
