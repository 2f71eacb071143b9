import AMQPClient
import Foundation
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderReports
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology
import WorkOrderWorkers

/// The read commands on a store filled through the real flow: the server at 300× over
/// the broker, progress and call-back answers sent as `wo task` sends them, then the real
/// `wo list/show/overdue/stats/report` binaries on the same SQLite file. Every figure
/// below is counted by hand from the scenario.
@Suite("Supervisor CLI: views of a store filled through the broker")
struct SupervisorCommandTests {
    static let tech = Actor(id: "tech-7", role: .technician)

    /// On both stores: the read commands have their own queries per store.
    @Test(.timeLimit(.minutes(5)), arguments: StoreKind.allCases)
    func SAT_01_CB_08_statsListShowOverdueAndReportAgreeWithTheScenario(store kind: StoreKind) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: WorkerProcessTests.binary), "build the wo binary first")
        var policy = TestPolicy.policy
        policy.callbacks.schedules[.repair_other] = [CallbackRound(after: .elapsed(.seconds(3600)))]
        policy.callbacks.recallAfterRectification = .elapsed(.seconds(3600))
        // REP-01's on-site deadline stretched to 45 minutes: 9 s at 300×, room enough for A
        // on a loaded CI machine (3 s was not always; 1.5 s at 600× often was not).
        policy.repair.immediateOnSiteWithin = .elapsed(.seconds(45 * 60))
        let server = try await ServerHarness.start(store: kind, timeScale: 300, policy: policy)

        // A: on site at once (REP-01 met), answered very satisfied.
        // B: on site after the 45 minutes (9 s here: breached), dissatisfied, rectified, then satisfied.
        // C: a complaint nobody touches: its response deadline passes and it is late now.
        for (id, room, subject) in [("sup-a", "101", "tap"), ("sup-b", "102", "drain")] {
            var intake = Fixtures.repairIntake(household: room, subject: subject)
            intake["fields"] = ["mode": "immediate", "category": "other"]
            try await server.publishIntake(intake, kind: "repair", messageID: id)
        }
        try await server.publishIntake(SteeringCommandTests.complaintIntake(), kind: "complaint", messageID: "sup-c")
        let a = try await server.order(intake: "sup-a")
        let b = try await server.order(intake: "sup-b")
        let c = try await server.order(intake: "sup-c")
        try await TransitionClient.with(connection: server.connection, logger: ServerHarness.logger) { client in
            try await Self.work(a, client)
            try await Task.sleep(for: .seconds(11))
            try await Self.work(b, client)
        }
        let callA = try await server.nextCallback(for: a)
        #expect(try await server.answer(callA, satisfaction: "very_satisfied").state == "closed")
        let callB = try await server.nextCallback(for: b)
        #expect(try await server.answer(callB, satisfaction: "dissatisfied").state == "calling_back")
        try await TransitionClient.with(connection: server.connection, logger: ServerHarness.logger) { client in
            let reply = try await client.send(orderID: b, step: StaffStep(event: "rectified", actor: Self.tech), messageID: "rect-b")
            #expect(reply.status == .accepted)
        }
        let recallB = try await server.nextCallback(for: b)
        #expect(try await server.answer(recallB, satisfaction: "satisfied").state == "closed")

        let opened = try #require(try await server.store.order(id: a)).openedAt
        let month = TestPolicy.policy.calendar(forSite: "NJ-01").localDate(of: opened)
        let monthText = String(format: "%04d-%02d", month.year, month.month)
        let now = ["--now", "\(server.clock.now().millisecondsSinceEpoch)"]
        let store = ["--store", server.storeLocation, "--workflows", BrokerTestEnvironment.packageRoot + "/workflows"]

        // wo stats: 2 repairs and 1 complaint; REP-01 1 met of 2; call-backs reached for both
        // repairs (CB-08 100%); answers very_satisfied, dissatisfied, satisfied → 2 of 3 (SAT-01).
        let statsRun = try await WorkerProcessTests.run(["stats", "--site", "NJ-01", "--month", monthText, "--json"] + store + now)
        #expect(statsRun.status == 0, "\(statsRun.output)")
        let stats = try JSONDecoder().decode(SiteStats.self, from: Data(statsRun.output.utf8))
        #expect(stats.orders == 3)
        #expect(stats.byKind.map { "\($0.kind.rawValue)=\($0.count)" }.sorted() == ["complaint=1", "repair=2"])
        let onSite = try #require(stats.serviceLevels.first { $0.purpose == .on_site })
        #expect(onSite.met == 1 && onSite.breached == 1 && onSite.percent == 50)
        #expect(stats.callbackRate.due == 2 && stats.callbackRate.reached == 2 && stats.callbackRate.percent == 100)
        #expect(stats.satisfaction.satisfied == 2 && stats.satisfaction.dissatisfied == 1 && stats.satisfaction.abstentions == 0)
        #expect(abs((stats.satisfaction.percent ?? 0) - 200.0 / 3) < 0.001)
        #expect(stats.satisfaction.meetsTarget == false) // SAT-04: 66.7% < 90%
        #expect(stats.dissatisfaction.total == 1 && stats.dissatisfaction.mainCauses.count == 1)

        // wo list: the two repairs, closed; wo show finds B by its intake id, REP-01 breached.
        let list = try await WorkerProcessTests.run(["list", "--kind", "repair", "--json"] + store + now)
        let rows = try JSONDecoder().decode([OrderRow].self, from: Data(list.output.utf8))
        #expect(Set(rows.map(\.id)) == [a, b] && rows.allSatisfy { $0.state == "closed" })
        #expect(rows.allSatisfy { $0.phone == "138****5678" })
        let show = try await WorkerProcessTests.run(["show", "sup-b"] + store + now)
        #expect(show.status == 0)
        #expect(show.output.contains(b) && show.output.contains("breached") && show.output.contains("rectified"))

        // wo overdue: only the untouched complaint is late now.
        let overdue = try await WorkerProcessTests.run(["overdue", "--json"] + store + now)
        let late = try JSONDecoder().decode(OverdueReport.self, from: Data(overdue.output.utf8))
        #expect(Set(late.groups.flatMap(\.items).map(\.orderID)) == [c])

        // wo report monthly: the Markdown and CSV files for the director.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wo-report-\(UUID().uuidString.prefix(6))").path
        let report = try await WorkerProcessTests.run(["report", "monthly", "--site", "NJ-01", "--month", monthText, "--output", folder] + store + now)
        #expect(report.status == 0, "\(report.output)")
        let markdown = try String(contentsOfFile: "\(folder)/NJ-01-\(monthText).md", encoding: .utf8)
        #expect(markdown.contains("NJ-01"))
        #expect(FileManager.default.fileExists(atPath: "\(folder)/NJ-01-\(monthText).csv"))

        // Clear errors: an unknown id and a bad month are one line and a non-zero exit.
        let unknown = try await WorkerProcessTests.run(["show", "no-such-order"] + store)
        #expect(unknown.status != 0 && unknown.output.split(separator: "\n").count == 1)
        let badMonth = try await WorkerProcessTests.run(["stats", "--site", "NJ-01", "--month", "2026-13"] + store)
        #expect(badMonth.status != 0)
        try await server.stop()
    }

    /// On site, then completed with the owner's acceptance and signature.
    static func work(_ order: String, _ client: TransitionClient) async throws {
        let onSite = try await client.send(orderID: order, step: StaffStep(event: "on_site", actor: tech), messageID: "\(order)/on")
        #expect(onSite.status == .accepted)
        let done = try await client.send(orderID: order, step: StaffStep(event: "completed", actor: tech, fields: [
            "owner_accepted": .bool(true), "owner_signature": .string("张三"), "summary": .string("fixed"),
        ]), messageID: "\(order)/done")
        #expect(done.state == "calling_back")
    }
}

