/// What a worker does with each task it receives.
public enum TaskHandling: Sendable {
    /// Show it (a readable line, or the task's JSON with `json`) and ack once written.
    case show(json: Bool)
    /// Show it and run the company's program; ack when the program exits 0, otherwise
    /// dead-letter it (nothing is lost; `wo dead-letters` shows it).
    case exec(TaskProgram, json: Bool)
    /// Play the staff's part (demos, drills, load tests); ack when the task is played out.
    case simulate(StaffSimulation)

    var json: Bool {
        switch self {
        case .show(let json), .exec(_, let json): return json
        case .simulate: return false
        }
    }
}
