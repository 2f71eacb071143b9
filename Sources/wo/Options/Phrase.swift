import WorkOrderCore

/// A fixed message of the command line in English and Simplified Chinese. Every message
/// the staff-facing commands print themselves is here; messages from libraries (and
/// argument-parser's own usage errors) stay as they come.
struct Phrase: Sendable {
    let en: String
    let zh: String

    func text(_ language: StaffLanguage) -> String { language == .zh ? zh : en }

    /// Both, for a message printed before the language is known.
    var both: String { "\(en) (\(zh))" }
}

extension Phrase {
    static func badLanguage(_ text: String) -> Phrase {
        Phrase(en: "--lang '\(text)' is not a language: use en or zh", zh: "--lang 只能是 en 或 zh")
    }
    static func badLabels(_ file: String) -> Phrase {
        Phrase(en: "the labels file '\(file)' is not valid:", zh: "标签文件 '\(file)' 有误：")
    }
    static func noLabels(_ file: String) -> Phrase {
        Phrase(en: "note: no labels file '\(file)': machine names are shown",
               zh: "提示：没有标签文件 '\(file)'，显示英文名称")
    }
    static let errorPrefix = Phrase(en: "Error: ", zh: "错误：")
    static func cannotReachBroker(_ url: String, _ error: String) -> Phrase {
        Phrase(en: "cannot reach the broker at \(url): \(error) (start it with scripts/broker start)",
               zh: "无法连接消息服务器 \(url)：\(error)（用 scripts/broker start 启动）")
    }
    static let watching = Phrase(en: "watching wo.events and wo.dead (Ctrl-C stops)", zh: "正在监看 wo.events 和 wo.dead（Ctrl-C 停止）")

    // The read commands.
    static func badPolicyFolder(_ folder: String) -> Phrase {
        Phrase(en: "the policy folder '\(folder)' is not valid; wo workflows check \(folder) lists the problems",
               zh: "政策目录 '\(folder)' 有误；用 wo workflows check \(folder) 查看问题")
    }
    static func badNow(_ text: String) -> Phrase {
        Phrase(en: "bad --now '\(text)': expected ms since the epoch or YYYY-MM-DD[THH:MM]",
               zh: "--now '\(text)' 有误：应为毫秒时间戳或 YYYY-MM-DD[THH:MM]")
    }
    static func serverClock(scale: String, now: String) -> Phrase {
        Phrase(en: "note: judging time by the running server's clock (×\(scale), now \(now) site time); --now chooses another",
               zh: "提示：按运行中服务器的时钟判断时间（×\(scale)，现在是项目当地时间 \(now)）；可用 --now 指定")
    }
    static func badKind(_ text: String, _ expected: String) -> Phrase {
        Phrase(en: "bad --kind '\(text)': expected one of \(expected)", zh: "--kind '\(text)' 有误：应为 \(expected) 之一")
    }
    static func badDepartment(_ text: String, _ expected: String) -> Phrase {
        Phrase(en: "bad --department '\(text)': expected one of \(expected)", zh: "--department '\(text)' 有误：应为 \(expected) 之一")
    }
    static func badDate(_ option: String, _ text: String) -> Phrase {
        Phrase(en: "bad \(option) '\(text)': expected a date YYYY-MM-DD", zh: "\(option) '\(text)' 有误：应为日期 YYYY-MM-DD")
    }
    static func badMonth(_ text: String) -> Phrase {
        Phrase(en: "bad --month '\(text)': expected YYYY-MM", zh: "--month '\(text)' 有误：应为 YYYY-MM")
    }
    static let monthOrRange = Phrase(en: "give --month or --from/--to, not both", zh: "--month 与 --from/--to 只能选一种")
    static func fromAfterTo(_ first: String, _ last: String) -> Phrase {
        Phrase(en: "--from \(first) is after --to \(last)", zh: "--from \(first) 晚于 --to \(last)")
    }
    static func badSort(_ text: String, _ expected: String) -> Phrase {
        Phrase(en: "bad --sort '\(text)': expected one of \(expected)", zh: "--sort '\(text)' 有误：应为 \(expected) 之一")
    }
    static let badLimit = Phrase(en: "--limit must be at least 1", zh: "--limit 至少为 1")
    static func badHousehold(_ text: String) -> Phrase {
        Phrase(en: "bad --household '\(text)': expected building-unit-room, e.g. 5-2-301",
               zh: "--household '\(text)' 有误：应为 楼栋-单元-房号，例如 5-2-301")
    }
    static func noOrder(_ id: String) -> Phrase {
        Phrase(en: "no order '\(id)', and no intake message with that id", zh: "没有工单 '\(id)'，也没有这个编号的受理消息")
    }
    static func orderVanished(_ id: String) -> Phrase {
        Phrase(en: "order '\(id)' vanished while it was being read", zh: "工单 '\(id)' 在读取时消失了")
    }
    static let givePeriod = Phrase(en: "give --month YYYY-MM, or --from and --to", zh: "请给出 --month YYYY-MM，或 --from 和 --to")
    static let badSurveyReturned = Phrase(
        en: "--survey-returned must be between 0 and --survey-sent, which must be positive",
        zh: "--survey-returned 应在 0 到 --survey-sent 之间，--survey-sent 应为正数")
    static let giveBothSurvey = Phrase(en: "give both --survey-sent and --survey-returned", zh: "请同时给出 --survey-sent 和 --survey-returned")
    static let badOccupied = Phrase(en: "--occupied-households must not be negative", zh: "--occupied-households 不能为负数")
    static func cannotWriteReport(_ folder: String, _ error: String) -> Phrase {
        Phrase(en: "cannot write the report to \(folder): \(error)", zh: "无法把报告写入 \(folder)：\(error)")
    }
    static func wroteReport(_ base: String) -> Phrase {
        Phrase(en: "wrote \(base).md and \(base).csv", zh: "已写入 \(base).md 和 \(base).csv")
    }

    // `wo dead-letters`.
    static let noDeadLetters = Phrase(en: "no dead letters", zh: "没有死信")
    static func noDeadLetter(_ id: String) -> Phrase {
        Phrase(en: "no dead letter with message id '\(id)'", zh: "没有消息编号为 '\(id)' 的死信")
    }
    static func replayed(_ id: String, as new: String) -> Phrase {
        Phrase(en: "replayed \(id) as \(new)", zh: "已重发 \(id)，新编号 \(new)")
    }
}
