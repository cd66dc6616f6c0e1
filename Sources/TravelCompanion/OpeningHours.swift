/// A place's weekly opening hours: for each weekday, the minute ranges it is open.
///
/// Parses the forms found in the data: `11:00-21:00`, `Mo-Fr 11:00-22:00; Sa,Su 10:00-23:00`, `daily 24h`,
/// CrossWOZ's `周一至周日 11:00-14:00 17:00-21:00`, `周六,周日 全天`, `18:00-次日02:00`. Date-bound closures
/// (`非营业时段 ...`) are ignored.
public struct OpeningHours: Sendable, Equatable {
    /// Index 0 is Monday; ranges are minutes since midnight, end exclusive, never past 1440.
    public var days: [[Range<Int>]]
    /// The text the hours were parsed from.
    public var text: String

    public init(days: [[Range<Int>]], text: String) {
        self.days = days
        self.text = text
    }

    /// Open around the clock every day.
    public static let always = OpeningHours(days: Array(repeating: [0..<1440], count: 7), text: "24/7")

    /// True when open at `minute` (0..<1440) of `weekday` (0 = Monday).
    public func isOpen(weekday: Int, minute: Int) -> Bool {
        days[((weekday % 7) + 7) % 7].contains { $0.contains(minute) }
    }

    /// Minutes until closing from `minute` of `weekday`, or `nil` when closed then (a range running to
    /// midnight continues into the next day's range starting at 0).
    public func minutesOpenLeft(weekday: Int, minute: Int) -> Int? {
        let d = ((weekday % 7) + 7) % 7
        guard let r = days[d].first(where: { $0.contains(minute) }) else { return nil }
        var left = r.upperBound - minute
        if r.upperBound == 1440, let next = days[(d + 1) % 7].first(where: { $0.lowerBound == 0 }) {
            left += next.upperBound
        }
        return left
    }

