import Foundation
import WorkOrderCore
import WorkOrderWorkers
import WorkflowPolicy

/// The policy the server ships, loaded from the package's `workflows/` folder.
let shippedPolicy: PolicySet = {
    let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("workflows").path
    do { return try PolicyLoader.load(directory: folder) } catch { fatalError("workflows/ does not load: \(error)") }
}()

/// 2026-03-02 09:00 in Beijing (a Monday).
let t0 = Instant(secondsSinceEpoch: 1_772_413_200)

func intake(_ kind: OrderKind, subject: String = "other", channel: Channel = .phone, _ fields: [String: JSONValue] = [:]) -> IntakeRequest {
    IntakeRequest(
        kind: kind, site: "garden-court", household: Household(building: "3", unit: "2", room: "501"),
        owner: Owner(name: "Zhang San", phone: "13800000000"), channel: channel, subject: subject,
        content: "owner's words", recordedBy: Actor(id: "zhao.cs", role: .cs_staff), fields: fields)
}

func staffPlaybook(_ outcomes: SimulationOutcomes = SimulationOutcomes()) -> StaffPlaybook {
    StaffPlaybook(policy: shippedPolicy, outcomes: outcomes, site: "garden-court")
}
