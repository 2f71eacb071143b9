/// The language staff read the program in. English is the default; Simplified Chinese is
/// chosen by `--lang zh` or the locale. Machine output (`--json`, CSV, logs) never changes.
public enum StaffLanguage: String, CaseIterable, Sendable {
    case en
    case zh

    /// `en`, `zh`, and the spellings people type: `zh-CN`, `zh_CN.UTF-8`, `zh-Hans`,
    /// `english`, `chinese`, `中文`.
    public init?(argument: String) {
        let text = argument.lowercased()
        if text == "chinese" || text == "中文" || text == "zh" || text.hasPrefix("zh_") || text.hasPrefix("zh-") || text.hasPrefix("zh.") {
            self = .zh
        } else if text == "english" || text == "en" || text.hasPrefix("en_") || text.hasPrefix("en-") || text.hasPrefix("en.") {
            self = .en
        } else {
            return nil
        }
    }

    /// The language the environment asks for: `WO_LANG` when set, otherwise the locale
    /// the usual way (`LC_ALL`, then `LC_MESSAGES`, then `LANG`; the first one set and not
    /// empty decides). Chinese for a locale starting with `zh`; English for any other
    /// (`C`, `POSIX`, `en_US.UTF-8`) and when none is set.
    public static func fromEnvironment(_ environment: [String: String]) -> StaffLanguage {
        if let chosen = environment["WO_LANG"], let language = StaffLanguage(argument: chosen) { return language }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("zh") ? .zh : .en
        }
        return .en
    }
}

/// What staff-facing text is written with: the language, and the labels of kinds,
/// states, events, roles, departments and deadlines (from `workflows/labels/zh.yaml`).
public struct StaffLocale: Sendable {
    public var language: StaffLanguage
    public var labels: StaffLabels

    public init(language: StaffLanguage, labels: StaffLabels) {
        self.language = language
        self.labels = labels
    }

    /// English with the machine names: what every view printed before Chinese existed.
    public static let english = StaffLocale(language: .en, labels: .machineNames)

    /// The English or the Chinese of a fixed phrase.
    public func pick(_ en: @autoclosure () -> String, _ zh: @autoclosure () -> String) -> String {
        language == .zh ? zh() : en()
    }
}
