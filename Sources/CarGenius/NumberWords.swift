import JSON
import Speech

/// Spoken numbers to digits, in English, German and Chinese; and spoken fault codes ("p zero four two zero").
enum NumberWords {
    struct Token: Sendable {
        var text: String
        var number: Double?
    }

    static let englishSmall: [String: Double] = [
        "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
        "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let germanUnits: [String: Double] = [
        "null": 0, "ein": 1, "eins": 1, "eine": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5, "fuenf": 5,
        "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
    ]
    static let germanTeens: [String: Double] = [
        "zehn": 10, "elf": 11, "zwölf": 12, "zwoelf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
        "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    ]
    static let germanTens: [String: Double] = [
        "zwanzig": 20, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "fuenfzig": 50, "sechzig": 60, "siebzig": 70,
        "achtzig": 80, "neunzig": 90,
    ]

    /// Upper-case code when `text` is a diagnostic trouble code such as p0420 or U0100.
    static func dtc(_ text: String) -> String? {
        let chars = Array(text.uppercased())
        guard chars.count == 5, "PCBU".contains(chars[0]), chars[1...].allSatisfy({ $0.isHexDigit }),
            chars[1...].filter(\.isNumber).count >= 3
        else { return nil }
        return String(chars)
    }

    static func digitValue(_ word: String) -> Int? {
        if word.count == 1, let d = Int(word) { return d }
        if let v = englishSmall[word], v < 10 { return Int(v) }
        if let v = germanUnits[word], word != "ein", word != "eine" { return Int(v) }
        return nil
    }

    static func convert(_ words: [String], language: Language, codes: inout [String]) -> [Token] {
        var out: [Token] = []
        var i = 0
        while i < words.count {
            let w = words[i]
            if let code = dtc(w) { codes.append(code); out.append(Token(text: code.lowercased())); i += 1; continue }
            // "p 0420", "p zero four two zero"
            if w.count == 1, "pcbu".contains(w), i + 1 < words.count {
                if words[i + 1].count == 4, let code = dtc(w + words[i + 1]) {
                    codes.append(code); out.append(Token(text: code.lowercased())); i += 2; continue
                }
                if i + 4 < words.count {
                    let ds = (1...4).compactMap { digitValue(words[i + $0]) }
                    if ds.count == 4, let code = dtc(w + ds.map(String.init).joined()) {
                        codes.append(code); out.append(Token(text: code.lowercased())); i += 5; continue
                    }
                }
                // "p three hundred", "p 300": the number with its leading zeros (P0300).
                let (value, used) = language == .de ? germanNumber(words, from: i + 1) : englishNumber(words, from: i + 1)
                if used > 0, let value, value >= 100, value < 10000, value == value.rounded(),
                    let code = dtc(w + String(repeating: "0", count: 4 - String(Int(value)).count) + String(Int(value)))
                {
                    codes.append(code); out.append(Token(text: code.lowercased())); i += 1 + used; continue
                }
            }
            let (value, used) = language == .de ? germanNumber(words, from: i) : englishNumber(words, from: i)
            if used > 0, let value {
                out.append(Token(text: JSONValue.format(value), number: value))
                i += used
                continue
            }
            out.append(Token(text: w))
            i += 1
        }
        return out
    }

    static func digits(_ w: String, decimalComma: Bool) -> Double? {
        guard let first = w.first, first.isNumber else { return nil }
        var s = ""
        for ch in w {
            if ch.isNumber {
                s.append(ch)
            } else if ch == "," {
                if decimalComma { s.append(".") }
            } else if ch == "." {
                if !decimalComma { s.append(".") } else if w.split(separator: ".").last?.count != 3 { s.append(".") }
            } else {
                return nil
            }
        }
        return Double(s)
    }

    /// Reads "three hundred fifty", "two point three", "a hundred and twenty", "two fifty", "350".
    static func englishNumber(_ words: [String], from start: Int) -> (Double?, Int) {
        var i = start
        var total = 0.0
        var current = 0.0
        var any = false
        var lastSmall: Double? = nil
        while i < words.count {
            let w = words[i]
            if let d = digits(w, decimalComma: false), !any {
                return (d, 1)
            }
            if (w == "a" || w == "an"), !any, i + 1 < words.count, words[i + 1] == "hundred" || words[i + 1] == "thousand" {
                current = 1; any = true; i += 1; continue
            }
            if let v = englishSmall[w], !(w == "oh" && !any) {
                if let last = lastSmall, last < 10, v >= 20, current < 100 {
                    current = current * 100 + v  // "two fifty" = 250
                } else if let last = lastSmall, last >= 20, last.truncatingRemainder(dividingBy: 10) == 0, v < 10 {
                    current += v
                } else if any, lastSmall != nil {
                    break
                } else {
                    current += v
                }
                lastSmall = v; any = true; i += 1; continue
            }
            if w == "hundred", any { current = max(current, 1) * 100; lastSmall = nil; i += 1; continue }
            if w == "thousand", any { total += max(current, 1) * 1000; current = 0; lastSmall = nil; i += 1; continue }
            if w == "and", any, i + 1 < words.count, englishSmall[words[i + 1]] != nil, lastSmall == nil { i += 1; continue }
            if w == "point", any, i + 1 < words.count, let d = digitValue(words[i + 1]) {
                var fraction = "\(d)"
                var j = i + 2
                while j < words.count, let more = digitValue(words[j]) { fraction += "\(more)"; j += 1 }
                let value = (total + current) + (Double("0." + fraction) ?? 0)
                return (value, j - start)
            }
            break
        }
        return any ? (total + current, i - start) : (nil, 0)
    }

    /// Reads "dreihundertfünfzig", "drei hundert fünfzig", "zwei komma drei", "350", "2,3".
    static func germanNumber(_ words: [String], from start: Int) -> (Double?, Int) {
        var i = start
        var total = 0.0
        var any = false
        while i < words.count {
            let w = words[i]
            if let d = digits(w, decimalComma: true), !any { return (d, 1) }
            if (w == "ein" || w == "eine" || w == "einen"), i + 1 < words.count,
                words[i + 1].hasPrefix("hundert") || words[i + 1].hasPrefix("tausend")
            {
                total = total + 1; any = true; i += 1; continue
            }
            if w == "ein" || w == "eine" { break }
            if w == "hundert", any { total = (total.truncatingRemainder(dividingBy: 1000) == total ? max(total, 1) * 100 : total); i += 1; continue }
            if w == "tausend", any { total = max(total, 1) * 1000; i += 1; continue }
            if let v = germanCompound(w) {
                if any, total > 0, total.truncatingRemainder(dividingBy: 100) != 0 { break }
                total += v; any = true; i += 1; continue
            }
            if w == "komma", any, i + 1 < words.count, let d = digitValue(words[i + 1]) {
                var fraction = "\(d)"
                var j = i + 2
                while j < words.count, let more = digitValue(words[j]) { fraction += "\(more)"; j += 1 }
                return (total + (Double("0." + fraction) ?? 0), j - start)
            }
            break
        }
        return any ? (total, i - start) : (nil, 0)
    }

    /// One German number word, possibly compound: "zweihundertdreiundfünfzig" = 253.
    static func germanCompound(_ word: String) -> Double? {
        if word.isEmpty { return nil }
        if let (left, right) = splitOnce(word, "tausend") {
            let l = left.isEmpty ? 1 : germanCompound(left)
            let rr = right.isEmpty ? 0 : germanCompound(right)
            guard let l, let rr else { return nil }
            return l * 1000 + rr
        }
        if let (left, right) = splitOnce(word, "hundert") {
            let l = left.isEmpty ? 1 : germanBelowHundred(left)
            let rr = right.isEmpty ? 0 : germanBelowHundred(right.hasPrefix("und") ? String(right.dropFirst(3)) : right)
            guard let l, let rr else { return nil }
            return l * 100 + rr
        }
        return germanBelowHundred(word)
    }

    static func germanBelowHundred(_ word: String) -> Double? {
        if word == "ein" || word == "eine" { return 1 }
        if let v = germanUnits[word] ?? germanTeens[word] ?? germanTens[word] { return v }
        if let (unit, tens) = splitOnce(word, "und") {
            if let u = (unit == "ein" ? 1 : germanUnits[unit]), let t = germanTens[tens] { return u + t }
        }
        return nil
    }

    /// The parts before and after the first occurrence of `separator`.
    static func splitOnce(_ word: String, _ separator: String) -> (String, String)? {
        let w = Array(word), s = Array(separator)
        guard w.count >= s.count else { return nil }
        for i in 0...(w.count - s.count) where Array(w[i..<(i + s.count)]) == s {
            return (String(w[..<i]), String(w[(i + s.count)...]))
        }
        return nil
    }

    // MARK: Chinese

    static let chineseDigits: [Character: Double] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    static let chineseMultipliers: [Character: Double] = ["十": 10, "百": 100, "千": 1000, "万": 10000]

    /// Length of a run of Chinese numerals starting at `start` (0 when none starts there).
    static func chineseNumeralRun(_ chars: [Character], from start: Int) -> Int {
        guard start < chars.count, chineseDigits[chars[start]] != nil || chars[start] == "十" else { return 0 }
        var j = start
        while j < chars.count,
            chineseDigits[chars[j]] != nil || chineseMultipliers[chars[j]] != nil
                || (chars[j] == "点" && j + 1 < chars.count && chineseDigits[chars[j + 1]] != nil)
        {
            j += 1
        }
        return j - start
    }

    /// "三百五十" = 350, "一百二" = 120, "一千五" = 1500, "两百" = 200, "十二" = 12, "二点三" = 2.3.
    static func chineseNumber(_ chars: [Character]) -> Double? {
        if let dot = chars.firstIndex(of: "点") {
            guard let whole = chineseNumber(Array(chars[..<dot])) else { return nil }
            let fraction = chars[(dot + 1)...].compactMap { chineseDigits[$0] }.map { String(Int($0)) }.joined()
            return Double("\(Int(whole)).\(fraction)")
        }
        var total = 0.0
        var section = 0.0
        var digit: Double? = nil
        var lastMultiplier = 1.0
        for ch in chars {
            if let d = chineseDigits[ch] {
                digit = d
            } else if let m = chineseMultipliers[ch] {
                if m == 10000 {
                    section += digit ?? 0
                    total += max(section, 1) * m
                    section = 0
                } else {
                    section += (digit ?? 1) * m
                }
                digit = nil
                lastMultiplier = m
            } else {
                return nil
            }
        }
        if let d = digit {
            // A trailing digit after 百 or 千 means the next place: 一百二 = 120, 一千五 = 1500.
            if lastMultiplier >= 100, chars.count >= 2, chineseMultipliers[chars[chars.count - 2]] != nil {
                section += d * lastMultiplier / 10
            } else {
                section += d
            }
        }
        return total + section
    }
}
