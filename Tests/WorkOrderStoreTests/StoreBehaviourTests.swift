import Foundation
import Testing
import WorkOrderCore
@testable import WorkOrderStore

/// One suite of store behaviours, run against SQLite and PostgreSQL alike.
@Suite(.timeLimit(.minutes(2)))
struct StoreBehaviourTests {
    @Test(arguments: StoreKind.allCases)
    func commitThenReadBack(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            let order = try sampleOrder("WO-1")
            let outcomes = try await t.store.commit([intakeUnit(order, message: "m-1", timerDue: at(minutes: 30))])
            #expect(outcomes == [.applied])
            #expect(try await t.store.order(id: "WO-1") == order)
            #expect(try await t.store.order(id: "WO-2") == nil)
            #expect(try await t.store.history(orderID: "WO-1") == [opened(order, message: "m-1")])
            #expect(try await t.store.processedMessageIDs(among: ["m-1", "m-2"]) == ["m-1"])
            #expect(try await t.store.processedMessageIDs(among: []) == [])
            #expect(try await t.store.armedTimerCount() == 1)
            #expect(try await t.store.outboxDepth() == 1)
            let pending = try await t.store.pendingOutbox(limit: 10)
            #expect(pending.count == 1)
            #expect(pending.first?.messageID == "m-1/dispatch")
            #expect(pending.first?.body == Array("{}".utf8))
            #expect(pending.first?.routingKey == "wo.dispatch.engineering")
            #expect(pending.first?.createdAt == t0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func upsertReplacesTheOrder(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            var order = try sampleOrder("WO-1")
            _ = try await t.store.commit([intakeUnit(order, message: "m-1")])
            order.state = try sampleOrder("X", helpType: "other").state
            order.priority = true
            let step = HistoryRecord(orderID: "WO-1", at: at(minutes: 5), event: "reclassified", actor: "li.cs",
                                     detail: "", messageID: "m-2", state: order.stateName)
            #expect(try await t.store.commit([UnitOfWork(messageID: "m-2", orders: [order], history: [step])]) == [.applied])
            #expect(try await t.store.order(id: "WO-1") == order)
            #expect(try await t.store.order(intakeMessageID: "m-1") == order)
            #expect(try await t.store.orders(matching: OrderFilter(state: order.stateName)).map(\.id) == ["WO-1"])
        }
    }

    /// Bodies encoded ahead (`encodeOrders`, as the writer does while preparing) are what
    /// is stored, and a change to the orders after that is never lost to a stale body.
    @Test(arguments: StoreKind.allCases)
    func ordersEncodedAheadAreStoredAndAChangeAfterwardsWins(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            let first = try sampleOrder("WO-1")
            var ahead = intakeUnit(first, message: "m-1")
            try ahead.encodeOrders()
            #expect(try await t.store.commit([ahead]) == [.applied])
            #expect(try await t.store.order(id: "WO-1") == first)

            var changed = first
            changed.priority = true
            var unit = UnitOfWork(messageID: "m-2", orders: [first])
            try unit.encodeOrders()
            unit.orders = [changed]
            #expect(try await t.store.commit([unit]) == [.applied])
            #expect(try await t.store.order(id: "WO-1") == changed)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func duplicateMessageHasNoSecondEffect(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            let order = try sampleOrder("WO-1")
            let unit = intakeUnit(order, message: "m-1", timerDue: at(minutes: 30))
            #expect(try await t.store.commit([unit]) == [.applied])
            var again = unit
            again.outbox = [outbox("m-1/other")]
            #expect(try await t.store.commit([again]) == [.duplicate])
            // The same message twice in one batch: the first is applied, the second skipped.
            let other = try sampleOrder("WO-2")
            #expect(try await t.store.commit([intakeUnit(other, message: "m-2"), intakeUnit(other, message: "m-2")])
                == [.applied, .duplicate])
            #expect(try await t.store.history(orderID: "WO-1").count == 1)
            #expect(try await t.store.history(orderID: "WO-2").count == 1)
            #expect(try await t.store.outboxDepth() == 2)
            #expect(try await t.store.pendingOutbox(limit: 10).map(\.messageID) == ["m-1/dispatch", "m-2/dispatch"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func groupCommitIsAtomic(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            _ = try await t.store.commit([intakeUnit(try sampleOrder("WO-0"), message: "m-0")])
            var units: [UnitOfWork] = []
            for i in 1...200 { units.append(intakeUnit(try sampleOrder("WO-\(i)"), message: "m-\(i)", timerDue: at(minutes: Int64(i)))) }
            // Unit 100 links an intake message id that already opened WO-0: a constraint violation.
            var bad = intakeUnit(try sampleOrder("WO-bad"), message: "m-bad")
            bad.intakeMessageID = "m-0"
            units.insert(bad, at: 100)
            let error = await #expect(throws: (any Error).self) { try await t.store.commit(units) }
            #expect("\(error.map { "\($0)" } ?? "")".contains("intake_index"), "the batch failed for another reason")
            #expect(try await t.store.order(id: "WO-1") == nil)
            #expect(try await t.store.order(id: "WO-200") == nil)
            #expect(try await t.store.processedMessageIDs(among: units.map(\.messageID)).isEmpty)
            #expect(try await t.store.armedTimerCount() == 0)
            #expect(try await t.store.outboxDepth() == 1)
            #expect(try await t.store.orders(matching: OrderFilter()).map(\.id) == ["WO-0"])
            // Without the bad unit the whole batch goes in.
            units.remove(at: 100)
            let outcomes = try await t.store.commit(units)
            #expect(outcomes == Array(repeating: .applied, count: 200))
            #expect(try await t.store.orders(matching: OrderFilter()).count == 201)
            #expect(try await t.store.armedTimerCount() == 200)
            #expect(try await t.store.outboxDepth() == 201)
            #expect(try await t.store.order(intakeMessageID: "m-150")?.id == "WO-150")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func outboxIsPublishedOnce(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            let order = try sampleOrder("WO-1")
            var unit = intakeUnit(order, message: "m-1")
            unit.outbox = (1...5).map { outbox("m-1/\($0)", body: "{\"n\":\($0)}") }
            _ = try await t.store.commit([unit])
            let pending = try await t.store.pendingOutbox(limit: 3)
            #expect(pending.map(\.messageID) == ["m-1/1", "m-1/2", "m-1/3"])
            #expect(pending.map(\.id) == pending.map(\.id).sorted())
            #expect(Set(pending.map(\.id)).count == 3)
            try await t.store.markPublished(outboxIDs: pending.map(\.id))
            #expect(try await t.store.outboxDepth() == 2)
            let rest = try await t.store.pendingOutbox(limit: 10)
            #expect(rest.map(\.messageID) == ["m-1/4", "m-1/5"])
            #expect(rest.first?.body == Array("{\"n\":4}".utf8))
            try await t.store.markPublished(outboxIDs: rest.map(\.id) + pending.map(\.id))
            try await t.store.markPublished(outboxIDs: [])
            #expect(try await t.store.pendingOutbox(limit: 10).isEmpty)
            #expect(try await t.store.outboxDepth() == 0)
        }
    }

    /// Issue 13: the commit says which outbox rows it wrote, with the ids the store gave
    /// them (the publisher sends them without reading them back), and writes the
    /// publisher's marks in the same transaction; a read can start after an id.
    @Test(arguments: StoreKind.allCases)
    func commitReturnsItsOutboxRowsAndCarriesMarks(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            var first = intakeUnit(try sampleOrder("WO-1"), message: "m-1")
            first.outbox = (1...3).map { outbox("m-1/\($0)", body: "{\"n\":\($0)}") }
            var second = intakeUnit(try sampleOrder("WO-2"), message: "m-2")
            second.outbox = [outbox("m-2/1", body: "{}")]
            let receipt = try await t.store.commit([first, second, first], markingPublished: [])
            #expect(receipt.outcomes == [.applied, .applied, .duplicate])
            let pending = try await t.store.pendingOutbox(limit: 10)
            #expect(receipt.outbox.map(\.messageID) == ["m-1/1", "m-1/2", "m-1/3", "m-2/1"])
            #expect(receipt.outbox.map(\.id) == pending.map(\.id))
            #expect(receipt.outbox.map(\.body) == pending.map(\.body))

            // Two rows confirmed: their marks ride on the next commit, even one with no units.
            var third = intakeUnit(try sampleOrder("WO-3"), message: "m-3")
            third.outbox = [outbox("m-3/1", body: "{}")]
            let next = try await t.store.commit([third], markingPublished: Array(receipt.outbox.prefix(2).map(\.id)))
            #expect(next.outbox.count == 1)
            #expect(try #require(next.outbox.first?.id) > receipt.outbox[3].id)
            #expect(try await t.store.pendingOutbox(limit: 10).map(\.messageID) == ["m-1/3", "m-2/1", "m-3/1"])
            _ = try await t.store.commit([], markingPublished: [receipt.outbox[2].id])
            #expect(try await t.store.outboxDepth() == 2)

            // Between two ids, both excluded.
            let after = try await t.store.pendingOutbox(after: receipt.outbox[3].id, before: nil, limit: 10)
            #expect(after.map(\.messageID) == ["m-3/1"])
            let below = try await t.store.pendingOutbox(after: 0, before: next.outbox[0].id, limit: 10)
            #expect(below.map(\.messageID) == ["m-2/1"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func timersArmRearmCancelAndFallDue(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            #expect(try await t.store.nextTimerDue() == nil)
            let a = TimerID(order: "WO-1", purpose: .response), b = TimerID(order: "WO-1", purpose: .reply)
            let c = TimerID(order: "WO-2", purpose: .handling)
            _ = try await t.store.commit([UnitOfWork(messageID: "m-1", armTimers: [
                ArmedTimer(id: a, due: at(minutes: 30)), ArmedTimer(id: b, due: at(minutes: 10)), ArmedTimer(id: c, due: at(minutes: 20)),
            ])])
            #expect(try await t.store.armedTimerCount() == 3)
            #expect(try await t.store.nextTimerDue() == at(minutes: 10))
            #expect(try await t.store.dueTimers(at: at(minutes: 25), limit: 10).map(\.id) == [b, c])
            #expect(try await t.store.dueTimers(at: at(minutes: 25), limit: 1).map(\.id) == [b])
            #expect(try await t.store.dueTimers(at: at(minutes: 9), limit: 10).isEmpty)
            // Re-arming moves the due time; cancelling removes; cancelling an unknown timer is fine.
            _ = try await t.store.commit([UnitOfWork(
                messageID: "m-2", armTimers: [ArmedTimer(id: b, due: at(minutes: 40))],
                cancelTimers: [c, TimerID(order: "WO-9", purpose: .callback)])])
            #expect(try await t.store.armedTimerCount() == 2)
            #expect(try await t.store.nextTimerDue() == at(minutes: 30))
            #expect(try await t.store.dueTimers(at: at(minutes: 60), limit: 10) == [
                ArmedTimer(id: a, due: at(minutes: 30)), ArmedTimer(id: b, due: at(minutes: 40)),
            ])
            // In one batch: cancel then re-arm arms; arm then cancel (later unit) cancels.
            _ = try await t.store.commit([
                UnitOfWork(messageID: "m-3", cancelTimers: [a]),
                UnitOfWork(messageID: "m-4", armTimers: [ArmedTimer(id: a, due: at(minutes: 5))]),
                UnitOfWork(messageID: "m-5", armTimers: [ArmedTimer(id: c, due: at(minutes: 1))]),
                UnitOfWork(messageID: "m-6", cancelTimers: [c, b]),
            ])
            #expect(try await t.store.dueTimers(at: at(minutes: 60), limit: 10) == [ArmedTimer(id: a, due: at(minutes: 5))])
            if let sqlite = t.store as? SQLiteOrderStore {
                #expect(try await sqlite.timers(orderID: "WO-1") == [ArmedTimer(id: a, due: at(minutes: 5))])
            } else if let pg = t.store as? PostgresOrderStore {
                #expect(try await pg.timers(orderID: "WO-1") == [ArmedTimer(id: a, due: at(minutes: 5))])
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func existingOrderIDsAmongMany(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            _ = try await t.store.commit([intakeUnit(try sampleOrder("WO-1"), message: "m-1"), intakeUnit(try sampleOrder("WO-3"), message: "m-3")])
            // More than one SQLite chunk of bound parameters.
            let asked = ["WO-1", "WO-2", "WO-3"] + (4...1_200).map { "WO-\($0)" }
            #expect(try await t.store.existingOrderIDs(among: asked) == ["WO-1", "WO-3"])
            #expect(try await t.store.existingOrderIDs(among: []) == [])
            // Message ids are not order ids.
            #expect(try await t.store.existingOrderIDs(among: ["m-1"]) == [])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func orderByIntakeMessageID(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            let order = try sampleOrder("WO-7")
            _ = try await t.store.commit([intakeUnit(order, message: "intake-abc")])
            #expect(try await t.store.order(intakeMessageID: "intake-abc") == order)
            #expect(try await t.store.order(intakeMessageID: "intake-xyz") == nil)
            // A transition message is not an intake: no link.
            _ = try await t.store.commit([UnitOfWork(messageID: "transition-1", orders: [order])])
            #expect(try await t.store.order(intakeMessageID: "transition-1") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func historyIsAppendOnlyOldestFirst(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            let order = try sampleOrder("WO-1")
            _ = try await t.store.commit([intakeUnit(order, message: "m-1")])
            var expected = [opened(order, message: "m-1")]
            var units: [UnitOfWork] = []
            for i in 1...5 {
                let records = (0..<2).map { j in
                    HistoryRecord(orderID: "WO-1", at: at(minutes: Int64(10 - i)), event: "note \(i).\(j)", actor: "li.cs",
                                  detail: "第\(i)次 \"quoted\"", messageID: j == 0 ? "n-\(i)" : nil, state: "general")
                }
                expected += records
                units.append(UnitOfWork(messageID: "n-\(i)", history: records))
            }
            _ = try await t.store.commit(Array(units[0..<2]))
            _ = try await t.store.commit(Array(units[2...]))
            // Oldest first means in the order recorded, whatever the events' own times.
            #expect(try await t.store.history(orderID: "WO-1") == expected)
            #expect(try await t.store.history(orderID: "WO-2") == [])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func recentOrdersBySiteAndKind(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            let orders = [
                try sampleOrder("A", site: "garden-court", openedAt: at(minutes: 0)),
                try sampleOrder("B", site: "garden-court", openedAt: at(minutes: 20)),
                try sampleOrder("C", site: "river-view", openedAt: at(minutes: 25)),
                try sampleOrder("D", site: "garden-court", openedAt: at(minutes: 10)),
            ]
            _ = try await t.store.commit(orders.map { intakeUnit($0, message: "m-\($0.id)") })
            let recent = try await t.store.recentOrders(kind: .help, site: "garden-court", since: at(minutes: 10))
            #expect(recent.map(\.id) == ["D", "B"])
            #expect(try await t.store.recentOrders(kind: .complaint, site: "garden-court", since: t0).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func ordersMatchingFilter(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            let orders = [
                try sampleOrder("A", site: "garden-court", room: "501", helpType: "consultation", openedAt: at(minutes: 0)),
                try sampleOrder("B", site: "garden-court", room: "502", helpType: "other", openedAt: at(minutes: 10)),
                try sampleOrder("C", site: "river-view", room: "501", helpType: "consultation", openedAt: at(minutes: 20)),
            ]
            _ = try await t.store.commit(orders.map { intakeUnit($0, message: "m-\($0.id)") })
            func ids(_ filter: OrderFilter) async throws -> [String] { try await t.store.orders(matching: filter).map(\.id) }
            #expect(try await ids(OrderFilter()) == ["A", "B", "C"])
            #expect(try await ids(OrderFilter(kind: .help)) == ["A", "B", "C"])
            #expect(try await ids(OrderFilter(kind: .repair)) == [])
            #expect(try await ids(OrderFilter(site: "garden-court")) == ["A", "B"])
            #expect(try await ids(OrderFilter(household: "3-2-501")) == ["A", "C"])
            #expect(try await ids(OrderFilter(state: orders[1].stateName)) == ["B"])
            #expect(try await ids(OrderFilter(openedFrom: at(minutes: 10))) == ["B", "C"])
            #expect(try await ids(OrderFilter(openedBefore: at(minutes: 10))) == ["A"])
            #expect(try await ids(OrderFilter(site: "garden-court", openedFrom: at(minutes: 5), openedBefore: at(minutes: 60))) == ["B"])
            #expect(try await ids(OrderFilter(limit: 2)) == ["A", "B"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func everythingSurvivesReopening(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            let order = try sampleOrder("WO-1")
            _ = try await t.store.commit([intakeUnit(order, message: "m-1", timerDue: at(minutes: 30))])
            try await t.store.close()
            let again = try await t.reopen()
            #expect(try await again.order(id: "WO-1") == order)
            #expect(try await again.order(intakeMessageID: "m-1") == order)
            #expect(try await again.history(orderID: "WO-1").count == 1)
            #expect(try await again.processedMessageIDs(among: ["m-1"]) == ["m-1"])
            #expect(try await again.nextTimerDue() == at(minutes: 30))
            #expect(try await again.outboxDepth() == 1)
            #expect(try await again.commit([intakeUnit(order, message: "m-1")]) == [.duplicate])
            try await again.close()
            // A reader beside the writer.
            let reader = try await t.reopen(readOnly: true)
            #expect(try await reader.order(id: "WO-1") == order)
            try await reader.close()
        }
    }

    @Test(arguments: StoreKind.allCases)
    func refusesASchemaTooNew(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            if let sqlite = t.store as? SQLiteOrderStore {
                try await sqlite.setSchemaVersionForTesting(SQLiteOrderStore.schemaVersion + 1)
            } else if let pg = t.store as? PostgresOrderStore {
                try await pg.setSchemaVersionForTesting(PostgresOrderStore.schemaVersion + 1)
            }
            // Both stores are at the same version.
            let tooNew = StoreError.schemaTooNew(found: SQLiteOrderStore.schemaVersion + 1, supported: PostgresOrderStore.schemaVersion)
            await #expect(throws: tooNew) { try await t.store.migrate() }
            await #expect(throws: tooNew) { _ = try await t.reopen() }
            await #expect(throws: tooNew) { _ = try await t.reopen(readOnly: true) }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func migrateTwiceIsHarmless(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            _ = try await t.store.commit([intakeUnit(try sampleOrder("WO-1"), message: "m-1")])
            try await t.store.migrate()
            #expect(try await t.store.order(id: "WO-1") != nil)
        }
    }
}

