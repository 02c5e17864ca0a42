internal import GRDB

/// The database schema, as GRDB migrations. A migration, once released, is never edited:
/// changes come as new migrations.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-directory-mailboxes-messages") { db in
            try db.execute(sql: version1)
        }
        migrator.registerMigration("v2-deferred-indexing-file-dedup") { db in
            try db.execute(sql: version2)
        }
        migrator.registerMigration("v3-outbound-queue") { db in
            try db.execute(sql: version3)
        }
        migrator.registerMigration("v4-deferred-index-removal") { db in
            try db.execute(sql: version4)
        }
        migrator.registerMigration("v5-apop-secret") { db in
            try db.execute(sql: version5)
        }
        migrator.registerMigration("v6-quota") { db in
            try db.execute(sql: version6)
        }
        migrator.registerMigration("v7-abuse-defense") { db in
            try db.execute(sql: version7)
        }
        migrator.registerMigration("v8-spam-training") { db in
            try db.execute(sql: version8)
        }
        migrator.registerMigration("v9-mailbox-sharing") { db in
            try db.execute(sql: version9)
        }
        migrator.registerMigration("v10-object-ids") { db in
            try db.execute(sql: version10)
            try ObjectIDSQL.recordThreadRootsOfStoredContent(db)
        }
        return migrator
    }

    /// Dates are milliseconds since 1970. Flags are the `SystemFlags` bits; keywords are
    /// sorted and separated by single spaces.
    private static let version1 = """
        CREATE TABLE counter (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE domain (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );

        -- AUTOINCREMENT: an identifier is never reused, so a stale one cannot reach a newer
        -- account or mailbox.
        CREATE TABLE account (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            domain_id INTEGER NOT NULL REFERENCES domain(id),
            lookup_key TEXT NOT NULL UNIQUE,
            local_part TEXT NOT NULL,
            credential TEXT NOT NULL
        );
        CREATE INDEX account_domain ON account(domain_id);

        -- source_key is an address lookup key, or '@domain' for a catch-all.
        CREATE TABLE alias (
            domain_id INTEGER NOT NULL REFERENCES domain(id),
            source_key TEXT NOT NULL,
            source_local_part TEXT,
            target_key TEXT NOT NULL,
            target_local_part TEXT NOT NULL,
            target_domain TEXT NOT NULL,
            PRIMARY KEY (source_key, target_key)
        ) WITHOUT ROWID;
        CREATE INDEX alias_domain ON alias(domain_id);

        CREATE TABLE mailbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            account_id INTEGER NOT NULL REFERENCES account(id),
            name TEXT NOT NULL,
            special_use TEXT,
            subscribed INTEGER NOT NULL,
            uid_validity INTEGER NOT NULL,
            uid_next INTEGER NOT NULL,
            highest_modseq INTEGER NOT NULL,
            UNIQUE (account_id, name)
        );

        -- One row per distinct content (SHA-256). content holds the octets when they are
        -- kept inline; when it is NULL they are in the blob file named by the hash.
        -- (Version 2 keeps the hash unique for files only.)
        CREATE TABLE blob (
            id INTEGER PRIMARY KEY,
            sha256 BLOB NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            refcount INTEGER NOT NULL,
            structure BLOB NOT NULL,
            content BLOB
        );

        CREATE TABLE message (
            mailbox_id INTEGER NOT NULL REFERENCES mailbox(id),
            uid INTEGER NOT NULL,
            modseq INTEGER NOT NULL,
            flags INTEGER NOT NULL,
            keywords TEXT NOT NULL,
            internal_date INTEGER NOT NULL,
            save_date INTEGER NOT NULL,
            size INTEGER NOT NULL,
            blob_id INTEGER NOT NULL,
            PRIMARY KEY (mailbox_id, uid)
        ) WITHOUT ROWID;
        CREATE INDEX message_modseq ON message(mailbox_id, modseq);

        CREATE TABLE expunged (
            mailbox_id INTEGER NOT NULL REFERENCES mailbox(id),
            modseq INTEGER NOT NULL,
            uid INTEGER NOT NULL,
            PRIMARY KEY (mailbox_id, modseq, uid)
        ) WITHOUT ROWID;

        -- The full-text index: one row per blob, rowid = blob.id. No column sizes: results
        -- are never ranked, and not writing them makes each insert cheaper.
        CREATE VIRTUAL TABLE blob_text USING fts5(
            subject, sender, recipient_to, recipient_cc, recipient_bcc, body,
            tokenize = 'unicode61 remove_diacritics 2', columnsize = 0
        );
        """

    /// Two changes that make a delivery's commit cheaper:
    ///
    /// - The full-text index is filled after the delivery's commit (`SearchIndexer`): the
    ///   commit that adds a blob records it in `search_pending`, and the indexer moves it
    ///   into `blob_text`. Every blob is in exactly one of the two. FTS5 merges its
    ///   segments once 8 of a size exist rather than 4: measured, indexing ran about 20 %
    ///   faster, and a search reads a few more segments, which costs it little.
    /// - Only content kept in files is unique by its SHA-256 (a partial index). Inline
    ///   content is shared by the copies of one delivery or APPEND (and by COPY and MOVE),
    ///   not looked up across deliveries: a unique index over the hashes of all content put
    ///   one randomly placed index page into nearly every delivery's commit, as many pages
    ///   as the content itself for a 4 KB message, and a lookup that misses the cache once
    ///   the index outgrows memory. Files keep the lookup: their name is the hash.
    private static let version2 = """
        CREATE TABLE search_pending (
            blob_id INTEGER PRIMARY KEY
        );
        INSERT INTO blob_text(blob_text, rank) VALUES ('automerge', 8);

        CREATE TABLE blob_v2 (
            id INTEGER PRIMARY KEY,
            sha256 BLOB NOT NULL,
            size INTEGER NOT NULL,
            refcount INTEGER NOT NULL,
            structure BLOB NOT NULL,
            content BLOB
        );
        INSERT INTO blob_v2(id, sha256, size, refcount, structure, content)
            SELECT id, sha256, size, refcount, structure, content FROM blob;
        DROP TABLE blob;
        ALTER TABLE blob_v2 RENAME TO blob;
        CREATE UNIQUE INDEX blob_file_sha256 ON blob(sha256) WHERE content IS NULL;
        """

    /// The outbound queue. A queued message holds one reference to its blob (counted in
    /// `blob.refcount` like a message's). Each recipient has its state (`QueuedRecipientState`),
    /// its next attempt, and the lease of the runner working on it: a runner takes
    /// recipients whose lease has ended, so no two runners ever hold the same recipient.
    private static let version3 = """
        CREATE TABLE queue_message (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            queue_id TEXT NOT NULL UNIQUE,
            sender TEXT NOT NULL,
            envelope_id TEXT,
            return_full INTEGER,
            eight_bit INTEGER NOT NULL,
            smtputf8 INTEGER NOT NULL,
            blob_id INTEGER NOT NULL REFERENCES blob(id),
            size INTEGER NOT NULL,
            created INTEGER NOT NULL,
            expires INTEGER NOT NULL
        );
        CREATE INDEX queue_message_blob ON queue_message(blob_id);

        CREATE TABLE queue_recipient (
            message_id INTEGER NOT NULL REFERENCES queue_message(id),
            position INTEGER NOT NULL,
            address TEXT NOT NULL,
            domain TEXT NOT NULL,
            notify INTEGER,
            original_recipient TEXT,
            state INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt INTEGER NOT NULL,
            last_result TEXT,
            lease_owner TEXT,
            lease_ends INTEGER NOT NULL DEFAULT 0,
            delay_notified INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (message_id, position)
        ) WITHOUT ROWID;
        CREATE INDEX queue_recipient_due ON queue_recipient(next_attempt) WHERE state < 2;
        """

    /// Index rows of deleted content are removed by the search indexer, not in the commit
    /// that deletes the content: FTS5 (without contentless-delete, SQLite < 3.43) re-reads
    /// and re-tokenizes a row to delete it, which made a POP3 QUIT or an IMAP EXPUNGE of a
    /// few hundred messages hold the writer for seconds. `search_stale` lists blob ids
    /// whose `blob_text` row waits for removal. Such a row matches no message (its blob is
    /// gone); when SQLite hands a stale id to new content, the commit that stores the
    /// content removes the old row first (`SaveBatch`).
    private static let version4 = """
        CREATE TABLE search_stale (
            blob_id INTEGER PRIMARY KEY
        );
        """

    /// An account's APOP secret (RFC 1939 §7), set only when the operator gives one
    /// (`martlet user apop`): APOP needs a secret the server can read back, so it is a
    /// separate secret from the login password, which is kept only as a SCRAM verifier.
    private static let version5 = """
        ALTER TABLE account ADD COLUMN apop_secret TEXT;
        """

    /// Quotas: an account's limits (NULL: none), and each mailbox's message count and
    /// octets kept by triggers on `message`, so that an account's usage is a sum over its
    /// few mailboxes rather than over its messages, and no write path can forget it.
    private static let version6 = """
        ALTER TABLE account ADD COLUMN quota_storage INTEGER;
        ALTER TABLE account ADD COLUMN quota_messages INTEGER;
        ALTER TABLE mailbox ADD COLUMN message_count INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE mailbox ADD COLUMN total_size INTEGER NOT NULL DEFAULT 0;
        UPDATE mailbox SET
            message_count = (SELECT count(*) FROM message WHERE message.mailbox_id = mailbox.id),
            total_size = (SELECT coalesce(sum(size), 0) FROM message WHERE message.mailbox_id = mailbox.id);
        CREATE TRIGGER message_counted AFTER INSERT ON message BEGIN
            UPDATE mailbox SET message_count = message_count + 1, total_size = total_size + NEW.size
            WHERE id = NEW.mailbox_id;
        END;
        CREATE TRIGGER message_uncounted AFTER DELETE ON message BEGIN
            UPDATE mailbox SET message_count = message_count - 1, total_size = total_size - OLD.size
            WHERE id = OLD.mailbox_id;
        END;
        CREATE TRIGGER message_recounted AFTER UPDATE OF mailbox_id, size ON message BEGIN
            UPDATE mailbox SET message_count = message_count - 1, total_size = total_size - OLD.size
            WHERE id = OLD.mailbox_id;
            UPDATE mailbox SET message_count = message_count + 1, total_size = total_size + NEW.size
            WHERE id = NEW.mailbox_id;
        END;
        """

    /// Abuse defenses: client addresses banned for repeated failures (until `expires`),
    /// greylisting triplets (RFC 6647), and the Bayesian classifier's token counts per
    /// account (account 0 is the global corpus) with the number of messages trained.
    private static let version7 = """
        CREATE TABLE ban (
            address TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            created INTEGER NOT NULL,
            expires INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX ban_expires ON ban(expires);

        CREATE TABLE greylist (
            triplet TEXT PRIMARY KEY,
            first_seen INTEGER NOT NULL,
            passed INTEGER NOT NULL DEFAULT 0,
            last_seen INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX greylist_last_seen ON greylist(last_seen);

        CREATE TABLE spam_token (
            account_id INTEGER NOT NULL,
            token TEXT NOT NULL,
            spam_count INTEGER NOT NULL DEFAULT 0,
            ham_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (account_id, token)
        ) WITHOUT ROWID;

        CREATE TABLE spam_corpus (
            account_id INTEGER PRIMARY KEY,
            spam_messages INTEGER NOT NULL DEFAULT 0,
            ham_messages INTEGER NOT NULL DEFAULT 0
        );
        """

    /// How each message was last trained into an account's Bayesian corpus (and the global
    /// one), by a fingerprint of its content: moving it again the same way changes nothing,
    /// moving it the other way untrains it first.
    private static let version8 = """
        CREATE TABLE spam_trained (
            account_id INTEGER NOT NULL,
            fingerprint TEXT NOT NULL,
            kind INTEGER NOT NULL,
            PRIMARY KEY (account_id, fingerprint)
        ) WITHOUT ROWID;
        """

    /// Mailbox sharing (RFC 4314): each mailbox's access control list, one row per grantee
    /// (`grantee_id` 0 is `anyone`, any other value an account; account identifiers are
    /// never reused, so a grant can never reach a later account of the same address), the
    /// rights as `MailboxRights` bits; and the subscriptions of accounts to mailboxes of
    /// other accounts (an account's own subscriptions stay in `mailbox.subscribed`).
    private static let version9 = """
        CREATE TABLE mailbox_acl (
            mailbox_id INTEGER NOT NULL REFERENCES mailbox(id),
            grantee_id INTEGER NOT NULL,
            rights INTEGER NOT NULL,
            PRIMARY KEY (mailbox_id, grantee_id)
        ) WITHOUT ROWID;
        CREATE INDEX mailbox_acl_grantee ON mailbox_acl(grantee_id);

        CREATE TABLE shared_subscription (
            account_id INTEGER NOT NULL,
            mailbox_id INTEGER NOT NULL REFERENCES mailbox(id),
            PRIMARY KEY (account_id, mailbox_id)
        ) WITHOUT ROWID;
        """

    /// RFC 8474 object identifiers (`ObjectIDSecret` says how they are derived): the
    /// store's random secret that keys them, and the thread root of each content that names
    /// a message identifier (`ThreadRoot`). The roots are a table of their own rather than a
    /// column of `blob`: a column added to `blob` would come after the inline content, and
    /// reading it would walk the content's overflow pages. A root goes with its content row
    /// (the trigger), since a deleted row's id is reused for other content.
    private static let version10 = """
        CREATE TABLE object_id_secret (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            secret BLOB NOT NULL
        );
        INSERT INTO object_id_secret(id, secret) VALUES (1, randomblob(32));

        CREATE TABLE blob_thread (
            blob_id INTEGER PRIMARY KEY,
            root BLOB NOT NULL
        );
        CREATE TRIGGER blob_thread_released AFTER DELETE ON blob BEGIN
            DELETE FROM blob_thread WHERE blob_id = OLD.id;
        END;
        """
}
