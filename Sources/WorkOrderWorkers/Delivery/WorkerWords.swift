import WorkOrderCore

/// Every fixed phrase of the worker lines, the call-back desk and `wo watch`, English and
/// Simplified Chinese side by side. Names of kinds, states, events, roles and departments
/// come from the labels in `workflows/labels/` (`StaffLabels`).
struct WorkerWords {
    let locale: StaffLocale

    init(_ locale: StaffLocale) { self.locale = locale }

    var labels: StaffLabels { locale.labels }
    private func t(_ en: String, _ zh: String) -> String { locale.pick(en, zh) }

    var machineTime: String { t(" (this machine's time)", "（本机时间）") }
    func due(_ time: String) -> String { t("  (due \(time))", "（限 \(time) 前）") }
    var againNotFinished: String { t("  (again: not finished before)", "（再次派送：此前未完成）") }
    var again: String { t("  (again)", "（再次派送）") }

    func callback(round: Int, attempt: Int, of max: Int, by role: String, owner: String, phone: String, subject: String) -> String {
        t("CALL-BACK round \(round), attempt \(attempt) of \(max) by \(role): \(owner) \(phone) about \"\(subject)\"",
          "回访 第 \(round) 轮 第 \(attempt)/\(max) 次，由\(role)：\(owner) \(phone)，事由“\(subject)”")
    }

    func followup(_ type: FollowupTypeName, level: Int?, role: String, reason: String) -> String {
        switch locale.language {
        case .en: return "\(type.en.uppercased())\(level.map { " level \($0)" } ?? "") for \(role): \(reason)"
        case .zh: return "\(type.zh)\(level.map { " 第 \($0) 级" } ?? "")，给\(role)：\(reason)"
        }
    }

    func simulatedAnswer(_ text: String) -> String { t("\n      simulated answer: \(text)", "\n      模拟回答：\(text)") }
    var noAnswerUnknownKind: String { t("none (unknown kind)", "无（未知类型）") }
    func simulated(_ events: [String]) -> String {
        t("\n      simulated: \(events.joined(separator: " → "))", "\n      模拟：\(events.map(labels.event).joined(separator: " → "))")
    }
    func replyStatus(_ status: String) -> String {
        switch (locale.language, status) {
        case (.zh, "accepted"): return "已受理"
        case (.zh, "duplicate"): return "已处理过"
        case (.zh, "rejected"): return "被拒绝"
        default: return status
        }
    }

    // `wo watch`.
    func eventLine(_ event: String, by actor: String) -> String { t("\(event) by \(actor)", "\(event)（\(actor)）") }
    func taskFor(_ department: String) -> String { t("→ task for \(department)", "→ 派单给\(department)") }
    func refused(_ event: String, _ detail: String) -> String { t("REFUSED \(event): \(detail)", "拒绝 \(event)：\(detail)") }
    func deadLetter(_ target: String, _ detail: String) -> String { t("DEAD LETTER (was going to \(target)): \(detail)", "死信（原发往 \(target)）：\(detail)") }
    func replayed(by actor: String, _ detail: String) -> String { t("REPLAYED by \(actor): \(detail)", "已重发（\(actor)）：\(detail)") }
}

/// A follow-up's type as words: `notification`, `escalation`.
struct FollowupTypeName {
    let en: String
    let zh: String

    init(_ machineName: String) {
        en = machineName
        switch machineName {
        case "notification": zh = "通知"
        case "escalation": zh = "升级"
        case "callback": zh = "回访"
        default: zh = machineName
        }
    }
}
