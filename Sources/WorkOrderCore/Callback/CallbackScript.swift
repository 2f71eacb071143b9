/// The call-back script (CB-04): the steps every call-back goes through, in order. The
/// wording is policy (`callbacks.yaml`, `script`); the steps are fixed by the rule.
public enum CallbackScriptStep: String, Hashable, Codable, CaseIterable, Sendable {
    case greeting, introduction, summary, satisfaction, anything_else, thanks
}

/// One line of the script as policy words it. `say` may contain `{owner}`, `{subject}`,
/// `{household}`, `{site}`, `{round}` and `{scale}`, filled in for each call.
public struct CallbackScriptLine: Hashable, Codable, Sendable {
    public var step: CallbackScriptStep
    public var say: String

    public init(step: CallbackScriptStep, say: String) {
        self.step = step
        self.say = say
    }
}

public enum CallbackScript {
    /// Built-in wording, used when `callbacks.yaml` gives none.
    public static let defaultLines: [CallbackScriptLine] = [
        .init(step: .greeting, say: "您好，请问是{owner}吗？"),
        .init(step: .introduction, say: "我是物业客户服务中心的客服人员，今天给您做一次回访。"),
        .init(step: .summary, say: "您之前反映的“{subject}”（{household}）已经处理完毕。"),
        .init(step: .satisfaction, say: "请问您对这次处理满意吗？可选：{scale}。"),
        .init(step: .anything_else, say: "请问您还有其他需要我们帮助的吗？"),
        .init(step: .thanks, say: "感谢您的支持，祝您生活愉快！"),
    ]

    /// The script for one call on `order`, every placeholder filled in.
    public static func render(for order: WorkOrder, round: Int, policy: PolicySet) -> [CallbackScriptLine] {
        let values = [
            "{owner}": order.owner.name, "{subject}": order.subject, "{household}": order.household.description,
            "{site}": order.site, "{round}": String(round),
            "{scale}": policy.satisfaction.levels.joined(separator: " / "),
        ]
        return policy.callbacks.script.map { line in
            var text = line.say
            for (placeholder, value) in values { text = text.replacing(placeholder, with: value) }
            return CallbackScriptLine(step: line.step, say: text)
        }
    }
}
