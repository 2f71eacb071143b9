import PostgresNIO
import WorkOrderCore

extension PostgresOrderStore {
    /// Each step moves `schema_version.version` from its index to its index + 1; a step
    /// is a list because the extended query protocol runs one statement per query.
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE orders (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                site TEXT NOT NULL,
                household TEXT NOT NULL,
                state TEXT NOT NULL,
                opened_at_ms BIGINT NOT NULL,
                policy_version TEXT NOT NULL,
                updated_at_ms BIGINT NOT NULL,
                body TEXT NOT NULL
            )
            """,
            "CREATE INDEX orders_kind_site_opened ON orders (kind, site, opened_at_ms)",
            "CREATE INDEX orders_opened ON orders (opened_at_ms)",
            "CREATE INDEX orders_state ON orders (state)",
            "CREATE INDEX orders_household ON orders (site, household, opened_at_ms)",
            """
            CREATE TABLE history (
                seq BIGSERIAL PRIMARY KEY,
                order_id TEXT NOT NULL,
                at_ms BIGINT NOT NULL,
                event TEXT NOT NULL,
                actor TEXT NOT NULL,
                detail TEXT NOT NULL,
                message_id TEXT,
                state TEXT NOT NULL
            )
            """,
            "CREATE INDEX history_order ON history (order_id, seq)",
            "CREATE TABLE intake_index (intake_message_id TEXT PRIMARY KEY, order_id TEXT NOT NULL)",
            """
            CREATE TABLE timers (
                timer_key TEXT PRIMARY KEY,
                order_id TEXT NOT NULL,
                purpose TEXT NOT NULL,
                due_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX timers_due ON timers (due_ms, timer_key)",
            "CREATE TABLE inbox (message_id TEXT PRIMARY KEY, processed_at_ms BIGINT NOT NULL)",
            """
            CREATE TABLE outbox (
                id BIGSERIAL PRIMARY KEY,
                exchange TEXT NOT NULL,
                routing_key TEXT NOT NULL,
                message_id TEXT NOT NULL,
                type TEXT NOT NULL,
                body BYTEA NOT NULL,
                created_ms BIGINT NOT NULL,
                published_ms BIGINT,
                correlation_id TEXT,
                headers TEXT NOT NULL DEFAULT '{}'
            )
            """,
            "CREATE INDEX outbox_pending ON outbox (id) WHERE published_ms IS NULL",
        ],
        // 2: campaign records (written only by `wo campaigns`; see CampaignStore).
        [
            """
            CREATE TABLE campaigns (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                site TEXT NOT NULL,
                period TEXT NOT NULL,
                planned_at_ms BIGINT NOT NULL,
                policy_version TEXT NOT NULL,
                plan TEXT NOT NULL
            )
            """,
            "CREATE INDEX campaigns_site_kind ON campaigns (site, kind, period)",
            """
            CREATE TABLE campaign_items (
                campaign_id TEXT NOT NULL REFERENCES campaigns (id),
                household TEXT NOT NULL,
                planned_at_ms BIGINT,
                PRIMARY KEY (campaign_id, household)
            )
            """,
            """
            CREATE TABLE campaign_outcomes (
                seq BIGSERIAL PRIMARY KEY,
                campaign_id TEXT NOT NULL REFERENCES campaigns (id),
                household TEXT NOT NULL,
                result TEXT NOT NULL,
                actor TEXT NOT NULL,
                at_ms BIGINT NOT NULL,
                answer TEXT,
                note TEXT NOT NULL,
                recorded_at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX campaign_outcomes_campaign ON campaign_outcomes (campaign_id, seq)",
            """
            CREATE UNIQUE INDEX campaign_outcomes_once ON campaign_outcomes (campaign_id, household, result)
            WHERE result IN ('visited', 'returned')
            """,
        ],
        // 3: the policy files of every version a server ran with (see OrderStore).
        [
            """
            CREATE TABLE policy_versions (
                version TEXT PRIMARY KEY,
                files JSONB NOT NULL,
                first_loaded_at_ms BIGINT NOT NULL
            )
            """,
        ],
        // 4: how often a message was delivered without its effect being committed.
        [
            "CREATE TABLE delivery_attempts (message_key TEXT PRIMARY KEY, attempts INT NOT NULL, last_at_ms BIGINT NOT NULL)",
        ],
        // 5: what a history row records, as JSON (HistoryFact); older rows keep only their sentence.
        [
            "ALTER TABLE history ADD COLUMN fact TEXT",
        ],
        // 6: the running server's clock (--time-scale), for the read commands.
        [
            """
            CREATE TABLE server_clock (
                id INT PRIMARY KEY CHECK (id = 1), wall_origin_ms BIGINT NOT NULL, scaled_origin_ms BIGINT NOT NULL,
                scale DOUBLE PRECISION NOT NULL
            )
            """,
        ],
        // 7: when the owner's name and phone were replaced by their masks (IN-05).
        [
            "ALTER TABLE orders ADD COLUMN redacted_at_ms BIGINT",
            "CREATE INDEX orders_unredacted ON orders (kind, state) WHERE redacted_at_ms IS NULL",
        ],
    ]

    public func migrate() async throws {
        let supported = Self.schemaVersion
        let location = url.description
        if readOnly {
            let found = try await inTransaction("schema check") { c in try await Self.currentVersion(c, logger: logger) }
            guard let found else {
                throw StoreError.cannotOpen(location: location, reason: "no work-order store here (no schema_version table)")
            }
            if found > supported { throw StoreError.schemaTooNew(found: found, supported: supported) }
            if found < supported {
                throw StoreError.cannotOpen(
                    location: location, reason: "schema version \(found) is older than \(supported); run wo serve once to upgrade")
            }
            return
        }
        let schema = url.schema
        let from = try await inTransaction("migrate") { c -> Int in
            // Two programs migrating one database at once take turns.
            try await c.query("SELECT pg_advisory_xact_lock(727274)", logger: logger)
            if let schema {
                try await c.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: schema)", logger: logger)
            }
            try await c.query("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL)", logger: logger)
            var found = try await Self.currentVersion(c, logger: logger) ?? 0
            if found == 0 {
                try await c.query("DELETE FROM schema_version", logger: logger)
                try await c.query("INSERT INTO schema_version (version) VALUES (0)", logger: logger)
            }
            if found > supported { throw StoreError.schemaTooNew(found: found, supported: supported) }
            let start = found
            while found < supported {
                for statement in Self.migrations[found] {
                    try await c.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                found += 1
            }
            try await c.query("UPDATE schema_version SET version = \(found)", logger: logger)
            return start
        }
        if from != supported {
            logger.info("store schema migrated", metadata: ["store.url": "\(url)", "store.from": "\(from)", "store.to": "\(supported)"])
        }
    }

    /// The schema version, or nil when there is no `schema_version` table.
    private static func currentVersion(_ c: PostgresConnection, logger: Logger) async throws -> Int? {
        let exists = try await c.query("SELECT to_regclass('schema_version') IS NOT NULL", logger: logger)
        var present = false
        for try await (flag) in exists.decode(Bool.self) { present = flag }
        guard present else { return nil }
        let rows = try await c.query("SELECT version FROM schema_version", logger: logger)
        var version: Int32 = 0
        for try await (v) in rows.decode(Int32.self) { version = max(version, v) }
        return Int(version)
    }

    /// Tests: turn a fresh store back into a version-1 store, as an older program left it.
    func rollBackToSchemaVersion1ForTesting() async throws {
        try await inTransaction("roll back to version 1") { c in
            _ = try await c.query("ALTER TABLE orders DROP COLUMN redacted_at_ms", logger: logger)
            _ = try await c.query("DROP TABLE server_clock", logger: logger)
            _ = try await c.query("ALTER TABLE history DROP COLUMN fact", logger: logger)
            for table in ["delivery_attempts", "policy_versions", "campaign_outcomes", "campaign_items", "campaigns"] {
                _ = try await c.query("DROP TABLE \(unescaped: table)", logger: logger)
            }
            _ = try await c.query("UPDATE schema_version SET version = 1", logger: logger)
        }
    }

    /// Tests: pretend a newer program wrote the schema.
    func setSchemaVersionForTesting(_ version: Int) async throws {
        let v = Int32(version)
        try await inTransaction("set schema version") { c in
            _ = try await c.query("UPDATE schema_version SET version = \(v)", logger: logger)
        }
    }

    /// Removes this store's schema and everything in it (`OrderStores.removeScratch`).
    func dropSchema() async throws {
        guard let schema = url.schema else { return }
        try await inTransaction("drop schema") { c in
            _ = try await c.query("DROP SCHEMA IF EXISTS \(unescaped: schema) CASCADE", logger: logger)
        }
    }
}