    static let chineseDays: [Character: Int] = ["一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6]
    static let latinDays: [String: Int] = [
        "mo": 0, "mon": 0, "tu": 1, "tue": 1, "we": 2, "wed": 2, "th": 3, "thu": 3, "fr": 4, "fri": 4,
        "sa": 5, "sat": 5, "su": 6, "sun": 6, "di": 1, "mi": 2, "do": 3, "so": 6,
    ]

    /// Parses opening hours text; `nil` when it cannot be read (`parse(_:)` says why).
    public init?(parsing raw: String) {
        guard let hours = try? Self.parse(raw) else { return nil }
        self = hours
    }

    /// Parses OpenStreetMap `opening_hours` (`Mo-Fr 11:30-14:30,17:30-22:00; Sa,Su 12:00-22:00; PH off`, `24/7`)
    /// and the Chinese forms of CrossWOZ (`周一至周日 11:00-14:00 17:00-21:00`, `18:00-次日02:00`).
    public static func parse(_ raw: String) throws(OpeningHoursError) -> OpeningHours {
        if raw.unicodeScalars.contains(where: { $0.value >= 0x2E80 }) {
            guard let hours = OpeningHours(chinese: raw) else {
                throw OpeningHoursError(text: raw, offset: 0, reason: "no time range")
            }
            return hours
        }
        var parser = OSMHoursParser(raw)
        return try parser.parse()
    }

    /// The loose reader for CrossWOZ's Chinese hours; `nil` when no time range or all-day marker is found.
    init?(chinese raw: String) {
        var text = raw
        if let cut = text.firstRange(of: "非营业时段") { text = String(text[..<cut.lowerBound]) }
        // Seasons: keep the first season's hours only.
        if text.contains("季") {
            let parts = text.split(separator: " ").map(String.init)
            var kept: [String] = []
            var seasons = 0
            for p in parts {
                if p.contains("季") { seasons += 1; if seasons > 1 { break }; continue }
                kept.append(p)
            }
            text = kept.joined(separator: " ")
        }
        let substitutions: [Character: Character] = [
            "：": ":", "–": "-", "—": "-", "~": "-", "至": "-", "，": ",", ";": " ", "、": ",",
        ]
        text = String(text.map { substitutions[$0] ?? $0 })
        while text.contains(" -") { text = text.replacing(" -", with: "-") }
        while text.contains("- ") { text = text.replacing("- ", with: "-") }
        var days = Array(repeating: [Range<Int>](), count: 7)
        var currentDays = Set(0..<7)
        var any = false
        let chars = Array(text.lowercased())
        var i = 0
        func addRange(_ start: Int, _ end: Int) {
            any = true
            for d in currentDays {
                if end > start {
                    days[d].append(start..<min(end, 1440))
                } else {
                    // Past midnight: the evening on this day, the early hours on the next.
                    days[d].append(start..<1440)
                    if end > 0 { days[(d + 1) % 7].append(0..<end) }
                }
            }
        }
        func readTime(_ j: inout Int) -> Int? {
            var k = j
            var h = 0
            var digits = 0
            while k < chars.count, let v = chars[k].wholeNumberValue, chars[k].isASCII, digits < 2 {
                h = h * 10 + v; k += 1; digits += 1
            }
            guard digits > 0, k < chars.count, chars[k] == ":" else { return nil }
            k += 1
            var m = 0
            var md = 0
            while k < chars.count, let v = chars[k].wholeNumberValue, chars[k].isASCII, md < 2 {
                m = m * 10 + v; k += 1; md += 1
            }
            guard md == 2, h <= 24, m < 60 else { return nil }
            j = k
            return h * 60 + m
        }
        func newDaySpec(_ set: Set<Int>) { currentDays = set }
        while i < chars.count {
            let c = chars[i]
            if c == "周" || c == "星" {
                // 周一-周日, 周六,周日, 星期一
                var set = Set<Int>()
                var j = i
                var last: Int? = nil
                var rangeFrom: Int? = nil
                while j < chars.count {
                    if chars[j] == "周" { j += 1; continue }
                    if chars[j] == "星", j + 1 < chars.count, chars[j + 1] == "期" { j += 2; continue }
                    if let d = Self.chineseDays[chars[j]] {
                        if let from = rangeFrom {
                            var x = from
                            while true { set.insert(x); if x == d { break }; x = (x + 1) % 7 }
                            rangeFrom = nil
                        } else {
                            set.insert(d)
                        }
                        last = d
                        j += 1
                        continue
                    }
                    if chars[j] == "-", let l = last, j + 1 < chars.count, chars[j + 1] == "周" || chars[j + 1] == "星" {
                        rangeFrom = l; j += 1; continue
                    }
                    if chars[j] == "," || chars[j] == " " {
                        if j + 1 < chars.count, chars[j + 1] == "周" { j += 1; continue }
                    }
                    break
                }
                if !set.isEmpty { newDaySpec(set) }
                i = max(j, i + 1)
                continue
            }
            if c.isLetter, c.isASCII {
                var j = i
                var word = ""
                while j < chars.count, chars[j].isLetter, chars[j].isASCII { word.append(chars[j]); j += 1 }
                if word == "daily" || word == "everyday" || word == "täglich" {
                    newDaySpec(Set(0..<7))
                } else if let d = Self.latinDays[word] {
                    var set: Set<Int> = [d]
                    var lastDay = d
                    var k = j
                    while k < chars.count, chars[k] == "-" || chars[k] == "," {
                        let sep = chars[k]
                        var w2 = ""
                        var m = k + 1
                        while m < chars.count, chars[m].isLetter, chars[m].isASCII { w2.append(chars[m]); m += 1 }
                        guard let d2 = Self.latinDays[w2] else { break }
                        if sep == "-" {
                            var y = lastDay
                            while true { set.insert(y); if y == d2 { break }; y = (y + 1) % 7 }
                        } else {
                            set.insert(d2)
                        }
                        lastDay = d2
                        k = m
                    }
                    newDaySpec(set)
                    j = k
                }
                i = j
                continue
            }
            if c == "全", i + 1 < chars.count, chars[i + 1] == "天" {
                addRange(0, 1440); i += 2; continue
            }
            if c.isASCII, c.isNumber {
                var j = i
                if let start = readTime(&j) {
                    var k = j
                    while k < chars.count, chars[k] == " " { k += 1 }
                    if k < chars.count, chars[k] == "-" {
                        k += 1
                        while k < chars.count, chars[k] == " " { k += 1 }
                        var nextDay = false
                        if k + 1 < chars.count, chars[k] == "次", chars[k + 1] == "日" { k += 2; nextDay = true }
                        if let end = readTime(&k) {
                            addRange(start, nextDay && end >= start ? end : (end == 0 ? 1440 : end))
                            i = k
                            continue
                        }
                    }
                    i = j
                    continue
                }
                // "24h", "24小时"
                var n = 0
                var k = i
                while k < chars.count, chars[k].isASCII, let v = chars[k].wholeNumberValue { n = n * 10 + v; k += 1 }
                if n == 24, k < chars.count, chars[k] == "h" || chars[k] == "小" {
                    addRange(0, 1440)
                }
                i = k
                continue
            }
            i += 1
        }
        guard any else { return nil }
        self.days = days.map { ranges in
            // Merge overlaps so that lookups and "closes in" stay simple.
            let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
            var out: [Range<Int>] = []
            for r in sorted {
                if let last = out.last, r.lowerBound <= last.upperBound {
                    out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
                } else {
                    out.append(r)
                }
            }
            return out
        }
        self.text = raw
    }
}

/// Why an opening hours text could not be read, and where.
public struct OpeningHoursError: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: String
    /// Character offset of the problem, from 0.
    public var offset: Int
    public var reason: String

