import Testing
import WorkOrderCore

/// Which language staff read: `--lang` wins, then WO_LANG, then the locale
/// (LC_ALL > LC_MESSAGES > LANG); English when nothing says Chinese.
@Suite struct StaffLanguageTests {
    @Test(arguments: [
        ([:], StaffLanguage.en),
        (["LANG": "C"], .en),
        (["LANG": "POSIX"], .en),
        (["LANG": "en_US.UTF-8"], .en),
        (["LANG": "zh_CN.UTF-8"], .zh),
        (["LANG": "zh_CN"], .zh),
        (["LANG": "zh_TW.UTF-8"], .zh),
        (["LC_MESSAGES": "zh_CN.UTF-8", "LANG": "C"], .zh),
        (["LC_ALL": "C", "LC_MESSAGES": "zh_CN.UTF-8", "LANG": "zh_CN.UTF-8"], .en),
        (["LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"], .zh),
        (["LC_ALL": "", "LANG": "zh_CN.UTF-8"], .zh),   // empty is unset
        (["WO_LANG": "en", "LC_ALL": "zh_CN.UTF-8"], .en),
        (["WO_LANG": "zh", "LANG": "C"], .zh),
        (["WO_LANG": "klingon", "LANG": "zh_CN.UTF-8"], .zh),   // not a language: the locale decides
    ] as [([String: String], StaffLanguage)])
    func theEnvironmentChooses(environment: [String: String], expected: StaffLanguage) {
        #expect(StaffLanguage.fromEnvironment(environment) == expected)
    }

    @Test func argumentsPeopleType() {
        #expect(["zh", "ZH", "zh-CN", "zh_CN.UTF-8", "zh-Hans", "chinese", "中文"].allSatisfy { StaffLanguage(argument: $0) == .zh })
        #expect(["en", "EN", "en-GB", "english"].allSatisfy { StaffLanguage(argument: $0) == .en })
        #expect(StaffLanguage(argument: "fr") == nil && StaffLanguage(argument: "zhx") == nil)
    }

    @Test func englishPicksTheFirstPhrase() {
        #expect(StaffLocale.english.pick("Timeline", "处理经过") == "Timeline")
        #expect(StaffLocale(language: .zh, labels: .machineNames).pick("Timeline", "处理经过") == "处理经过")
    }
}
