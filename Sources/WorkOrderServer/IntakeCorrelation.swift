import WorkOrderCore
import WorkOrderStore

/// Looks across recent orders before an intake is opened:
/// - CMP-02: complaints of one site about the same event from several households
///   within the policy window make a collective complaint (the count is handed to the
///   complaint machine as `households`);
/// - IN-04: the same problem reported again by the same household is linked to the
///   earlier order (`repeat_of`) and handled with priority.
enum IntakeCorrelation {
    /// `pending` are the batch's copies of orders (opened or changed earlier in the same
    /// batch, not yet committed) of this household, and of complaints of this site: the
    /// batch indexes them so an intake never walks the whole batch (batches run to 500).
    /// The request as the engine should open it, and the open complaints of the same event
    /// that its opening makes collective (each is then bound to it, CMP-02).
    struct Correlated {
        var request: IntakeRequest
        var collectiveMembers: [WorkOrder] = []
    }

    /// `household`: the store's orders of this request's site and household opened at or
    /// after `since` (the writer reads them for a whole batch at once, `Batch.preload`);
    /// used when this request's window starts no earlier, else read here.
    static func enrich(
        _ request: IntakeRequest, store: any OrderStore, pending: (household: [WorkOrder], siteComplaints: [WorkOrder]) = ([], []),
        household: (orders: [WorkOrder], since: Instant)? = nil,
        policy: PolicySet, now: Instant
    ) async throws -> Correlated {
        var request = request
        var members: [WorkOrder] = []
        let calendar = policy.calendar(forSite: request.site)
        let since = windowStart(for: request, policy: policy, now: now)
        // IN-04: an indexed lookup of this household's recent orders of the kind.
        let isRecentOfKind = { (order: WorkOrder) in order.kind == request.kind && order.site == request.site && order.openedAt >= since }
        let stored: [WorkOrder]
        if let household, household.since <= since {
            // The same rows the query below returns: oldest first, at most 50.
            stored = Array(household.orders.lazy.filter { $0.kind == request.kind && $0.openedAt >= since }.prefix(50))
        } else {
            stored = try await store.orders(matching: OrderFilter(
                kind: request.kind, site: request.site, household: request.household.description, openedFrom: since, limit: 50))
        }
        let mine = stored + pending.household.filter { $0.household == request.household && isRecentOfKind($0) }
        let repeats = Set(mine.filter { $0.subject == request.subject }.map(\.id))
        if !repeats.isEmpty {
            request.repeatOf = Array(Set(request.repeatOf + repeats)).sorted()
        }
        // CMP-02: complaints only, which are few compared with repairs. The core decides.
        if request.kind == .complaint {
            // Only the server binds a complaint to a collective.
            request.fields["collective_of"] = nil
            let stored = try await store.recentOrders(kind: .complaint, site: request.site, since: since)
            // The batch's copies are newer than the store's (an order bound earlier in it).
            var byID = Dictionary(stored.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for order in pending.siteComplaints where isRecentOfKind(order) { byID[order.id] = order }
            // CMP-02's "the same event": the same subject, from the same building unless the
            // policy counts the whole site.
            let sameBuilding = policy.complaint.collectiveScope == .building
            let recent = byID.values
                .filter { $0.subject == request.subject && (!sameBuilding || $0.household.building == request.household.building) }
                .sorted { $0.openedAt < $1.openedAt }
            let reports = recent.map { CollectiveComplaintDetector.Report(household: $0.household.description, event: $0.subject, at: $0.openedAt) }
                + [CollectiveComplaintDetector.Report(household: request.household.description, event: request.subject, at: now)]
            let households = Set(reports.map(\.household)).count
            // The core range-checks `households` when it opens the order; here only a value
            // it will accept counts (Int(exactly:) never traps on 1e19).
            let declared = request.fields["households"].flatMap { value -> Int? in
                guard case .number(let n) = value, n.isFinite, n <= Double(ComplaintOrder.householdsRange.upperBound) else { return nil }
                return Int(exactly: n)
            } ?? 1
            if let lead = recent.lazy.compactMap(collectiveLead).first {
                // Already collective: this household joins it.
                request.fields["collective_of"] = .string(lead)
                request.fields["households"] = .number(Double(max(households, declared)))
            } else if households > declared, CollectiveComplaintDetector.isCollective(reports, policy: policy.complaint, calendar: calendar) {
                request.fields["households"] = .number(Double(households))
                members = recent.filter { !$0.isFinished }
            }
        }
        return Correlated(request: request, collectiveMembers: members)
    }

    /// The earliest opening that still counts for `request` at `now` (the policy's window).
    static func windowStart(for request: IntakeRequest, policy: PolicySet, now: Instant) -> Instant {
        let calendar = policy.calendar(forSite: request.site)
        let windowMs = calendar.due(after: policy.complaint.collectiveWindow, from: now).millisecondsSinceEpoch - now.millisecondsSinceEpoch
        return Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch - windowMs)
    }

    /// The complaint a collective order belongs to (itself when it made the event collective).
    static func collectiveLead(_ order: WorkOrder) -> String? {
        guard case .complaint(let state) = order.state, state.file.collective else { return nil }
        return state.file.collectiveLead ?? order.id
    }
}
