import ArgumentParser
import Foundation
import WorkOrderCore
import WorkflowPolicy

/// `--lang en|zh`: the language of what staff read (tables, worker lines, errors). Without
/// it: `WO_LANG`, then the locale (`LC_ALL` > `LC_MESSAGES` > `LANG`; `zh_CN.UTF-8` is
/// Chinese). `--json` output keeps the machine names whatever the language.
struct LanguageOptions: ParsableArguments {
    @Option(name: .customLong("lang"), help: ArgumentHelp(
        "Language for people: en or zh (简体中文).",
        discussion: "Default: WO_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG). --json stays English."))
    var lang: String?

    func validate() throws {
        if let lang, StaffLanguage(argument: lang) == nil {
            throw ValidationError(Phrase.badLanguage(lang).both)
        }
    }

    var chosen: StaffLanguage {
        lang.flatMap(StaffLanguage.init(argument:)) ?? .fromEnvironment(ProcessInfo.processInfo.environment)
    }
}

extension PolicyOptions {
    /// The words staff read in `language`: for Chinese, the labels in
    /// `<workflows>/labels/zh.yaml` (machine names, said on stderr, when the folder has none).
    func locale(_ language: StaffLanguage) throws -> StaffLocale {
        let labels: StaffLabels?
        do {
            labels = try LabelsLoader.load(directory: resolvedDirectory, language: language)
        } catch {
            throw ValidationError(Phrase.badLabels(LabelsLoader.path(directory: resolvedDirectory, language: language)).text(language) + "\n\(error)")
        }
        if labels == nil {
            printError(Phrase.noLabels(LabelsLoader.path(directory: resolvedDirectory, language: language)).text(language))
        }
        return StaffLocale(language: language, labels: labels ?? .machineNames)
    }
}
