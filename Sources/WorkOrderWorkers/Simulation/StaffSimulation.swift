import Logging
import WorkOrderCore
import WorkOrderProtocol

/// Plays a department (or the call-back desk) without a person: for each task it sends
/// the playbook's steps one by one, each after `stepDelay`, and continues from the state
/// the server answers with. Message ids derive from the task's id, so a task played
/// again after a crash is answered `duplicate` step by step and then continues.
public struct StaffSimulation: Sendable {
    public var policy: PolicySet
    public var outcomes: SimulationOutcomes
    /// Real time between two steps of a task.
    public var stepDelay: Duration
    /// The server's `--time-scale`, so times the staff propose match the server's clock.
    public var timeScale: Double
    /// Repeatable outcomes; nil draws a fresh seed per process.
    public var seed: UInt64

    public init(policy: PolicySet, outcomes: SimulationOutcomes, stepDelay: Duration, timeScale: Double = 1, seed: UInt64? = nil) {
        self.policy = policy
        self.outcomes = outcomes
        self.stepDelay = stepDelay
        self.timeScale = timeScale
        self.seed = seed ?? UInt64.random(in: .min ... .max)
    }

    /// Plays one dispatched task to its end; returns the events sent, in order.
    func play(_ task: DispatchMessage, taskID: String, client: TransitionClient, logger: Logger) async throws -> [String] {
        let kind = task.kind
        guard let department = Department(queueName: task.department) else {
            logger.warning("task of an unknown kind or department: not simulated", metadata: ["workorder.id": "\(task.orderID)"])
            return []
        }
        let playbook = StaffPlaybook(policy: policy, outcomes: outcomes, site: task.site)
        var random = SeededRandom(seed: SeededRandom.seed(seed, for: taskID))
        let started = ContinuousClock.now
        var state = task.state
        var sent: [String] = []
        for number in 1...40 {
            let now = serverTime(from: task.atMs, since: started)
            guard let step = playbook.nextStep(
                kind: kind, state: state, department: department, taskSummary: task.summary,
                alreadySent: sent, now: now, random: &random) else { break }
            try await Task.sleep(for: stepDelay)
            let reply = try await sendUntilAnswered(step, orderID: task.orderID, messageID: "\(taskID)/sim/\(number)", client: client, logger: logger)
            sent.append(step.event)
            if reply.status == .rejected {
                logger.warning("simulated step rejected", metadata: [
                    "workorder.id": "\(task.orderID)", "workorder.event": "\(step.event)", "workorder.reason": "\(reply.reason ?? "")"])
                break
            }
            state = reply.state
        }
        return sent
    }

    /// Answers a call-back that fell due, after `stepDelay`.
    func answer(_ followup: FollowupMessage, taskID: String, client: TransitionClient, logger: Logger) async throws -> TransitionReply? {
        let kind = followup.kind
        let playbook = StaffPlaybook(policy: policy, outcomes: outcomes, site: followup.site)
        var random = SeededRandom(seed: SeededRandom.seed(seed, for: taskID))
        try await Task.sleep(for: stepDelay)
        let now = serverTime(from: followup.atMs, since: .now)
        let step = playbook.callbackAnswer(kind: kind, round: followup.round ?? 1, now: now, random: &random)
        return try await sendUntilAnswered(step, orderID: followup.orderID, messageID: "\(taskID)/answer", client: client, logger: logger)
    }

    private func serverTime(from originMS: Int64, since start: ContinuousClock.Instant) -> Instant {
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return Instant(millisecondsSinceEpoch: originMS + Int64(ms * timeScale))
    }

    /// The same message id every time: a lost answer is asked for again, never applied twice.
    private func sendUntilAnswered(
        _ step: StaffStep, orderID: String, messageID: String, client: TransitionClient, logger: Logger
    ) async throws -> TransitionReply {
        while true {
            do {
                return try await client.send(orderID: orderID, step: step, messageID: messageID, timeout: .seconds(15))
            } catch let error as TransitionClientError {
                logger.warning("no answer yet; asking again", metadata: ["workorder.id": "\(orderID)", "error": "\(error)"])
            }
        }
    }
}
