import Foundation
import WorkOrderCore
import WorkflowPolicy
@testable import WorkOrderCampaigns

/// The repository's own policy folder, so the tests plan with the numbers and the
/// 2026 calendar the server uses.
let policy: PolicySet = {
    let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("workflows").path
    do {
        return try PolicyLoader.load(directory: folder)
    } catch {
        fatalError("workflows/ does not load: \(error)")
    }
}()

let calendar = policy.calendar(forSite: "garden-court")

/// `count` households: buildings of 2 units × 5 floors × 5 rooms.
func households(_ count: Int) -> [Household] {
    (0..<count).map { i in
        Household(building: "\(i / 50 + 1)", unit: "\(i / 25 % 2 + 1)", room: "\(i / 5 % 5 + 1)0\(i % 5 + 1)")
    }
}

func day(_ year: Int, _ month: Int, _ day: Int) -> CivilDate { CivilDate(year: year, month: month, day: day) }

/// Local `hour:minute` on the given day at the test site.
func at(_ year: Int, _ month: Int, _ d: Int, _ hour: Int, _ minute: Int = 0) -> Instant {
    calendar.instant(on: day(year, month, d), at: LocalTime(hour: hour, minute: minute))
}

func local(_ instant: Instant) -> String { calendar.localDescription(of: instant) }

func period(_ text: String) -> CampaignPeriod { CampaignPeriod(parsing: text)! }
