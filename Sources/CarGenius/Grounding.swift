public import Speech
public import VSS

/// Checks that every number in an answer comes from one of its values, after unit and locale formatting.
///
/// A number in the text is grounded when it is the rounding of some rendering of a listed value: the
/// value itself, its conversions (m to km and miles, °C to °F, kPa to psi and bar, km/h to mph, seconds
/// to minutes, hours and days, and the minutes part of "1 hour 20 minutes"), or its age in the same units.
/// Digits inside a code such as "P0420" are grounded when that code is one of the string values.
public enum GroundingCheck {
    /// The numbers (as written) in `text` that no value explains; empty when the answer is grounded.
    public static func ungroundedNumbers(in text: String, values: [SignalReading], locale: GeniusLocale) -> [String] {
        let candidates = renderings(of: values)
        let strings = values.flatMap { $0.value?.strings ?? [] }.map { $0.uppercased() }
        var problems: [String] = []
        for token in numberTokens(in: text, locale: locale) {
            if token.isCode {
                if !strings.contains(where: { $0.contains(token.text.uppercased()) }) { problems.append(token.text) }
                continue
            }
            guard let n = token.value else { continue }
            let tolerance = 0.5 * pow10(-token.decimals) + 1e-9
            if !candidates.contains(where: { abs(abs($0) - abs(n)) <= tolerance }) { problems.append(token.text) }
        }
        return problems
    }

    static func pow10(_ e: Int) -> Double {
        var r = 1.0
        if e >= 0 { for _ in 0..<e { r *= 10 } } else { for _ in 0..<(-e) { r /= 10 } }
        return r
    }

    static func renderings(of values: [SignalReading]) -> [Double] {
        var out: [Double] = []
        func time(_ s: Double) {
            out += [
                s, s / 60, s / 3600, s / 86400, (s / 60).truncatingRemainder(dividingBy: 60),
                ((s / 60).rounded()).truncatingRemainder(dividingBy: 60), (s / 3600).rounded(.down),
            ]
        }
        for r in values {
            time(r.age)
            guard let v = r.value?.number else { continue }
            out.append(v)
            switch r.unit {
            case "m": out += [v / 1000, v / UnitMath.metresPerMile]
            case "km": out += [v * 1000, v / 1.609344]
            case "celsius": out.append(UnitMath.fahrenheit(celsius: v))
            case "kPa": out += [UnitMath.psi(kPa: v), UnitMath.bar(kPa: v)]
            case "km/h": out.append(UnitMath.mph(kmh: v))
            case "s": time(v)
            case "min", "h", "d", "days": time(UnitMath.seconds(v, unit: r.unit)); out.append(v)
            case "bar", "psi":
                let kPa = UnitMath.kPa(v, unit: r.unit)
                out += [kPa, UnitMath.psi(kPa: kPa), UnitMath.bar(kPa: kPa)]
            default: break
            }
        }
        return out
    }

    struct NumberToken {
        var text: String
        var value: Double?
        var decimals: Int
        var isCode: Bool
    }

    /// Numbers as a listener would read them: "2,3" is 2.3 in German, "1.234" is 1234; "72,760" is 72760 in English.
    static func numberTokens(in text: String, locale: GeniusLocale) -> [NumberToken] {
        var tokens: [NumberToken] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber else { i += 1; continue }
            var start = i
            var j = i
            while j < chars.count, chars[j].isASCII,
                chars[j].isNumber
                    || ((chars[j] == "." || chars[j] == ",")
                        && j + 1 < chars.count && chars[j + 1].isASCII && chars[j + 1].isNumber)
            {
                j += 1
            }
            // A code: letters glued to the digits ("P0420", "U0100").
            let glued =
                (start > 0 && chars[start - 1].isASCII && chars[start - 1].isLetter)
                || (j < chars.count && chars[j].isASCII && chars[j].isLetter && chars[j] != "V"
                    && !(chars[j] == "k" || chars[j] == "m" || chars[j] == "p"))
            if glued {
                var s = start
                while s > 0, chars[s - 1].isASCII, chars[s - 1].isLetter { s -= 1 }
                var e = j
                while e < chars.count, chars[e].isASCII, chars[e].isLetter || chars[e].isNumber { e += 1 }
                start = s
                tokens.append(NumberToken(text: String(chars[start..<e]), value: nil, decimals: 0, isCode: true))
                i = e
                continue
            }
            let raw = String(chars[start..<j])
            var digits = ""
            var decimals = 0
            var afterDecimal = false
            for ch in raw {
                if ch.isNumber {
                    digits.append(ch); if afterDecimal { decimals += 1 }
                } else if ch == locale.decimalSeparator {
                    digits.append("."); afterDecimal = true
                }
            }
            tokens.append(NumberToken(text: raw, value: Double(digits), decimals: decimals, isCode: false))
            i = j
        }
        return tokens
    }
}
