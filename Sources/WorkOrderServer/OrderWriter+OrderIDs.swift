import WorkOrderCore

extension Batch {
    /// Draws the new orders' ids for the batch's intakes up front and checks them
    /// against the store in one read, instead of one read per intake.
    mutating func drawOrderIDs(for items: [WorkItem], policy: PolicySet, now: Instant) async throws {
        var drawn: [String: String] = [:]
        for case .intake(let request, let messageID, _) in items {
            drawn[messageID] = OrderID.make(kind: request.kind, at: now, calendar: policy.calendar(forSite: request.site))
        }
        let taken = try await store.existingOrderIDs(among: Array(drawn.values))
        freeOrderIDs = drawn.filter { !taken.contains($0.value) }
    }

    /// An id nobody has for a new order: the one drawn for this intake if it is free,
    /// not used earlier in the batch and of today's date, or else a fresh draw checked
    /// on its own (random ids can collide).
    mutating func newOrderID(for messageID: String, kind: OrderKind, at now: Instant, calendar: BusinessCalendar) async throws -> String {
        if let drawn = freeOrderIDs.removeValue(forKey: messageID),
           cache[drawn] == nil, drawn.hasPrefix(OrderID.prefix(kind: kind, at: now, calendar: calendar)) {
            return drawn
        }
        var id = OrderID.make(kind: kind, at: now, calendar: calendar)
        while try await order(id) != nil {
            id = OrderID.make(kind: kind, at: now, calendar: calendar)
        }
        return id
    }
}
