import Testing
import WorkOrderCore
@testable import WorkOrderCampaigns

@Suite struct ParsingTests {
    @Test func periodsReadAndPrintAsPeopleWriteThem() {
        for text in ["2026-06-15", "2026-06", "2026-Q3", "2026-H2", "2026"] {
            #expect(CampaignPeriod(parsing: text)?.description == text)
        }
        #expect(CampaignPeriod(parsing: "2026-h1") == .half(year: 2026, half: 1))
        for bad in ["2026-13", "2026-Q5", "2026-H3", "26-06", "2026-06-31", "", "2026-6"] {
            #expect(CampaignPeriod(parsing: bad) == nil, "\(bad)")
        }
        #expect(period("2026-Q1").lastDay == day(2026, 3, 31))
        #expect(period("2026-H2").firstDay == day(2026, 7, 1))
        #expect(period("2026-Q1").previous == period("2025-Q4"))
        #expect(period("2028-02").lastDay == day(2028, 2, 29))
    }

    @Test func householdListsSkipCommentsAndRefuseDuplicates() throws {
        let list = try HouseholdList.parse("# garden court\r\n3-2-501\r\n\n 3-2-502 \n")
        #expect(list.map(\.description) == ["3-2-501", "3-2-502"])
        #expect(throws: HouseholdListError(line: 3, message: "3-2-501 is already listed on line 1")) {
            try HouseholdList.parse("3-2-501\n3-2-502\n3-2-501\n")
        }
        #expect(throws: HouseholdListError(line: 1, message: "'3-2' is not building-unit-room (e.g. 3-2-501)")) {
            try HouseholdList.parse("3-2\n")
        }
    }
}
