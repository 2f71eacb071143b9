import WorkOrderCore
import WorkOrderStore

/// `wo list`'s filters and order. What the store indexes (kind, state, site,
/// household, opening time) goes to the store; the rest is decided on the facts.
public struct OrderQuery: Hashable, Sendable {
    public var kind: OrderKind?
    public var state: String?
    public var department: Department?
    public var site: String?
    public var household: String?
    public var openedFrom: Instant?
    public var openedBefore: Instant?
    public var overdue = false
    public var escalated = false
    public var atRisk = false
    public var sort: OrderSort = .opened
    public var descending = false
    public var limit: Int?

    public init() {}

    public var storeFilter: OrderFilter {
        OrderFilter(kind: kind, state: state, site: site, household: household, openedFrom: openedFrom, openedBefore: openedBefore)
    }

    public func matches(_ row: OrderRow) -> Bool {
        if let department, !row.departments.contains(department) { return false }
        if overdue && row.lateNow == 0 { return false }
        if escalated && row.escalationLevel == 0 { return false }
        if atRisk && row.atRisk == 0 { return false }
        return true
    }

    /// Filters, sorts (ties by id, so the order is stable) and cuts to `limit`.
    public func apply(to rows: [OrderRow]) -> [OrderRow] {
        let kept = rows.filter(matches).sorted { a, b in
            let (x, y) = descending ? (b, a) : (a, b)
            switch sort.compare(x, y) {
            case .some(let less): return less
            case nil: return a.id < b.id
            }
        }
        return limit.map { Array(kept.prefix($0)) } ?? kept
    }
}

public enum OrderSort: String, CaseIterable, Hashable, Sendable {
    case opened, due, late, id, kind, state, site

    /// Whether `a` sorts before `b`; nil when they tie. Orders without a running
    /// deadline sort after those with one.
    func compare(_ a: OrderRow, _ b: OrderRow) -> Bool? {
        func order<T: Comparable>(_ x: T, _ y: T) -> Bool? { x == y ? nil : x < y }
        switch self {
        case .opened: return order(a.openedAt, b.openedAt)
        case .due: return order(a.nextDue?.millisecondsSinceEpoch ?? .max, b.nextDue?.millisecondsSinceEpoch ?? .max)
        case .late: return order(b.lateByMS, a.lateByMS)
        case .id: return order(a.id, b.id)
        case .kind: return order(a.kind.rawValue, b.kind.rawValue)
        case .state: return order(a.state, b.state)
        case .site: return order(a.site, b.site)
        }
    }
}
