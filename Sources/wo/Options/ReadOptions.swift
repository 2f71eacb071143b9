import ArgumentParser
import WorkOrderCore
import WorkOrderReports

/// What every read command (`wo list`, `show`, `overdue`, `stats`, `report`) takes:
/// where the store and the policy are, how to print, and the moment to judge
/// deadlines at.
struct ReadOptions: ParsableArguments {
    @Flag(help: "Print the result as JSON (the same model the table shows).")
    var json = false

    @Flag(help: "Show owners' phone numbers in full (masked by default, IN-05).")
    var reveal = false

    @Option(help: ArgumentHelp(
        "Judge deadlines as of this moment: ms since the epoch or a local YYYY-MM-DD[THH:MM].",
        discussion: "Default: now. Fixing it makes output reproducible."))
    var now: String?

    @Option(name: .customLong("at-risk-percent"), help: "A running deadline is at risk with less than this share of its span left.")
    var atRiskPercent: Double = RiskThreshold.standard.sharePercent

    @Option(name: .customLong("at-risk-minutes"), help: ArgumentHelp(
        "Also at risk with less than this many minutes left.",
        discussion: "Without it, 30 minutes applies only to deadlines whose start is unknown."))
    var atRiskMinutes: Int?

    @OptionGroup var language: LanguageOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var policy: PolicyOptions

    func validate() throws {
        guard (0...100).contains(atRiskPercent) else { throw ValidationError("--at-risk-percent must be between 0 and 100") }
        if let atRiskMinutes, atRiskMinutes < 0 { throw ValidationError("--at-risk-minutes must not be negative") }
    }

    var risk: RiskThreshold {
        RiskThreshold(sharePercent: atRiskPercent, within: atRiskMinutes.map { .seconds($0 * 60) })
    }
}
