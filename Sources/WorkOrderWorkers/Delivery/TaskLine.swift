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

    func text(_ ms: Int64, site: String, locale: StaffLocale = .english) -> String {
        if let calendar = calendar(site) {
            return calendar.localText(Instant(millisecondsSinceEpoch: ms))
        }
        return TaskLine.clock(ms) + WorkerWords(locale).machineTime
    }
}

/// How a task looks to a person at a terminal: one line, the site's times.
public enum TaskLine {
    public static func dispatch(
        _ task: DispatchMessage, redelivered: Bool, clock times: TaskClock = .machine, locale: StaffLocale = .english
    ) -> String {
        let w = WorkerWords(locale)
        var line = "\(times.text(task.atMs, site: task.site, locale: locale))  \(task.orderID)  \(w.labels.kind(task.kind)) [\(w.labels.state(task.state))]"
            + "  \(task.site) \(task.household.description)  \(task.owner.name) \(task.owner.phone)  — \(task.summary)"
        if let due = task.dueByMs { line += w.due(times.text(due, site: task.site, locale: locale)) }
        if redelivered { line += w.againNotFinished }
        // What the owner said (IN-01), indented under the task.
        if !task.content.isEmpty, task.content != task.subject {
            for text in task.content.split(whereSeparator: \.isNewline) { line += "\n      \(text)" }
        }
        return line
    }

    public static func followup(
        _ task: FollowupMessage, redelivered: Bool, clock times: TaskClock = .machine, locale: StaffLocale = .english
    ) -> String {
        let w = WorkerWords(locale)
        let role = w.labels.role(task.role)
        var line = "\(times.text(task.atMs, site: task.site, locale: locale))  \(task.orderID)  \(w.labels.kind(task.kind))  \(task.site)  "
        if task.isCallback {
            line += w.callback(round: task.round ?? 1, attempt: task.attempt ?? 1, of: task.maxAttempts ?? 1, by: role,
                               owner: task.owner?.name ?? "?", phone: task.owner?.phone ?? "?", subject: task.subject ?? "")
            for step in task.script ?? [] { line += "\n      " + locale.pick("\(step.step): \(step.say)", step.say) }
        } else {
            line += w.followup(FollowupTypeName(task.type.rawValue), level: task.level, role: role, reason: task.reason ?? "")
        }
        if redelivered { line += w.again }
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
