import Foundation
import WorkOrderCore
import WorkOrderProtocol

/// How a task's times are shown: in the site's own time (its calendar in `workflows/`),
/// or, with no policy at hand, in this machine's zone, said so.
public struct TaskClock: Sendable {
    let calendar: @Sendable (String) -> BusinessCalendar?

    /// This machine's time zone (a worker started without a policy folder).
    public static let machine = TaskClock { _ in nil }

    /// Each site's own time, from its calendar.
    public static func sites(_ policy: PolicySet) -> TaskClock {
        TaskClock { policy.calendar(forSite: $0) }
    }

    func text(_ ms: Int64, site: String) -> String {
        if let calendar = calendar(site) {
            return calendar.localText(Instant(millisecondsSinceEpoch: ms))
        }
        return TaskLine.clock(ms) + " (this machine's time)"
    }
}

/// How a task looks to a person at a terminal: one line, the site's times.
public enum TaskLine {
    public static func dispatch(_ task: DispatchMessage, redelivered: Bool, clock times: TaskClock = .machine) -> String {
        var line = "\(times.text(task.atMs, site: task.site))  \(task.orderID)  \(task.kind) [\(task.state)]  \(task.site) \(task.household.description)"
            + "  \(task.owner.name) \(task.owner.phone)  — \(task.summary)"
        if let due = task.dueByMs { line += "  (due \(times.text(due, site: task.site)))" }
        if redelivered { line += "  (again: not finished before)" }
        // What the owner said (IN-01), indented under the task.
        if !task.content.isEmpty, task.content != task.subject {
            for text in task.content.split(whereSeparator: \.isNewline) { line += "\n      \(text)" }
        }
        return line
    }

    public static func followup(_ task: FollowupMessage, redelivered: Bool, clock times: TaskClock = .machine) -> String {
        var line = "\(times.text(task.atMs, site: task.site))  \(task.orderID)  \(task.kind)  \(task.site)  "
        if task.isCallback {
            line += "CALL-BACK round \(task.round ?? 1), attempt \(task.attempt ?? 1) of \(task.maxAttempts ?? 1) by \(task.role): "
                + "\(task.owner?.name ?? "?") \(task.owner?.phone ?? "?") about \"\(task.subject ?? "")\""
            for step in task.script ?? [] { line += "\n      \(step.step): \(step.say)" }
        } else {
            line += "\(task.type.rawValue.uppercased())\(task.level.map { " level \($0)" } ?? "") for \(task.role): \(task.reason ?? "")"
        }
        if redelivered { line += "  (again)" }
        return line
    }

    /// `HH:mm` today, `MM-dd HH:mm` otherwise, in this machine's time zone.
    static func clock(_ ms: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(ms) / 1000)
        let formatter = DateFormatter()
        formatter.dateFormat = Calendar.current.isDateInToday(date) ? "HH:mm" : "MM-dd HH:mm"
        return formatter.string(from: date)
    }
}

/// Where a worker writes what it shows: stdout by default, a closure in tests.
public struct LineOutput: Sendable {
    let write: @Sendable (String) -> Void

    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    public static let standardOutput = LineOutput { line in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
