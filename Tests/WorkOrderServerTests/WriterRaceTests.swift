import AMQPClient
import Foundation
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

/// Timers and transitions for the same orders at the same moment: at 21,600× every
/// on-site deadline fires within milliseconds of the simulated technician's on_site.
/// The writer must apply them one batch at a time, so no change is lost to a batch
/// that read the order before it (a stale write-back would undo on_site).
@Suite("Server: timers and transitions on the same orders do not lose changes")
struct WriterRaceTests {
    @Test(.timeLimit(.minutes(5)))
    func noTransitionIsUndoneByAConcurrentTimer() async throws {
        let scale = 21_600.0
        let server = try await ServerHarness.start(timeScale: scale)
        let engineering = try await WorkerHarness.simulatedDepartment(.engineering, on: server, timeScale: scale)
        let total = 300
        for i in 0..<total {
            var intake = Fixtures.repairIntake(household: "\(900 + i)", subject: "race \(i)")
            intake["fields"] = ["mode": "immediate", "category": "other"]
            try await server.publishIntake(intake, kind: "repair", messageID: "race-\(i)")
        }
        var orders: [WorkOrder] = []
        // A deadline, not a count of polls: each poll reads 300 orders, slow in a debug build.
        let deadline = ContinuousClock.now + .seconds(180)
        while ContinuousClock.now < deadline {
            orders = try await server.store.orders(matching: OrderFilter(kind: .repair))
            if orders.count == total, orders.allSatisfy({ ["calling_back", "closed"].contains($0.stateName) }) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(orders.count == total)
        for order in orders {
            let history = try await server.store.history(orderID: order.id)
            let rejected = history.filter { $0.event.hasPrefix("rejected:") }
            #expect(rejected.isEmpty, "\(order.id): \(rejected.map(\.detail))")
            #expect(["calling_back", "closed"].contains(order.stateName), "\(order.id) in \(order.stateName)")
            #expect(try await server.statePath(order.id).prefix(3) == ["awaiting_technician", "on_site", "calling_back"])
        }
        try await engineering.stop()
        try await server.stop()
    }
}
