import WorkOrderCore
import WorkOrderStore

/// Looks across recent orders before an intake is opened:
/// - CMP-02: complaints of one site about the same event from several households
///   within the policy window make a collective complaint (the count is handed to the
///   complaint machine as `households`);
/// - IN-04: the same problem reported again by the same household is linked to the
///   earlier order (`repeat_of`) and handled with priority.
enum IntakeCorrelation {
    static func enrich(_ request: IntakeRequest, store: any OrderStore, policy: PolicySet, now: Instant) async throws -> IntakeRequest {
        var request = request
        let window = policy.complaint.collectiveWindow
        let calendar = policy.calendar(forSite: request.site)
        let windowMs = calendar.due(after: window, from: now).millisecondsSinceEpoch - now.millisecondsSinceEpoch
        let since = Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch - windowMs)
        let recent = try await store.recentOrders(kind: request.kind, site: request.site, since: since)
        let sameProblem = recent.filter { $0.subject == request.subject }
        let sameHousehold = sameProblem.filter { $0.household == request.household }
        if !sameHousehold.isEmpty {
            request.repeatOf = Array(Set(request.repeatOf + sameHousehold.map(\.id))).sorted()
        }
        if request.kind == .complaint {
            var households = Set(sameProblem.map(\.household))
            households.insert(request.household)
            let declared = request.fields["households"].flatMap { if case .number(let n) = $0 { Int(n) } else { nil } } ?? 1
            if households.count > declared {
                request.fields["households"] = .number(Double(households.count))
            }
        }
        return request
    }
}
