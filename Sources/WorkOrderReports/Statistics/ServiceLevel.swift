import WorkOrderCore

/// SLA compliance for one kind of deadline: met over met plus breached. Running
/// deadlines are counted apart; reminders and dropped deadlines are not deadlines kept
/// or missed, so they are left out.
public struct ServiceLevel: Hashable, Codable, Sendable {
    public var purpose: TimerPurpose
    public var rules: [String]
    public var met: Int
    public var breached: Int
    public var running: Int
    public var atRisk: Int
    public var percent: Double?

    /// One line per purpose that occurs, in `TimerPurpose` order.
    public static func lines(_ orders: [OrderFacts]) -> [ServiceLevel] {
        var lines: [TimerPurpose: ServiceLevel] = [:]
        for deadline in orders.flatMap(\.deadlines) where !deadline.isReminder && deadline.outcome != .dropped {
            var line = lines[deadline.purpose]
                ?? ServiceLevel(purpose: deadline.purpose, rules: deadline.rules, met: 0, breached: 0, running: 0, atRisk: 0)
            switch deadline.outcome {
            case .met: line.met += 1
            case .breached: line.breached += 1
            case .at_risk: line.running += 1; line.atRisk += 1
            case .open: line.running += 1
            case .reminded, .dropped: break
            }
            lines[deadline.purpose] = line
        }
        return TimerPurpose.allCases.compactMap { lines[$0] }.map { line in
            var done = line
            let judged = line.met + line.breached
            done.percent = judged == 0 ? nil : Double(line.met) * 100 / Double(judged)
            return done
        }
    }

    init(purpose: TimerPurpose, rules: [String], met: Int, breached: Int, running: Int, atRisk: Int) {
        self.purpose = purpose
        self.rules = rules
        self.met = met
        self.breached = breached
        self.running = running
        self.atRisk = atRisk
    }
}