    public var description: String { "\"\(text)\" at character \(offset + 1): \(reason)" }
}

/// A reader for the part of OpenStreetMap's `opening_hours` syntax that a weekday and a clock can decide:
/// rule sequences (`;` overrides, `,` adds, `||` falls back), weekday selectors with ranges and lists,
/// time spans with `,` (spaces are tolerated too), spans past midnight (`18:00-02:00`, `26:00`), open ends
/// (`17:00+`, read as four hours), `24/7`, `off`/`closed`/`open`, comments in quotes. Rules bound to public
/// or school holidays (`PH`, `SH`) and to dates, months or weeks are skipped: the car's clock gives the
/// weekday, not the holiday calendar. `sunrise`/`sunset` and `unknown` make the hours unknown.
struct OSMHoursParser {
    let raw: String
    let chars: [Character]
    var i = 0

    init(_ raw: String) {
        self.raw = raw
        chars = Array(raw)
    }

    static let days: [String: Int] = [
        "mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6, "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4,
        "sat": 5, "sun": 6, "di": 1, "mi": 2, "do": 3, "so": 6,
    ]
    static let months: Set<String> = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    func fail(_ reason: String, at offset: Int? = nil) -> OpeningHoursError {
        OpeningHoursError(text: raw, offset: min(offset ?? i, max(0, chars.count - 1)), reason: reason)
    }

