import ArgumentParser

@main
struct WO: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wo",
        abstract: "Work-order workflow server for property-management companies · 物业工单系统",
        subcommands: [ServeCommand.self, IntakeCommand.self, WorkerCommand.self, TaskCommand.self, CallbacksCommand.self, BrokerCommand.self, BenchCommand.self, WorkflowsCommand.self, CampaignsCommand.self, ListCommand.self, ShowCommand.self, OverdueCommand.self, StatsCommand.self, ReportCommand.self, ExtendCommand.self, EscalateCommand.self, CollectiveCommand.self, WatchCommand.self, ClassifyCommand.self, DeadLettersCommand.self, BackupCommand.self, ProtocolCommand.self]
    )
}