/// Retention: old inbox keys and old published events go; pending rows and dispatches stay.
@Suite(.timeLimit(.minutes(2)))
struct StoreRetentionTests {
    @Test(arguments: StoreKind.allCases)
    func pruneForgetsOldKeysAndPublishedEventsOnly(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            var unit = intakeUnit(try sampleOrder("WO-1"), message: "m-1")
            unit.outbox.append(OutboxMessage(exchange: "wo.events", routingKey: "help.consultation", messageID: "m-1/event",
                                             type: "event", body: Array("{}".utf8), createdAt: t0))
            _ = try await t.store.commit([unit, UnitOfWork(messageID: "m-2", outbox: [
                OutboxMessage(exchange: "wo.events", routingKey: "x", messageID: "m-2/event", type: "event", body: [], createdAt: t0),
            ])])
            // Publish all but m-2's event.
            let rows = try await t.store.pendingOutbox(limit: 10)
            try await t.store.markPublished(outboxIDs: rows.filter { $0.messageID != "m-2/event" }.map(\.id))

            let future = Int64(Date().timeIntervalSince1970 * 1000) + 60_000
            // A cutoff in the past removes nothing.
            #expect(try await t.store.prune(processedBefore: 0, publishedBefore: 0, outboxTypes: ["event"]) == PruneResult(inboxKeys: 0, outboxRows: 0))
            let result = try await t.store.prune(processedBefore: future, publishedBefore: future, outboxTypes: ["event", "reply"])
            #expect(result == PruneResult(inboxKeys: 2, outboxRows: 1))
            // m-2's key is forgotten; m-1 opened an order, so it is still recognised by the
            // intake index (a re-sent intake must never open a second order).
            #expect(try await t.store.processedMessageIDs(among: ["m-1", "m-2"]) == ["m-1"])
            // The pending event and the published dispatch are still there.
            #expect(try await t.store.outboxDepth() == 1)
            #expect(try await t.store.pendingOutbox(limit: 10).map(\.messageID) == ["m-2/event"])
        }
    }
}