    mutating func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }

    func peekWord() -> String {
        var j = i
        var w = ""
        while j < chars.count, chars[j].isLetter, chars[j].isASCII { w.append(chars[j]); j += 1 }
        return w.lowercased()
    }

    mutating func parse() throws(OpeningHoursError) -> OpeningHours {
        var days = Array(repeating: [Range<Int>](), count: 7)
        var decided = Array(repeating: false, count: 7)
        var anyRule = false
        var separator = ";"
        skipSpaces()
        guard i < chars.count else { throw fail("empty") }
        while i < chars.count {
            let rule = try parseRule()
            if let rule {
                anyRule = true
                for d in rule.days {
                    switch separator {
                    case ";":
                        days[d] = rule.ranges
                    case "||":
                        if !decided[d] { days[d] = rule.ranges }
                    default:
                        days[d] += rule.ranges
                    }
                    decided[d] = true
                }
                for (d, r) in rule.nextDay { if separator != "||" || !decided[d] { days[d] += r } }
            }
            skipSpaces()
            guard i < chars.count else { break }
            if chars[i] == ";" {
                separator = ";"; i += 1
            } else if chars[i] == "|", i + 1 < chars.count, chars[i + 1] == "|" {
                separator = "||"; i += 2
            } else if chars[i] == "," {
                separator = ","; i += 1
            } else {
                throw fail("expected ';' between rules, found '\(chars[i])'")
            }
            skipSpaces()
        }
        guard anyRule else { throw fail("every rule depends on holidays or dates, which the car's clock cannot tell", at: 0) }
        let merged = days.map { ranges -> [Range<Int>] in
            var out: [Range<Int>] = []
            for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !r.isEmpty {
                if let last = out.last, r.lowerBound <= last.upperBound {
                    out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
                } else {
                    out.append(r)
                }
            }
            return out
        }
        return OpeningHours(days: merged, text: raw)
    }

    struct Rule {
        var days: [Int]
        var ranges: [Range<Int>]
        /// Early-morning parts of spans past midnight, on the following days.
        var nextDay: [(Int, [Range<Int>])]
    }

    /// One rule; `nil` when it is skipped (holidays, dates).
    mutating func parseRule() throws(OpeningHoursError) -> Rule? {
        skipSpaces()
        var skip = false
        var selected: Set<Int>? = nil
        // 24/7
        if i + 3 < chars.count, String(chars[i..<(i + 4)]) == "24/7" {
            i += 4
            return Rule(days: Array(0..<7), ranges: [0..<1440], nextDay: [])
        }
        // Wide-range selectors: years, months, dates, weeks. Skipped (with their rule).
        while i < chars.count {
            let w = peekWord()
            if Self.months.contains(String(w.prefix(3))), w.count <= 9, Self.days[w] == nil {
                // "Apr-Oct:", "Dec 24-26", "Jan 01": skip up to the weekdays, times or modifier of the rule.
                skip = true
                i += w.count
                while i < chars.count, chars[i] != ";", !atClock() {
                    let next = peekWord()
                    if !next.isEmpty, Self.days[next] != nil || ["off", "closed", "open", "ph", "sh"].contains(next) { break }
                    i += max(1, next.count)
                }
                skipSpaces()
                continue
            }
            if w == "week" {
                skip = true
                i += 4
                while i < chars.count, chars[i] == " " || chars[i].isNumber || chars[i] == "-" || chars[i] == "," || chars[i] == "/" {
                    i += 1
                }
                skipSpaces()
                continue
            }
            if i + 3 < chars.count, chars[i...(i + 3)].allSatisfy({ $0.isASCII && $0.isNumber }),
                i + 4 == chars.count || !(chars[i + 4] == ":")
            {
                // A year.
                skip = true
                i += 4
                while i < chars.count, chars[i] == "-" || chars[i].isNumber || chars[i] == "+" { i += 1 }
                skipSpaces()
                continue
            }
            break
        }
        // Weekday selector, with holidays.
        while i < chars.count {
            let w = peekWord()
            if w == "ph" || w == "sh" {
                if selected == nil { skip = true }
                i += 2
                if i < chars.count, chars[i] == " ", i + 1 < chars.count, chars[i + 1].isNumber { i += 1 }
                // "PH +1 day", offsets: skipped with the holiday.
                while i < chars.count, chars[i] == "+" || chars[i] == "-" || chars[i].isNumber { i += 1 }
                if peekWord() == "day" || peekWord() == "days" { i += peekWord().count }
            } else if w == "daily" || w == "everyday" || w == "täglich" {
                selected = Set(0..<7)
                skip = false
                i += w.count
            } else if let d = Self.days[w] {
                var set = selected ?? []
                i += w.count
                var last = d
                set.insert(d)
                if i < chars.count, chars[i] == "[" { throw fail("nth weekday selectors ('Mo[1]') are not supported") }
                if i < chars.count, chars[i] == "-" {
                    let w2Start = i + 1
                    i += 1
                    let w2 = peekWord()
                    guard let d2 = Self.days[w2] else { throw fail("'\(w2)' is not a weekday", at: w2Start) }
                    i += w2.count
                    var x = d
                    while true { set.insert(x); if x == d2 { break }; x = (x + 1) % 7 }
                    last = d2
                }
                _ = last
                selected = set
                skip = false
            } else {
                break
            }
            if i < chars.count, chars[i] == ",", i + 1 < chars.count,
                Self.days[peekWord(at: i + 1)] != nil || ["ph", "sh"].contains(peekWord(at: i + 1))
            {
                i += 1
                continue
            }
            break
        }
        skipSpaces()
        if i < chars.count, chars[i] == ":" { i += 1; skipSpaces() }
        // Times or a modifier.
        var ranges: [Range<Int>] = []
        var nextDay: [Range<Int>] = []
        var sawTime = false
        var modifier: String? = nil
        while i < chars.count {
            skipSpaces()
            guard i < chars.count else { break }
            let c = chars[i]
            if c.isASCII, c.isNumber {
                let start = try readClock()
                var end: Int
                if i < chars.count, chars[i] == "+" {
                    i += 1
                    end = start + 240
                } else {
                    guard i < chars.count, chars[i] == "-" else { throw fail("a time needs a range ('17:00-22:00')") }
                    i += 1
                    let endOffset = i
                    if i < chars.count, !chars[i].isNumber {
                        let w = peekWord()
                        throw fail(w.isEmpty ? "expected an end time" : "'\(w)' times are not supported", at: endOffset)
                    }
                    end = try readClock(allowPastMidnight: true)
                    if i < chars.count, chars[i] == "+" { i += 1 }
                }
                if end <= start { end += 1440 }
                ranges.append(start..<min(end, 1440))
                if end > 1440 { nextDay.append(0..<min(end - 1440, 1440)) }
                sawTime = true
                // "17:30-22:00,18:00-..." or the tolerated space-separated list.
                if i < chars.count, chars[i] == ",", i + 1 < chars.count, chars[i + 1].isNumber { i += 1; continue }
                var j = i
                while j < chars.count, chars[j] == " " { j += 1 }
                if j > i, j < chars.count, chars[j].isNumber, j + 2 < chars.count, chars[j + 1] == ":" || chars[j + 2] == ":" {
                    i = j
                    continue
                }
                continue
            }
            if c == "\"" {
                // A comment.
                i += 1
                while i < chars.count, chars[i] != "\"" { i += 1 }
                guard i < chars.count else { throw fail("unterminated comment") }
                i += 1
                continue
            }
            let w = peekWord()
            if ["off", "closed", "open", "unknown"].contains(w) {
                modifier = w
                i += w.count
                continue
            }
            if ["sunrise", "sunset", "dawn", "dusk"].contains(w) { throw fail("'\(w)' times are not supported") }
            break
        }
        skipSpaces()
        if i < chars.count, chars[i] != ";", chars[i] != ",", chars[i] != "|" {
            let w = peekWord()
            throw fail(w.isEmpty ? "unexpected '\(chars[i])'" : "'\(w)' is not a weekday, time or modifier")
        }
        if modifier == "unknown" { throw fail("the hours say 'unknown'") }
        if skip { return nil }
        let days = Array(selected ?? Set(0..<7)).sorted()
        if modifier == "off" || modifier == "closed" { return Rule(days: days, ranges: [], nextDay: []) }
        if !sawTime {
            guard selected != nil || modifier == "open" else { throw fail("a rule needs weekdays or times", at: max(0, i - 1)) }
            ranges = [0..<1440]
        }
        let following = nextDay.isEmpty ? [] : days.map { (($0 + 1) % 7, nextDay) }
        return Rule(days: days, ranges: ranges, nextDay: following)
    }

    func peekWord(at j0: Int) -> String {
        var j = j0
        var w = ""
        while j < chars.count, chars[j].isLetter, chars[j].isASCII { w.append(chars[j]); j += 1 }
        return w.lowercased()
    }

    /// True when a clock time ("9:00", "10:00") starts at `i`.
    func atClock() -> Bool {
        guard i < chars.count, chars[i].isNumber else { return false }
        if i + 1 < chars.count, chars[i + 1] == ":" { return true }
        return i + 2 < chars.count && chars[i + 1].isNumber && chars[i + 2] == ":"
    }

    /// `HH:MM` (hours up to 24, or up to 48 past midnight for an end).
    mutating func readClock(allowPastMidnight: Bool = false) throws(OpeningHoursError) -> Int {
        let start = i
        var h = 0
        var digits = 0
        while i < chars.count, chars[i].isASCII, let v = chars[i].wholeNumberValue, digits < 2 { h = h * 10 + v; i += 1; digits += 1 }
        guard digits > 0 else { throw fail("expected a time") }
        guard i < chars.count, chars[i] == ":" else { throw fail("expected ':' in a time (HH:MM)", at: start) }
        i += 1
        var m = 0
        var md = 0
        while i < chars.count, chars[i].isASCII, let v = chars[i].wholeNumberValue, md < 2 { m = m * 10 + v; i += 1; md += 1 }
        guard md == 2 else { throw fail("minutes need two digits", at: start) }
        guard m < 60 else { throw fail("minute \(m) is out of range", at: start) }
        guard h <= (allowPastMidnight ? 48 : 24) else { throw fail("hour \(h) is out of range", at: start) }
        return h * 60 + m
    }
}
