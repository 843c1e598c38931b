import Basics
import Testing

@Suite struct ISO8601Tests {
    @Test func datesAndTimesAsInputsWriteThem() {
        #expect(ISO8601.parse("2026-05-18") == .init(epochMilliseconds: 1_779_062_400_000, hasTime: false))
        #expect(ISO8601.parse("2026-05-18T14:05Z")?.epochMilliseconds == 1_779_113_100_000)
        #expect(ISO8601.parse("2026-05-18 14:05:30.25+02:00")?.epochMilliseconds == 1_779_105_930_250)
        #expect(ISO8601.parse("2026-05-18T14:05:30.123456789Z")?.epochMilliseconds == 1_779_113_130_123)
        #expect(ISO8601.parse("  2026-05-18t14:05:30+0200\n")?.hasTime == true)
        #expect(ISO8601.parse("1969-12-31T23:59:59.5Z")?.epochSeconds == -1)
    }

    /// The monitoring reader used to take the 31st of February; the front matter's did not.
    @Test func daysAreCheckedAgainstTheirMonth() {
        #expect(ISO8601.parse("2026-02-31") == nil)
        #expect(ISO8601.parse("2026-02-29T00:00:00Z") == nil)
        #expect(ISO8601.parse("2028-02-29T00:00:00Z") != nil)
        #expect(ISO8601.parse("2026-04-31") == nil)
    }

    @Test func malformedTimesAreRefused() {
        for text in [
            "2026-5-18", "2026-05-18T", "2026-05-18T24:00Z", "2026-05-18T12:60Z", "2026-05-18T12:00:00.Z",
            "2026-05-18T12:00Q", "2026-13-01", "20260518", "",
        ] {
            #expect(ISO8601.parse(text) == nil, "\(text)")
        }
    }
}

@Suite struct SlugTests {
    @Test func headingsAsGitHubMakesThem() {
        #expect(slug("Set up: the *first* run!") == "set-up-the-first-run")
        #expect(slug("Über `code`") == "über-code")
        #expect(slug("!!!") == "section")
    }

    @Test func namesAndPaths() {
        #expect(anchorSlug("Scoring API (v2)") == "scoring-api--v2-")
        #expect(pathSlug("report/Data notes") == "report-Data-notes")
        #expect(pathSlug("a_b-c") == "a_b-c")
    }
}

@Suite struct TextTests {
    @Test func trimming() {
        #expect(" \t a b \r\n".trimmingSpaces == "a b")
        #expect("---  \r".trimmingTrailingSpace == "---")
        #expect("".trimmingSpaces == "")
    }

    @Test func escaping() {
        #expect(markupEscape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(jsonString("a\"b\n</script>") == "\"a\\\"b\\n\\u003c/script\\u003e\"")
        #expect(jsonString("</p>", scriptSafe: false) == "\"</p>\"")
    }

    @Test func numbersDurationsPercentsAges() {
        #expect(formatNumber(0.30000000000000004) == "0.3")
        #expect(formatNumber(1_840_000) == "1840000")
        #expect(parseDuration("1h30m") == 5400)
        #expect(parseDuration("7") == nil)
        #expect(formatDuration(604_800) == "7d")
        #expect(formatDuration(86_400) == "24h")
        #expect(percentText(0.998) == "99.80%")
        #expect(percentText(0.99901) == "99.901%")
        #expect(percentText(1) == "100%")
        #expect(ageText(30) == "less than a minute")
        #expect(ageText(3 * 3600 + 300) == "3 h 5 min")
        #expect(ageText(5 * 86400) == "5 days")
    }

    @Test func readableNumbersHaveSeparatorsAndNoExponents() {
        #expect(readableNumber(48102) == "48,102")
        #expect(readableNumber(1.61e-4) == "0.000161")
        #expect(readableNumber(0.21864) == "0.2186")
        #expect(readableNumber(1_234_567.8) == "1,234,568")
        #expect(readableNumber(-12.3456) == "-12.35")
        #expect(readableNumber(0) == "0")
        #expect(readableNumber(-0.00001, significant: 1) == "-0.00001")
        #expect(groupedNumber(1234.5, decimals: 2) == "1,234.50")
        #expect(groupedNumber(-0.001, decimals: 2) == "0.00")
    }

    @Test func compactTextKeepsEveryByte() {
        var built = ""
        for i in 0..<5000 { built += "<p>안녕 \(i) — 🙂</p>\n" }
        let compact = compactText(built)
        #expect(compact == built)
        #expect(Array(compact.utf8) == Array(built.utf8))
        #expect(compactText("") == "")
    }
}

@Suite struct FileSizeTextTests {
    @Test func bytesUpToAKibibyteThenThreeSignificantDigits() {
        #expect(fileSizeText(0) == "0 B")
        #expect(fileSizeText(1023) == "1023 B")
        #expect(fileSizeText(1024) == "1 KiB")
        #expect(fileSizeText(6875) == "6.71 KiB")
        #expect(fileSizeText(4_404_019) == "4.2 MiB")
        #expect(fileSizeText(3 * 1024 * 1024 * 1024) == "3 GiB")
    }
}