/// Issue 12, item 9: a history row's typed fact is kept by both stores; a row without one
/// (as every row before schema 5) reads back without one.
@Suite(.timeLimit(.minutes(2)))
struct HistoryFactStoreTests {
    @Test(arguments: StoreKind.allCases)
    func factsAreStoredAndReadBack(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            var unit = intakeUnit(try sampleOrder("WO-F"), message: "m-f")
            let fact = HistoryFact.callbackAnswered(round: 1, form: .phone, by: "zhao.cs", satisfaction: "satisfied", ownerSigned: false)
            unit.history.append(HistoryRecord(orderID: "WO-F", at: t0, event: "note", actor: "system", fact: fact, messageID: "m-f", state: "consultation"))
            unit.history.append(HistoryRecord(orderID: "WO-F", at: t0, event: "note", actor: "system", detail: "a plain note", messageID: "m-f", state: "consultation"))
            _ = try await t.store.commit([unit])
            let rows = try await t.store.history(orderID: "WO-F")
            #expect(rows.first { $0.detail == fact.text }?.fact == fact)
            #expect(rows.first { $0.detail == "a plain note" }?.fact == nil)
            #expect(try await t.store.histories(orderIDs: ["WO-F"])["WO-F"] == rows)
        }
    }
}

/// Issue 14, one notion of time: the running server's clock is kept in the store.
@Suite(.timeLimit(.minutes(2)))
struct ServerClockStoreTests {
    @Test(arguments: StoreKind.allCases)
    func theServerClockIsRecordedReadAndCleared(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            #expect(try await t.store.serverClock() == nil)
            let clock = ServerClockRecord(wallOriginMs: 1_000, scaledOriginMs: 5_000, scale: 600)
            try await t.store.recordServerClock(clock)
            #expect(try await t.store.serverClock() == clock)
            #expect(clock.now(atWallMs: 2_000).millisecondsSinceEpoch == 5_000 + 600_000)
            try await t.store.recordServerClock(ServerClockRecord(wallOriginMs: 9, scaledOriginMs: 9, scale: 1))
            #expect(try await t.store.serverClock()?.scale == 1, "a new start replaces the record")
            try await t.store.recordServerClock(nil)
            #expect(try await t.store.serverClock() == nil)
        }
    }

    @Test func aStaleOrOddRecordNeverTraps() {
        let odd = ServerClockRecord(wallOriginMs: 0, scaledOriginMs: Int64.max - 5, scale: 1e300)
        _ = odd.now(atWallMs: Int64.max)
        _ = ServerClockRecord(wallOriginMs: Int64.max, scaledOriginMs: Int64.min, scale: .infinity).now(atWallMs: Int64.min)
    }
}
