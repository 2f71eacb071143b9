import WorkOrderCore

/// `wo overdue`: the deadlines late now, grouped by site and department, the group
/// with the latest deadline first and, within a group, the latest first.
public struct OverdueReport: Hashable, Codable, Sendable {
    public var at: Instant
    public var groups: [Group]

    public struct Group: Hashable, Codable, Sendable {
        public var site: String
        public var department: Department
        public var items: [Item]
    }

    public struct Item: Hashable, Codable, Sendable {
        public var orderID: String
        public var kind: OrderKind
        public var state: String
        public var purpose: TimerPurpose
        public var rules: [String]
        public var due: Instant
        public var lateByMS: Int64
        public var escalationLevel: Int
    }

    /// An order concerning several departments is listed under the first.
    public init(_ orders: [OrderFacts], context: ReadContext) {
        at = context.now
        var byGroup: [String: Group] = [:]
        for facts in orders {
            let department = facts.record.departments.first ?? .customer_service
            for deadline in facts.late {
                let key = "\(facts.order.site)\u{0}\(department.rawValue)"
                var group = byGroup[key] ?? Group(site: facts.order.site, department: department, items: [])
                group.items.append(Item(
                    orderID: facts.order.id, kind: facts.order.kind, state: facts.order.stateName, purpose: deadline.purpose,
                    rules: deadline.rules, due: deadline.due, lateByMS: deadline.lateness(at: context.now).wholeMilliseconds,
                    escalationLevel: facts.record.escalationLevel))
                byGroup[key] = group
            }
        }
        groups = byGroup.values.map { group in
            var sorted = group
            sorted.items.sort { ($1.lateByMS, $0.orderID, $0.purpose.rawValue) < ($0.lateByMS, $1.orderID, $1.purpose.rawValue) }
            return sorted
        }.sorted { a, b in
            let (x, y) = (a.items.first?.lateByMS ?? 0, b.items.first?.lateByMS ?? 0)
            return x != y ? x > y : (a.site, a.department.rawValue) < (b.site, b.department.rawValue)
        }
    }

    public var count: Int { groups.reduce(0) { $0 + $1.items.count } }
}
