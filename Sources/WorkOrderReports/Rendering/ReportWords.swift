import WorkOrderCore

/// Every fixed phrase of the supervisor views (`wo list`, `show`, `overdue`, `stats`,
/// `report`), English and Simplified Chinese side by side. Names of kinds, states,
/// events, roles, departments and deadlines are not here: they come from the labels in
/// `workflows/labels/` (`StaffLabels`). English is what these views always printed.
struct ReportWords {
    let locale: StaffLocale

    init(_ locale: StaffLocale) { self.locale = locale }

    var labels: StaffLabels { locale.labels }
    private func t(_ en: String, _ zh: String) -> String { locale.pick(en, zh) }

    // Column headers.
    var id: String { t("ID", "工单号") }
    var order: String { t("ORDER", "工单号") }
    var kind: String { t("KIND", "类型") }
    var state: String { t("STATE", "状态") }
    var site: String { t("SITE", "项目") }
    var household: String { t("HOUSEHOLD", "房号") }
    var phone: String { t("PHONE", "电话") }
    var opened: String { t("OPENED", "开单时间") }
    var department: String { t("DEPARTMENT", "部门") }
    var nextDue: String { t("NEXT DUE", "下一时限") }
    var late: String { t("LATE", "超时") }
    var esc: String { t("ESC", "升级") }
    var subject: String { t("SUBJECT", "事由") }
    var deadline: String { t("DEADLINE", "时限") }
    var rules: String { t("RULES", "条款") }
    var due: String { t("DUE", "到期") }
    var lateBy: String { t("LATE BY", "超时") }
    var when: String { t("WHEN", "时间") }
    var event: String { t("EVENT", "事件") }
    var by: String { t("BY", "操作人") }
    var detail: String { t("DETAIL", "详情") }
    var message: String { t("MESSAGE", "消息号") }
    var set: String { t("SET", "设定") }
    var status: String { t("STATUS", "状态") }
    var closed: String { t("CLOSED", "结束") }
    var level: String { t("LEVEL", "级别") }
    var to: String { t("TO", "上报给") }
    var reason: String { t("REASON", "原因") }
    var round: String { t("ROUND", "轮次") }
    var notReached: String { t("NOT REACHED", "未联系上") }
    var answered: String { t("ANSWERED", "回访时间") }
    var form: String { t("FORM", "方式") }
    var caller: String { t("CALLER", "回访人") }
    var satisfaction: String { t("SATISFACTION", "满意度") }
    var relation: String { t("RELATION", "关系") }
    var direction: String { t("DIRECTION", "方向") }
    var task: String { t("TASK", "任务") }
    var orders: String { t("ORDERS", "工单数") }
    var orderList: String { t("ORDERS", "工单") }
    var met: String { t("MET", "达标") }
    var breached: String { t("BREACHED", "超时") }
    var running: String { t("RUNNING", "进行中") }
    var atRisk: String { t("AT RISK", "临近超时") }
    var compliance: String { t("COMPLIANCE", "达标率") }
    var cause: String { t("CAUSE", "原因") }
    var count: String { t("COUNT", "次数") }
    var share: String { t("SHARE", "占比") }
    var cumulative: String { t("CUMULATIVE", "累计") }
    var main: String { t("MAIN", "主要") }
    var validity: String { t("VALIDITY", "定性") }
    var severity: String { t("SEVERITY", "等级") }
    var finished: String { t("FINISHED", "完成") }
    var subjectHeader: String { t("SUBJECT", "事由") }

    // Short values.
    var yes: String { t("yes", "是") }
    var no: String { t("no", "否") }
    var noneValue: String { t("none", "无") }

    // `wo list`, `wo overdue`.
    var noOrdersMatch: String { t("No orders match.", "没有符合条件的工单。") }
    var nothingLate: String { t("Nothing is late.", "没有超时的时限。") }
    func lateGroup(site: String, department: String, count: Int) -> String {
        t("\(site) / \(department): \(count) late", "\(site) / \(department)：\(count) 项超时")
    }