/// SAT-02 in `wo stats`: the survey `wo campaigns` planned for the half year counts
/// without figures given by hand.
@Suite("Supervisor CLI: survey figures from the campaign records")
struct StatsSurveyTests {
    @Test(.timeLimit(.minutes(5)))
    func SAT_02_statsUseTheSurveyPlannedForTheHalfYear() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: WorkerProcessTests.binary), "build the wo binary first")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wo-survey-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let households = folder.appendingPathComponent("occupied.txt").path
        try "1-1-101\n1-1-102\n1-1-103\n1-1-104\n".write(toFile: households, atomically: true, encoding: .utf8)
        let store = ["--store", folder.appendingPathComponent("wo.sqlite").path, "--workflows", BrokerTestEnvironment.packageRoot + "/workflows"]

        let plan = try await WorkerProcessTests.run(["campaigns", "plan", "survey", "--site", "NJ-01", "--half", "2026-H2", "--households", households] + store)
        #expect(plan.status == 0, "\(plan.output)")
        let run = try await WorkerProcessTests.run(["stats", "--site", "NJ-01", "--month", "2026-12", "--now", "2026-12-28", "--json"] + store)
        #expect(run.status == 0, "\(run.output)")
        let stats = try JSONDecoder().decode(SiteStats.self, from: Data(run.output.utf8))
        // 4 forms out, none back by the deadline: 60 points short of 60%, 5 points each.
        #expect(stats.survey?.sent == 4 && stats.survey?.returned == 0)
        #expect(stats.survey?.penaltyPoints == 300)
        // Figures given by hand still win.
        let given = try await WorkerProcessTests.run([
            "stats", "--site", "NJ-01", "--month", "2026-12", "--survey-sent", "10", "--survey-returned", "7", "--json"] + store)
        #expect(try JSONDecoder().decode(SiteStats.self, from: Data(given.output.utf8)).survey?.penaltyPoints == 0)
    }

    /// Issue 14, one notion of time: under --time-scale the read commands judge "now" by
    /// the server's clock (recorded in the store), and say so; a 15-minute deadline that
    /// has passed in server time is late in `wo overdue` though little wall time went by.
    @Test(.timeLimit(.minutes(3)))
    func readCommandsJudgeNowByTheRunningServersClock() async throws {
        let server = try await ServerHarness.start()
        try await server.publishIntake(Fixtures.repairIntake(), kind: "repair", messageID: "clock-1")
        let order = try await server.order(intake: "clock-1")
        let store = ["--store", server.storeLocation, "--workflows", BrokerTestEnvironment.packageRoot + "/workflows"]
        let calm = try await WorkerProcessTests.run(["overdue", "--json"] + store)
        #expect(calm.status == 0 && !calm.output.contains(order), "\(calm.output)")
        // The server's clock: 3,600× since a minute ago, an hour of server time per second.
        let wall = WorkClock.wallNow().millisecondsSinceEpoch
        try await server.store.recordServerClock(ServerClockRecord(wallOriginMs: wall - 60_000, scaledOriginMs: wall - 60_000, scale: 3_600))
        let late = try await WorkerProcessTests.run(["overdue", "--json"] + store)
        #expect(late.status == 0 && late.output.contains(order), "\(late.output)")
        #expect(late.output.contains("judging time by the running server's clock (×3600"))
        try await server.store.recordServerClock(nil)
        try await server.stop()
    }
}
