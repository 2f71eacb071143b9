import AMQPClient
import Foundation
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology
import WorkOrderWorkers

/// Every kind from intake to its end state through the real broker: the server at
/// 21,600×, a simulated worker for each of the five departments, the simulated call-back
/// desk, and the front desk's own steps sent by the test as `wo task` would.
@Suite("Workers: every kind from intake to its end through the broker", .serialized)
struct EveryKindFlowTests {
    struct Case {
        var label: String
        var kind: String
        var subject: String
        var fields: [String: Any]
        var path: [String]
    }

    static var cases: [Case] { [
        Case(label: "complaint", kind: "complaint", subject: "neighbour_behaviour", fields: [:],
             path: ["received", "awaiting_contact", "in_hand", "handled"]),
        Case(label: "repair", kind: "repair", subject: "tap", fields: ["mode": "immediate", "category": "other"],
             path: ["awaiting_technician", "on_site", "calling_back", "closed"]),
        Case(label: "paid service", kind: "paid_service", subject: "cleaning", fields: ["service": "cleaning"],
             path: ["requested", "agreed", "ticketed", "in_service", "awaiting_acceptance", "calling_back", "closed"]),
        Case(label: "medical emergency", kind: "help", subject: "help", fields: ["help_type": "medical", "floor": "5"],
             path: ["emergency", "closed"]),
        Case(label: "consultation", kind: "help", subject: "fees", fields: ["help_type": "consultation", "topic": "fees"],
             path: ["consultation", "closed"]),
        Case(label: "renovation", kind: "renovation", subject: "kitchen", fields: ["applicant": "owner"],
             path: ["applied", "identified", "agreed", "under_way", "awaiting_inspection", "closed"]),
        Case(label: "move-in", kind: "move_in", subject: "move-in", fields: ["buyer": "owner"],
             path: ["booked", "documents_checked", "registered", "handed_over", "fees_paid", "awaiting_sign_off", "signed_off", "archived"]),
    ] }

    @Test(.timeLimit(.minutes(4)))
    func everyKindReachesItsEndState() async throws {
        let scale = 21_600.0
        let server = try await ServerHarness.start(timeScale: scale)
        var workers: [WorkerHarness] = []
        for department in Department.allCases {
            workers.append(try await WorkerHarness.simulatedDepartment(department, on: server, timeScale: scale))
        }
        let simulation = StaffSimulation(policy: TestPolicy.policy, outcomes: SimulationOutcomes(), stepDelay: .zero, timeScale: scale, seed: 11)
        workers.append(try await WorkerHarness.start(on: server) { connection, output in
            CallbackDesk(connection: connection, handling: .simulate(simulation), output: output, logger: ServerHarness.logger)
        })

        var orders: [String: Case] = [:]
        for (index, item) in Self.cases.enumerated() {
            var intake = Fixtures.repairIntake(household: "\(500 + index)", subject: item.subject)
            intake["kind"] = item.kind
            intake["fields"] = item.fields
            try await server.publishIntake(intake, kind: item.kind, messageID: "every-\(index)")
            orders[try await server.order(intake: "every-\(index)")] = item
        }
        let desk = FrontDesk(server: server, orders: Array(orders.keys), scale: scale)
        let unfinished = try await desk.run(until: .now + .seconds(150))
        #expect(unfinished.isEmpty, "still open: \(unfinished.map { "\(orders[$0.id]!.label) in \($0.stateName)" })")

        for (id, item) in orders {
            let path = try await server.statePath(id)
            // Complaints end in calling_back → closed or straight in closed (CB-03 sampling).
            #expect(Array(path.prefix(item.path.count)) == item.path, "\(item.label): \(path)")
            #expect(try await server.store.order(id: id)?.isFinished == true, "\(item.label) did not end")
        }
        #expect(try await server.depth(BrokerTopology.deadLetterQueue) == 0)
        for worker in workers { try await worker.stop() }
        try await server.stop()
    }
}

/// The front desk's steps (renovation identity and permit, move-in documents, quotes
/// and tickets, consultations), sent until every order has ended.
struct FrontDesk {
    let server: ServerHarness
    let orders: [String]
    let scale: Double

    func run(until deadline: ContinuousClock.Instant) async throws -> [WorkOrder] {
        let orders = self.orders
        let server = self.server
        return try await TransitionClient.with(connection: server.connection, logger: ServerHarness.logger) { client in
            var sent: [String: [String]] = [:]
            var random = SeededRandom(seed: 5)
            while ContinuousClock.now < deadline {
                var open: [WorkOrder] = []
                for id in orders {
                    guard let order = try await server.store.order(id: id), !order.isFinished else { continue }
                    open.append(order)
                }
                if open.isEmpty { return [] }
                for order in open {
                    let playbook = StaffPlaybook(policy: TestPolicy.policy, outcomes: SimulationOutcomes(), site: order.site)
                    let now = server.clock.now()
                    guard let step = playbook.nextStep(
                        kind: order.kind, state: order.stateName, department: .customer_service, taskSummary: "front desk",
                        alreadySent: sent[order.id, default: []], now: now, random: &random) else { continue }
                    sent[order.id, default: []].append(step.event)
                    _ = try await client.send(orderID: order.id, step: step, messageID: "\(order.id)/desk/\(sent[order.id]!.count)")
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            var open: [WorkOrder] = []
            for id in orders {
                if let order = try await server.store.order(id: id), !order.isFinished { open.append(order) }
            }
            return open
        }
    }
}

extension ServerHarness {
    /// The states the order passed through, from its history.
    func statePath(_ order: String) async throws -> [String] {
        var path: [String] = []
        for record in try await store.history(orderID: order) where path.last != record.state {
            path.append(record.state)
        }
        return path
    }
}
