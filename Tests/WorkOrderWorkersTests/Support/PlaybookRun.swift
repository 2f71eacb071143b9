import WorkOrderCore
import WorkOrderWorkers

/// One order driven by the playbook through the real engine, the way the simulated
/// workers and the call-back desk would drive it through the server: dispatches become
/// tasks, call-back timers fire at their due time and are answered.
struct PlaybookRun {
    struct Work {
        var department: Department
        var summary: String
        /// The order's state when the task was dispatched (the worker's first call uses it).
        var state: String
    }

    let engine = WorkflowEngine(policy: shippedPolicy)
    var playbook: StaffPlaybook
    var random: SeededRandom
    var order: WorkOrder
    var now: Instant
    /// Whether the front desk plays the steps no dispatch starts.
    var frontDesk: Bool
    var frontDeskSent: [String] = []
    /// The states the order passed through, repeats merged.
    var path: [String]
    /// Every accepted event and timer, with who sent it.
    var events: [String] = []
    var steps: [StaffStep] = []
    var dispatches: [Work] = []
    var rejections: [String] = []
    private var tasks: [Work] = []
    private var timers: [TimerPurpose: Instant] = [:]
    private var callbackRound = 0

    init(_ request: IntakeRequest, playbook: StaffPlaybook = staffPlaybook(), seed: UInt64 = 1, frontDesk: Bool = false) throws {
        let step = try engine.open(request, id: "WO-1", at: t0).get()
        self.playbook = playbook
        self.random = SeededRandom(seed: seed)
        self.order = step.order
        self.now = t0
        self.frontDesk = frontDesk
        self.path = [step.order.stateName]
        take(step.actions)
    }

    var state: String { order.stateName }

    /// Runs until nothing is left to do, the order ends, or `limit` units of work.
    mutating func run(limit: Int = 60, until stop: (PlaybookRun) -> Bool = { _ in false }) {
        for _ in 0..<limit where !order.isFinished && !stop(self) {
            guard work() else { return }
        }
    }

    /// One unit of work: a dispatched task played to its end, one front-desk step, or a
    /// call-back falling due and answered. False when there is nothing to do.
    private mutating func work() -> Bool {
        if !tasks.isEmpty {
            play(tasks.removeFirst())
            return true
        }
        if frontDesk, let step = nextStep(.customer_service, "front desk", state: state, sent: frontDeskSent) {
            if send(step) { frontDeskSent.append(step.event) }
            return true
        }
        return fireCallback()
    }

    private mutating func play(_ task: Work) {
        var sent: [String] = []
        var state = task.state
        while sent.count < 10, let step = nextStep(task.department, task.summary, state: state, sent: sent) {
            guard send(step) else { return }
            sent.append(step.event)
            state = order.stateName
        }
    }

    private mutating func nextStep(_ department: Department, _ summary: String, state: String, sent: [String]) -> StaffStep? {
        playbook.nextStep(kind: order.kind, state: state, department: department, taskSummary: summary,
                          alreadySent: sent, now: now, random: &random)
    }

    private mutating func send(_ step: StaffStep) -> Bool {
        now = now + .seconds(600)
        switch engine.handle(OrderEvent(step.event, by: step.actor, fields: step.fields), on: order, at: now) {
        case .success(let result):
            steps.append(step)
            accept(result)
            return true
        case .failure(let rejection):
            rejections.append("\(step.event) in \(order.stateName): \(rejection)")
            return false
        }
    }

    /// The earliest call-back (or retry) timer fires; the desk answers at once.
    private mutating func fireCallback() -> Bool {
        guard let (purpose, due) = timers.filter({ $0.key == .callback || $0.key == .callback_retry })
            .min(by: { $0.value < $1.value }) else { return false }
        now = max(now, due)
        timers[purpose] = nil
        guard case .success(let fired) = engine.timerFired(TimerID(order: order.id, purpose: purpose), on: order, at: now) else {
            rejections.append("timer \(purpose) in \(state)")
            return false
        }
        accept(fired)
        return send(playbook.callbackAnswer(kind: order.kind, round: callbackRound, now: now, random: &random))
    }

    private mutating func accept(_ step: Step) {
        order = step.order
        events.append(step.history.event)
        if path.last != order.stateName { path.append(order.stateName) }
        take(step.actions)
    }

    private mutating func take(_ actions: [WorkflowAction]) {
        for action in actions {
            switch action {
            case .dispatch(let department, let task):
                let dispatched = Work(department: department, summary: task.summary, state: order.stateName)
                tasks.append(dispatched)
                dispatches.append(dispatched)
            case .armTimer(let timer, let due): timers[timer.purpose] = due
            case .cancelTimer(let timer): timers[timer.purpose] = nil
            case .scheduleCallback(let round, _, _): callbackRound = round
            default: break
            }
        }
    }

    /// How many times `event` was accepted.
    func count(_ event: String) -> Int { events.filter { $0 == event }.count }
}
