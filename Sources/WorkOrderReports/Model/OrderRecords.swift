import Foundation
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderStore

/// Gathers `OrderRecord`s from a store: one read per table, whatever the number of orders.
public enum OrderRecords {
    public static func load(_ orders: [WorkOrder], from store: any OrderStore) async throws -> [OrderRecord] {
        guard !orders.isEmpty else { return [] }
        let ids = orders.map(\.id)
        let histories = try await store.histories(orderIDs: ids)
        let timers = Dictionary(grouping: try await store.timers(orderIDs: ids), by: \.id.order)
        let messages = Dictionary(
            grouping: try await store.outboxMessages(ofTypes: ["escalation", "notification", "dispatch"], orderIDs: ids),
            by: { $0.orderID ?? "" })
        return orders.map { order in
            let rows = messages[order.id] ?? []
            return OrderRecord(
                order: order, history: histories[order.id] ?? [], armedTimers: timers[order.id] ?? [],
                followups: rows.compactMap(followup), dispatches: rows.compactMap(dispatch))
        }
    }

    /// A follow-up row's body (docs/protocol.md); nil for other rows or unreadable bodies.
    static func followup(_ message: OutboxMessage) -> Followup? {
        guard message.type == "escalation" || message.type == "notification",
              let body = try? FollowupMessage.decode(message.body) else { return nil }
        return Followup(type: body.type.rawValue, role: body.role.rawValue, level: body.level, reason: body.reason ?? "",
                        at: Instant(millisecondsSinceEpoch: body.atMs))
    }

    /// A dispatch row; the queue name spells the department with a hyphen.
    static func dispatch(_ message: OutboxMessage) -> Dispatch? {
        guard message.type == "dispatch",
              let body = try? DispatchMessage.decode(message.body),
              let department = Department(rawValue: body.department.replacingOccurrences(of: "-", with: "_")) else { return nil }
        return Dispatch(department: department, summary: body.summary, at: message.createdAt)
    }
}
