import Testing

/// Every rule of RULES.md is tested or left to people with a reason (issue 3, item 5).
@Suite struct RuleCoverageTests {
    @Test(.enabled(if: RuleCoverage.specExists, "../shared/spec/RULES.md is not beside this checkout; rule coverage cannot be checked"))
    func everyRuleHasATestOrAReasonItIsLeftToPeople() throws {
        let report = try RuleCoverage.checkRepository()
        #expect(report.rules.count > 50, "found only \(report.rules.count) rule IDs in \(RuleCoverage.specFile.path); has its format changed?")
        if !report.failures.isEmpty {
            Issue.record(Comment(rawValue: report.message))
        }
    }

    // MARK: - The parsing behind it, on made-up rules (prefix XQ, so this file's own
    // text never counts as covering a real rule).

    static let spec = """
        ## Things
        - **XQ-01** First rule, with a long text that goes on and on so that the summary has to be cut short somewhere.
        - **XQ-02** Second rule. Refers to **XQ-01** again and to **not an id**.
        - **XQ-03** Third rule.
        - **XQ-04** Fourth rule.
        """

    @Test func ruleIDsAreTheBoldIDsOfTheSpecOnce() {
        let rules = RuleCoverage.rules(inSpec: Self.spec)
        #expect(rules.map(\.id) == ["XQ-01", "XQ-02", "XQ-03", "XQ-04"])
        #expect(rules[1].summary == "Second rule. Refers to **XQ-01** again and to **not an id**. …")
        #expect(rules[0].summary.hasSuffix("…"))
    }

    @Test func testNamesCountOnlyInFunctionNames() {
        let source = """
            @Test func test_XQ_01_firstRule() {}
            @Test func XQ_02_and_XQ_03() {}
            func testXQ_04() {}
            func parse_UTF_8() {}
            let XQ_05 = "func"  // not a function name
            funcXQ_06() // not a declaration
            """
        #expect(RuleCoverage.ruleIDsInFunctionNames(source, prefixes: ["XQ"]) == ["XQ-01", "XQ-02", "XQ-03", "XQ-04"])
    }

    @Test func peopleListRowsNeedAReason() {
        let markdown = """
            | Rule | Why it is left to people |
            |------|--------------------------|
            | XQ-01 | a person judges it |
            | **XQ-02**, `XQ-03` | shared reason |
            | XQ-04 |  |
            """
        let entries = RuleCoverage.peopleEntries(in: markdown)
        #expect(entries.map(\.id) == ["XQ-01", "XQ-02", "XQ-03", "XQ-04"])
        #expect(entries.map(\.reason) == ["a person judges it", "shared reason", "shared reason", ""])
        #expect(entries.last?.line == 5)
    }

    @Test func theCheckNamesEachMissingRule() {
        let tests = "@Test func XQ_01_tested() {}\n@Test func XQ_99_typo() {}"
        let people = "| XQ-02 | a person judges it |\n| XQ-04 | |\n| XQ-77 | unknown |"
        let report = RuleCoverage.check(spec: Self.spec, testSources: [tests], peopleList: people)
        #expect(report.failures.count == 4)
        #expect(report.failures[0].hasPrefix("Rules in RULES.md with neither a test named after them nor a reason in docs/rules-left-to-people.md (1 of 4):\n  XQ-03  Third rule. …\n"))
        #expect(report.failures[1].hasPrefix("Rules listed in docs/rules-left-to-people.md without a reason, and with no test named after them (1):\n  XQ-04  (line 2)\n"))
        #expect(report.failures[2] == "Tests are named after rule IDs that RULES.md does not define (a typo?): XQ_99")
        #expect(report.failures[3] == "docs/rules-left-to-people.md lists rule IDs that RULES.md does not define (a typo?):\n  XQ-77  (line 3)")
    }

    @Test func anEmptyReasonIsFineWhenATestCoversTheRule() {
        let tests = "func XQ_01_a() {}\nfunc XQ_02_b() {}\nfunc XQ_03_c() {}\nfunc XQ_04_d() {}"
        let report = RuleCoverage.check(spec: Self.spec, testSources: [tests], peopleList: "| XQ-04 | |")
        #expect(report.failures.isEmpty)
    }

    @Test func aMissingPeopleListIsSaid() {
        let report = RuleCoverage.check(spec: Self.spec, testSources: [], peopleList: nil)
        #expect(report.failures.first?.contains("(that file does not exist)") == true)
    }
}
