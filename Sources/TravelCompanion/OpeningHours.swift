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

    /// Parses opening hours text; `nil` when no time range or all-day marker is found.
    public init?(parsing raw: String) {
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
