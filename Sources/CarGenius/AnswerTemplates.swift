import Speech

/// Answer templates per language (Resources/templates-*.json), and the formatting of quantities for a locale.
enum AnswerTemplates {
    private static let englishFile = DataFile.load(try TemplateData(.templates(.en)))
    static let english = englishFile.templates
    static let german = DataFile.load(try TemplateData(.templates(.de))).templates
    static let chinese = DataFile.load(try TemplateData(.templates(.zh))).templates
    /// en-GB answers use British words for the same templates (from templates-en.json).
    static let britishWords = englishFile.britishWords

    static func table(_ language: Language) -> [String: String] {
        switch language {
        case .en: english
        case .de: german
        case .zh: chinese
        }
    }
}

/// Formats values, lists, ages and durations for one locale, from templates.
struct Phrasing: Sendable {
    let locale: GeniusLocale
    let table: [String: String]
    let numbers: NumberStyle
    /// A distance unit the driver asked for ("how many kilometers can I drive" in en-US); `nil`: the locale's.
    var distanceUnit: DistanceUnit? = nil
    /// A pressure unit the driver asked for ("the tire pressure in bar"); `nil`: the locale's.
    var pressureUnit: PressureUnit? = nil
    /// A temperature unit the driver asked for ("in celsius" in en-US); `nil`: the locale's.
    var fahrenheit: Bool? = nil

    init(_ locale: GeniusLocale) {
        self.locale = locale
        self.table = AnswerTemplates.table(locale.language)
        self.numbers = NumberStyle(locale)
    }

    func text(_ key: String) -> String {
        table[key] ?? AnswerTemplates.english[key] ?? key
    }

    /// Fills `{name}` placeholders; the first letter of the sentence is upper-cased.
    func fill(_ key: String, _ slots: [String: String] = [:], capitalize: Bool = true) -> String {
        var out = ""
        let template = Array(text(key))
        var i = 0
        while i < template.count {
            if template[i] == "{", let close = template[i...].firstIndex(of: "}") {
                let name = String(template[(i + 1)..<close])
                out += slots[name] ?? ""
                i = close + 1
            } else {
                out.append(template[i])
                i += 1
            }
        }
        if capitalize, let first = out.first, first.isLowercase {
            out = first.uppercased() + out.dropFirst()
        }
        return out
    }

    /// Sentences joined into one: "A; b; c." (the first letter of later clauses lowered, except in Chinese).
    func joinClauses(_ sentences: [String]) -> String {
        let zh = locale == .zhCN
        var parts: [String] = []
        for (i, s) in sentences.enumerated() {
            var clause = s
            if let last = clause.last, ".。".contains(last) { clause.removeLast() }
            if i > 0, !zh, let first = clause.first { clause = first.lowercased() + clause.dropFirst() }
            parts.append(clause)
        }
        return parts.joined(separator: zh ? "；" : "; ") + (zh ? "。" : ".")
    }

    func join(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default:
            return items.dropLast().joined(separator: text("list.sep")) + text("list.and") + items[items.count - 1]
        }
    }

    /// A value in the locale's unit: "320 miles", "2,3 bar", "72°F", "80 %", "12.4 V".
    func quantity(_ value: Double, kind: QuantityKind, vssUnit: String?) -> String {
        let zh = locale == .zhCN
        let de = locale == .deDE
        switch kind {
        case .distance:
            let metres = UnitMath.metres(value, vssUnit: vssUnit ?? "m")
            if (distanceUnit ?? locale.distanceUnit) == .mile {
                let miles = metres / UnitMath.metresPerMile
                let n = numbers.format(miles)
                switch locale.language {
                case .en: return n == "1" ? "\(n) mile" : "\(n) miles"
                case .de: return n == "1" ? "\(n) Meile" : "\(n) Meilen"
                case .zh: return n + "英里"
                }
            }
            return numbers.format(metres / 1000) + (zh ? "公里" : " km")
        case .temperature:
            if fahrenheit ?? locale.usesFahrenheit { return numbers.format(UnitMath.fahrenheit(celsius: value)) + "°F" }
            return numbers.format(value) + (de ? " °C" : "°C")
        case .percent:
            return numbers.format(value) + (de ? " %" : "%")
        case .speed:
            if (distanceUnit ?? locale.distanceUnit) == .mile { return numbers.format(UnitMath.mph(kmh: value)) + " mph" }
            return numbers.format(value) + (zh ? "公里/小时" : " km/h")
        case .voltage:
            return numbers.format(value, decimals: 1) + " V"
        case .pressure:
            let value = UnitMath.kPa(value, unit: vssUnit)
            switch pressureUnit ?? locale.pressureUnit {
            case .psi: return numbers.format(UnitMath.psi(kPa: value)) + " psi"
            case .bar: return numbers.format(UnitMath.bar(kPa: value), decimals: 1) + " bar"
            case .kPa: return numbers.format(value) + " kPa"
            }
        case .duration:
            return duration(seconds: UnitMath.seconds(value, unit: vssUnit))
        }
    }

    /// "1 hour 20 minutes", "45 minutes", "12 days": hours and minutes below two days, days above.
    func duration(seconds: Double) -> String {
        let s = max(0, seconds)
        if s >= 2 * 86400 {
            let days = Int((s / 86400).rounded())
            return fill(days == 1 ? "age.d1" : "age.d", ["n": String(days)])
        }
        let totalMinutes = Int((s / 60).rounded())
        let h = totalMinutes / 60
        let m = totalMinutes % 60
        let hours = fill(h == 1 ? "age.h1" : "age.h", ["n": String(h)])
        let minutes = fill(m == 1 ? "age.m1" : "age.m", ["n": String(m)])
        if h == 0 { return minutes }
        if m == 0 { return hours }
        return fill("dur.join", ["a": hours, "b": minutes])
    }

    /// How old a value is, in its largest sensible unit: "45 seconds", "20 minutes", "3 hours", "2 days".
    func age(seconds: Double) -> String {
        let s = max(0, seconds)
        let (key, n): (String, Int)
        if s < 90 {
            n = Int(s.rounded()); key = n == 1 ? "age.s1" : "age.s"
        } else if s < 90 * 60 {
            n = Int((s / 60).rounded()); key = n == 1 ? "age.m1" : "age.m"
        } else if s < 48 * 3600 {
            n = Int((s / 3600).rounded()); key = n == 1 ? "age.h1" : "age.h"
        } else {
            n = Int((s / 86400).rounded()); key = n == 1 ? "age.d1" : "age.d"
        }
        return fill(key, ["n": String(n)])
    }
}
