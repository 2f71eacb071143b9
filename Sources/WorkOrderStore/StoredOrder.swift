import Foundation
import WorkOrderCore

/// How an order is kept: its JSON plus the columns the store indexes. The store never
/// looks inside a kind's state; it only keeps its name.
struct StoredOrder: Sendable {
    var id: String
    var kind: String
    var site: String
    var household: String
    var state: String
    var openedAtMS: Int64
    var policyVersion: String
    var body: String

    init(_ order: WorkOrder) throws {
        self.init(order, body: try StoredOrder.encode(order))
    }

    /// With `body` already encoded from `order` (`UnitOfWork.encodeOrders`).
    init(_ order: WorkOrder, body: String) {
        id = order.id
        kind = order.kind.rawValue
        site = order.site
        household = order.household.description
        state = order.stateName
        openedAtMS = order.openedAt.millisecondsSinceEpoch
        policyVersion = order.policyVersion
        self.body = body
    }

    static func encode(_ order: WorkOrder) throws -> String {
        // The compact encoder on the hot path (every commit); Foundation's if it ever refuses.
        if let bytes = try? CompactJSONEncoder.encode(order) { return String(decoding: bytes, as: UTF8.self) }
        let data = try JSONEncoder().encode(order)
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ body: String, id: String) throws -> WorkOrder {
        do {
            return try StoredJSON.decode(WorkOrder.self, from: body)
        } catch {
            throw StoreError.corrupt("order \(id): \(error)")
        }
    }
}

/// Reads JSON the store wrote: the compact decoder (every timer firing and transition
/// reads an order back), and Foundation's for what it refuses, an integer beyond 2^53
/// say, so that nothing Foundation read before goes unread.
enum StoredJSON {
    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        do {
            return try CompactJSONDecoder.decode(type, from: text)
        } catch {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        }
    }
}

extension TimerID {
    /// The timers table's key: `order/purpose`.
    var storeKey: String { description }
}

func decodeTimer(order: String, purpose: String, dueMS: Int64) throws -> ArmedTimer {
    guard let purpose = TimerPurpose(rawValue: purpose) else {
        throw StoreError.corrupt("timer \(order)/\(purpose): unknown purpose")
    }
    return ArmedTimer(id: TimerID(order: order, purpose: purpose), due: Instant(millisecondsSinceEpoch: dueMS))
}

/// Wall-clock milliseconds, for the store's own bookkeeping columns (`updated_at_ms`,
/// `processed_at_ms`, `published_ms`); the orders' own times come from the core.
func wallClockMS() -> Int64 {
    Int64((Date().timeIntervalSince1970 * 1000).rounded())
}

/// The net effect of a batch on the timers table, applied in unit order: within a unit
/// arms first, then cancels (so arming and cancelling one timer in a unit cancels it).
struct TimerChanges {
    enum Change { case arm(Int64), cancel }
    private(set) var order: [String] = []
    private(set) var changes: [String: (TimerID, Change)] = [:]

    mutating func apply(_ unit: UnitOfWork) {
        for timer in unit.armTimers { set(timer.id, .arm(timer.due.millisecondsSinceEpoch)) }
        for id in unit.cancelTimers { set(id, .cancel) }
    }

    private mutating func set(_ id: TimerID, _ change: Change) {
        let key = id.storeKey
        if changes[key] == nil { order.append(key) }
        changes[key] = (id, change)
    }

    var arms: [(key: String, id: TimerID, dueMS: Int64)] {
        order.compactMap { key in
            guard let (id, change) = changes[key], case .arm(let due) = change else { return nil }
            return (key, id, due)
        }
    }

    var cancels: [String] {
        order.filter { key in
            if case .cancel = changes[key]?.1 { return true }
            return false
        }
    }
}
