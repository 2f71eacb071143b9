import GRDB
import WorkOrderCore

extension SQLiteOrderStore {
    /// Each step moves `PRAGMA user_version` from its index to its index + 1.
    static let migrations: [String] = [
        """
        CREATE TABLE orders (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL,
            site TEXT NOT NULL,
            household TEXT NOT NULL,
            state TEXT NOT NULL,
            opened_at_ms INTEGER NOT NULL,
            policy_version TEXT NOT NULL,
            updated_at_ms INTEGER NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX orders_kind_site_opened ON orders(kind, site, opened_at_ms);
        CREATE INDEX orders_opened ON orders(opened_at_ms);
        CREATE INDEX orders_state ON orders(state);
        CREATE INDEX orders_household ON orders(site, household, opened_at_ms);
        CREATE TABLE history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            event TEXT NOT NULL,
            actor TEXT NOT NULL,
            detail TEXT NOT NULL,
            message_id TEXT,
            state TEXT NOT NULL
        );
        CREATE INDEX history_order ON history(order_id, seq);
        CREATE TABLE intake_index (
            intake_message_id TEXT PRIMARY KEY NOT NULL,
            order_id TEXT NOT NULL
        );
        CREATE TABLE timers (
            timer_key TEXT PRIMARY KEY NOT NULL,
            order_id TEXT NOT NULL,
            purpose TEXT NOT NULL,
            due_ms INTEGER NOT NULL
        );
        CREATE INDEX timers_due ON timers(due_ms, timer_key);
        CREATE TABLE inbox (
            message_id TEXT PRIMARY KEY NOT NULL,
            processed_at_ms INTEGER NOT NULL
        );
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            exchange TEXT NOT NULL,
            routing_key TEXT NOT NULL,
            message_id TEXT NOT NULL,
            type TEXT NOT NULL,
            body BLOB NOT NULL,
            created_ms INTEGER NOT NULL,
            published_ms INTEGER,
            correlation_id TEXT,
            headers TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX outbox_pending ON outbox(id) WHERE published_ms IS NULL;
        """,
        // 2: campaign records (written only by `wo campaigns`; see CampaignStore).
        """
        CREATE TABLE campaigns (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL,
            site TEXT NOT NULL,
            period TEXT NOT NULL,
            planned_at_ms INTEGER NOT NULL,
            policy_version TEXT NOT NULL,
            plan TEXT NOT NULL
        );
        CREATE INDEX campaigns_site_kind ON campaigns(site, kind, period);
        CREATE TABLE campaign_items (
            campaign_id TEXT NOT NULL REFERENCES campaigns(id),
            household TEXT NOT NULL,
            planned_at_ms INTEGER,
            PRIMARY KEY (campaign_id, household)
        );
        CREATE TABLE campaign_outcomes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            campaign_id TEXT NOT NULL REFERENCES campaigns(id),
            household TEXT NOT NULL,
            result TEXT NOT NULL,
            actor TEXT NOT NULL,
            at_ms INTEGER NOT NULL,
            answer TEXT,
            note TEXT NOT NULL,
            recorded_at_ms INTEGER NOT NULL
        );
        CREATE INDEX campaign_outcomes_campaign ON campaign_outcomes(campaign_id, seq);
        CREATE UNIQUE INDEX campaign_outcomes_once ON campaign_outcomes(campaign_id, household, result)
            WHERE result IN ('visited', 'returned');
        """,
        // 3: the policy files of every version a server ran with (see OrderStore).
        """
        CREATE TABLE policy_versions (
            version TEXT PRIMARY KEY NOT NULL,
            files TEXT NOT NULL,
            first_loaded_at_ms INTEGER NOT NULL
        );
        """,
        // 4: how often a message was delivered without its effect being committed.
        """
        CREATE TABLE delivery_attempts (
            message_key TEXT PRIMARY KEY NOT NULL,
            attempts INTEGER NOT NULL,
            last_at_ms INTEGER NOT NULL
        );
        """,
        // 5: what a history row records, as JSON (HistoryFact); older rows keep only their sentence.
        """
        ALTER TABLE history ADD COLUMN fact TEXT;
        """,
        // 6: the running server's clock (--time-scale), for the read commands.
        """
        CREATE TABLE server_clock (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            wall_origin_ms INTEGER NOT NULL,
            scaled_origin_ms INTEGER NOT NULL,
            scale REAL NOT NULL
        );
        """,
        // 7: when the owner's name and phone were replaced by their masks (IN-05).
        """
        ALTER TABLE orders ADD COLUMN redacted_at_ms INTEGER;
        CREATE INDEX orders_unredacted ON orders(kind, state) WHERE redacted_at_ms IS NULL;
        """,
    ]

    public func migrate() async throws {
        let supported = Self.schemaVersion
        if readOnly {
            let found = try await pool.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
            if found > supported { throw StoreError.schemaTooNew(found: found, supported: supported) }
            if found < supported {
                throw StoreError.cannotOpen(
                    location: path, reason: "schema version \(found) is older than \(supported); open it once with wo serve to upgrade")
            }
            return
        }
        let (from, to) = try await pool.write { db -> (Int, Int) in
            let found = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if found > supported { throw StoreError.schemaTooNew(found: found, supported: supported) }
            for version in found..<supported {
                try db.execute(sql: Self.migrations[version])
                try db.execute(sql: "PRAGMA user_version = \(version + 1)")
            }
            return (found, supported)
        }
        if from != to {
            logger.info("store schema migrated", metadata: ["store.path": "\(path)", "store.from": "\(from)", "store.to": "\(to)"])
        }
    }

    /// Tests: turn a fresh store back into a version-1 store, as an older program left it.
    func rollBackToSchemaVersion1ForTesting() async throws {
        try await pool.write { db in
            try db.execute(sql: """
                DROP INDEX orders_unredacted; ALTER TABLE orders DROP COLUMN redacted_at_ms;
                DROP TABLE server_clock; ALTER TABLE history DROP COLUMN fact; DROP TABLE delivery_attempts; DROP TABLE policy_versions; DROP TABLE campaign_outcomes; DROP TABLE campaign_items; DROP TABLE campaigns;
                PRAGMA user_version = 1
                """)
        }
    }

    /// Tests: pretend a newer program wrote the file.
    func setSchemaVersionForTesting(_ version: Int) async throws {
        try await pool.write { db in try db.execute(sql: "PRAGMA user_version = \(version)") }
    }
}