    // `wo show`.
    var finishedMark: String { t(" (finished)", "（已结束）") }
    var factSite: String { t("site", "项目") }
    var factHousehold: String { t("household", "房号") }
    var factOwner: String { t("owner", "业主") }
    var factChannel: String { t("channel", "渠道") }
    var factSubject: String { t("subject", "事由") }
    var factOwnerSaid: String { t("owner said", "业主原话") }
    var factOpened: String { t("opened", "开单时间") }
    var factDepartments: String { t("departments", "部门") }
    var factPolicy: String { t("policy", "政策版本") }
    var factPriority: String { t("priority", "优先") }
    var priorityYes: String { t("yes (repeated report)", "是（重复报修）") }
    var factCollective: String { t("collective", "集体投诉") }
    var factEscalation: String { t("escalation", "升级") }
    func escalationLevel(_ level: Int) -> String { t("level \(level)", "第 \(level) 级") }
    var headingTimeline: String { t("Timeline", "处理经过") }
    var headingDeadlines: String { t("Deadlines", "时限") }
    var headingEscalations: String { t("Escalations", "升级") }
    var headingCallbacks: String { t("Call-backs", "回访") }
    var headingLinks: String { t("Linked orders", "关联工单") }
    var headingDispatched: String { t("Dispatched", "派单") }
    func moved(_ times: Int) -> String { t(" (moved \(times)×)", "（顺延 \(times) 次）") }
    func answerBy(_ time: String) -> String { t(" (answer by \(time))", "（答复期限 \(time)）") }
    var lateNow: String { t("late now", "已超时") }
    var noAnswerOnScale: String { t("(no answer on the scale)", "（未按满意度等级作答）") }
    var thisToIt: String { t("this order → it", "本单 → 该单") }
    var itToThis: String { t("it → this order", "该单 → 本单") }

    // Deadline outcomes.
    func outcome(_ outcome: DeadlineOutcome) -> String {
        switch outcome {
        case .met: return t("met", "按时")
        case .open: return t("open", "进行中")
        case .at_risk: return t("at risk", "临近超时")
        case .breached: return t("breached", "已超时")
        case .reminded: return t("reminded", "已提醒")
        case .dropped: return t("dropped", "已取消")
        }
    }

    // `wo stats`.
    func statsTitle(site: String, first: CivilDate, last: CivilDate, orders: Int) -> String {
        t("Statistics for \(site), \(first) to \(last): \(orders) orders opened", "\(site) 统计，\(first) 至 \(last)：共开单 \(orders) 张")
    }
    var headingByState: String { t("By state", "按状态") }
    var headingSLA: String { t("Deadlines (SLA compliance: met / (met + breached))", "时限（达标率 = 达标 / (达标 + 超时)）") }
    var headingCallbacksAndSatisfaction: String { t("Call-backs and satisfaction", "回访与满意度") }
    func headingCauses(_ cutoff: String) -> String {
        t("Dissatisfaction causes (SAT-03: main causes within \(cutoff) cumulative)", "不满意原因（SAT-03：累计 \(cutoff) 以内为主要原因）")
    }

    // Call-back rate and satisfaction facts.
    var callbackRate: String { t("call-back rate (CB-08)", "回访率（CB-08）") }
    func callbackRateValue(_ percent: String, due: Int) -> String {
        t(percent + " of \(due) due, target 90–100%", "\(percent)，应回访 \(due) 次，目标 90–100%")
    }
    var ownersReached: String { t("owners reached", "已联系上业主") }
    var callbacksNotYetDue: String { t("call-backs not yet due", "未到期的回访") }
    var notSampled: String { t("complaints not sampled (CB-03)", "未抽中回访的投诉（CB-03）") }
    var satisfactionRate: String { t("satisfaction (SAT-01)", "满意率（SAT-01）") }
    func satisfactionValue(_ percent: String, target: String) -> String {
        t(percent + ", target ≥ \(target) (SAT-04)", "\(percent)，目标 ≥ \(target)（SAT-04）")
    }
    var answers: String { t("answers", "回答") }
    var satisfiedDissatisfied: String { t("satisfied / dissatisfied", "满意 / 不满意") }
    var abstentions: String { t("abstentions (left out)", "未表态（不计入）") }
    var survey: String { t("survey (SAT-02)", "满意度调查（SAT-02）") }
    var noSurvey: String { t("no survey recorded", "未记录调查") }
    var surveyReturns: String { t("survey returns (SAT-02)", "问卷回收（SAT-02）") }
    func surveyReturnsValue(returned: Int, sent: Int, percent: String, minimum: String) -> String {
        t("\(returned) of \(sent): \(percent), minimum \(minimum)", "发出 \(sent) 份，收回 \(returned) 份：\(percent)，最低 \(minimum)")
    }
    var penalty: String { t("penalty", "扣分") }
    func pointsOff(_ points: String) -> String { t(points + " points off", "扣 \(points) 分") }
    var afterPenalty: String { t("satisfaction after penalty", "扣分后满意率") }

