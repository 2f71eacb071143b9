import Foundation
import GRDB
import WorkOrderCore

extension SQLiteOrderStore {
    public func commit(_ units: [UnitOfWork], markingPublished outboxIDs: [Int64]) async throws -> CommitReceipt {
        guard !units.isEmpty || !outboxIDs.isEmpty else { return CommitReceipt(outcomes: [], outbox: []) }
        let receipt = try await pool.write { db -> CommitReceipt in
            let now = wallClockMS()
            let s = try Statements(db)
            var receipt = CommitReceipt(outcomes: [], outbox: [])
            receipt.outcomes.reserveCapacity(units.count)
            for unit in units {
                try s.inbox.execute(arguments: [unit.messageID, now])
                guard db.changesCount == 1 else {
                    receipt.outcomes.append(.duplicate)
                    continue
                }
                try Self.apply(unit, statements: s, now: now, db: db, written: &receipt.outbox)
                receipt.outcomes.append(.applied)
            }
            for id in outboxIDs { try s.markPublished.execute(arguments: [now, id]) }
            return receipt
        }
        logger.debug("store commit", metadata: [
            "store.units": "\(units.count)",
            "store.duplicates": "\(receipt.outcomes.lazy.filter { $0 == .duplicate }.count)",
            "store.marked": "\(outboxIDs.count)",
        ])
        return receipt
    }

    private static func apply(_ unit: UnitOfWork, statements s: Statements, now: Int64, db: Database, written: inout [OutboxMessage]) throws {
        for row in try unit.storedOrders() {
            try s.upsertOrder.execute(arguments: [
                row.id, row.kind, row.site, row.household, row.state, row.openedAtMS, row.policyVersion, now, row.body,
            ])
        }
        for record in unit.history {
            try s.appendHistory.execute(arguments: [
                record.orderID, record.at.millisecondsSinceEpoch, record.event, record.actor, record.detail,
                record.messageID, record.state, record.factJSON,
            ])
        }
        if let intake = unit.intakeMessageID, let order = unit.orders.first {
            try s.insertIntake.execute(arguments: [intake, order.id])
        }
        for timer in unit.armTimers {
            try s.armTimer.execute(arguments: [
                timer.id.storeKey, timer.id.order, timer.id.purpose.rawValue, timer.due.millisecondsSinceEpoch,
            ])
        }
        for id in unit.cancelTimers {
            try s.cancelTimer.execute(arguments: [id.storeKey])
        }
        for var message in unit.outbox {
            try s.insertOutbox.execute(arguments: [
                message.exchange, message.routingKey, message.messageID, message.type, Data(message.body),
                message.createdAt.millisecondsSinceEpoch, message.correlationID, OutboxHeaders.encode(message.headers),
            ])
            message.id = db.lastInsertedRowID
            written.append(message)
        }
    }

    /// The commit's statements, compiled once per connection and cached by GRDB.
    private struct Statements {
        let inbox, upsertOrder, appendHistory, insertIntake, armTimer, cancelTimer, insertOutbox, markPublished: Statement

        init(_ db: Database) throws {
            inbox = try db.cachedStatement(sql: """
                INSERT INTO inbox (message_id, processed_at_ms) VALUES (?, ?) ON CONFLICT (message_id) DO NOTHING
                """)
            upsertOrder = try db.cachedStatement(sql: """
                INSERT INTO orders (id, kind, site, household, state, opened_at_ms, policy_version, updated_at_ms, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, site = excluded.site, household = excluded.household,
                    state = excluded.state, opened_at_ms = excluded.opened_at_ms, policy_version = excluded.policy_version,
                    updated_at_ms = excluded.updated_at_ms, body = excluded.body
                """)
            appendHistory = try db.cachedStatement(sql: """
                INSERT INTO history (order_id, at_ms, event, actor, detail, message_id, state, fact) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            insertIntake = try db.cachedStatement(sql: "INSERT INTO intake_index (intake_message_id, order_id) VALUES (?, ?)")
            armTimer = try db.cachedStatement(sql: """
                INSERT INTO timers (timer_key, order_id, purpose, due_ms) VALUES (?, ?, ?, ?)
                ON CONFLICT (timer_key) DO UPDATE SET due_ms = excluded.due_ms
                """)
            cancelTimer = try db.cachedStatement(sql: "DELETE FROM timers WHERE timer_key = ?")
            insertOutbox = try db.cachedStatement(sql: """
                INSERT INTO outbox (exchange, routing_key, message_id, type, body, created_ms, correlation_id, headers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            markPublished = try db.cachedStatement(sql: "UPDATE outbox SET published_ms = ? WHERE id = ? AND published_ms IS NULL")
        }
    }
}
