import ArgumentParser

/// `wo campaigns`: plan and track the campaigns outside any single order — the
/// call-back campaigns (CB-09), the half-yearly survey (SAT-02) and the monthly
/// household visits (RPT-02). Only this command writes the campaign tables.
struct CampaignsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaigns",
        abstract: "Plan and track call-back campaigns, the satisfaction survey and household visits.",
        subcommands: [Plan.self, Record.self, CampaignsStatus.self]
    )

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan a month's visits, a half-year's survey or a call-back campaign.",
            subcommands: [CampaignsPlanVisits.self, CampaignsPlanSurvey.self, CampaignsPlanCallbacks.self]
        )
    }

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record what happened: a visit, a returned survey form, a campaign call-back.",
            subcommands: [CampaignsRecordVisit.self, CampaignsRecordSurveyReturn.self, CampaignsRecordCallback.self]
        )
    }
}

/// Options every campaigns subcommand shares.
struct CampaignOptions: ParsableArguments {
    @Option(help: "The site (as on its work orders).")
    var site: String

    @Flag(help: "Print JSON (the same model as the table).")
    var json = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var policy: PolicyOptions
}

/// A one-line reason the command could not do what was asked; exits non-zero.
struct CampaignsFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
