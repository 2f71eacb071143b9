import Testing
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderWorkers

/// Workers and the call-back desk show the site's own time (its calendar: Beijing time
/// for the default), whatever zone the machine runs in; without a policy they say the
/// time is the machine's.
@Suite struct TaskLineTests {
    // 2026-03-02 01:00 UTC is 09:00 in Beijing.
    static let at: Int64 = 1_772_413_200_000

    static let dispatch = DispatchMessage(
        orderID: "R-1", kind: .repair, state: "awaiting_technician", department: "engineering", site: "NJ-01",
        household: Household(building: "5", unit: "2", room: "301"), owner: Owner(name: "张三", phone: "13812345678"),
        subject: "water leak", content: "厨房水管漏水", summary: "immediate repair: water leak", dueByMs: at + 15 * 60_000, atMs: at)

    @Test func theDispatchShowsTheSitesLocalTime() {
        let line = TaskLine.dispatch(Self.dispatch, redelivered: false, clock: .sites(PolicySet(version: "test")))
        #expect(line.hasPrefix("2026-03-02 09:00  R-1"))
        #expect(line.contains("(due 2026-03-02 09:15)"))
        #expect(line.contains("\n      厨房水管漏水"), "the owner's words under the task (IN-01)")
    }

    @Test func withoutAPolicyTheMachinesTimeIsSaidSo() {
        let line = TaskLine.dispatch(Self.dispatch, redelivered: false)
        #expect(line.contains("(this machine's time)"))
    }

    @Test func aCallbackShowsTheSitesLocalTime() {
        let call = FollowupMessage(
            callbackFor: "R-1", kind: .repair, site: "NJ-01", household: Self.dispatch.household, owner: Self.dispatch.owner,
            subject: "water leak", round: 1, attempt: 1, maxAttempts: 3, role: .cs_staff, script: [], satisfactionScale: [], forms: [],
            atMs: Self.at)
        #expect(TaskLine.followup(call, redelivered: false, clock: .sites(PolicySet(version: "test"))).hasPrefix("2026-03-02 09:00  R-1"))
    }
}