    // `wo report monthly`.
    func monthlyTitle(site: String, month: String) -> String { t("Monthly report, \(site), \(month)", "月度报告：\(site)，\(month)") }
    var factDue: String { t("due", "报送期限") }
    var factGenerated: String { t("generated", "生成时间") }
    var headingComplaints: String { t("Complaints (RPT-01)", "投诉（RPT-01）") }
    var received: String { t("received", "受理") }
    var collective: String { t("collective", "集体投诉") }
    var byValidity: String { t("by validity", "按定性") }
    var bySeverity: String { t("by severity", "按等级") }
    var closedOpen: String { t("closed / open", "已关闭 / 未关闭") }
    var escalated: String { t("escalated", "升级") }
    var subjectsLine: String { t("Subjects, main ones marked:", "投诉事由（标出主要事由）：") }
    var complaintsLine: String { t("Complaints of the month:", "本月投诉：") }
    var headingServices: String { t("Repairs and services (RPT-03)", "维修与服务（RPT-03）") }
    var openedCount: String { t("OPENED", "开单") }
    var repeatedReports: String { t("repeated reports (IN-04)", "重复报修（IN-04）") }
    var recurringLine: String { t("Recurring problems (same cause, same household, more than once):", "反复出现的问题（同一住户、同一原因、不止一次）：") }
    var headingVisits: String { t("Household visits (RPT-02)", "入户走访（RPT-02）") }
    var quotaBands: String { t("quota bands", "走访比例档") }
    var more: String { t("more", "以上") }
    var occupied: String { t("occupied households", "入住户数") }
    var visitsRequired: String { t("visits required", "应走访户数") }
    func visitsRequiredValue(_ required: Int, percent: Int) -> String {
        t("\(required) (\(percent)%, no household twice, call-backs do not count)", "\(required)（\(percent)%，同一户不重复，回访不计入）")
    }
    var giveOccupied: String { t("give --occupied-households to compute the quota", "给出 --occupied-households 才能计算应走访户数") }
    var visitsRecorded: String { t("visits recorded", "已记录走访") }
    var noCampaignRecords: String { t("none: this store keeps no campaign records (wo campaigns)", "无：此存储没有走访记录（wo campaigns）") }
    var summaryDue: String { t("summary due", "汇总报送期限") }

    /// `45m`, `3h05m`, `2d04h`; in Chinese `45分钟`, `3小时5分`, `2天4小时`.
    func duration(ms: Int64) -> String {
        guard locale.language == .zh else { return Format.duration(ms: ms) }
        let minutes = max(0, ms) / 60_000
        let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        if days > 0 { return "\(days)天\(hours)小时" }
        if hours > 0 { return "\(hours)小时\(mins)分" }
        return "\(mins)分钟"
    }

    func outcomeCell(_ outcome: DeadlineOutcome) -> Cell {
        let base = Format.outcome(outcome)
        return Cell(self.outcome(outcome), base.tone)
    }

    /// A list of departments by their labels.
    func departments(_ list: [Department], separator: String) -> String {
        list.map(labels.department).joined(separator: separator)
    }
}
