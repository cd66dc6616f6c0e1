import Speech
import VSS
// How drivers name a warning lamp without its name: by its symbol ("the horseshoe with an exclamation
// mark", "das Hufeisen", "马蹄形") or by the part it is about ("the battery symbol", "发动机的灯").
// A shape names its lamp alone; a part names it only with a lamp cue (light, symbol, lit, why, 灯, 图标).

/// The words that point at one lamp, per language.
struct LampCue: Sendable {
    /// Pictures that only a lamp has ("horseshoe", "spanner", "温度计"); weight 2. A picture of several parts
    /// lists them with " + " and alternatives with "|" ("person|man|guy + ball|circle"): every part must be said.
    var shapes: [Language: [String]]
    /// Parts and names that need a lamp cue beside them ("battery", "motor", "刹车"); weight 1.
    var names: [Language: [String]]
}

enum LampSymbols {
    static let cues: [String: LampCue] = [
        "Powertrain": LampCue(
            shapes: [
                .en: ["check engine", "engine shaped", "engine symbol", "engine icon"], .de: ["motorsymbol", "motorkontroll"],
                .zh: ["发动机形状", "发动机图标"],
            ],
            names: [.en: ["engine", "motor"], .de: ["motor"], .zh: ["发动机", "引擎"]]),
        "TirePressure": LampCue(
            shapes: [.en: ["horseshoe", "horse shoe", "u shape"], .de: ["hufeisen"], .zh: ["马蹄", "U形"]],
            names: [
                .en: ["tire", "tyre", "tires", "tyres", "pressure", "exclamation"], .de: ["reifen", "druck", "ausrufezeichen"],
                .zh: ["轮胎", "胎压", "感叹号"],
            ]),
        "BrakeFluid": LampCue(
            shapes: [
                .en: ["exclamation mark in a circle", "exclamation point in a circle", "circle with an exclamation"],
                .de: ["ausrufezeichen im kreis", "kreis mit ausrufezeichen"], .zh: ["圆圈里", "圈里有个感叹号", "圆圈感叹号"],
            ],
            names: [
                .en: ["brake", "brakes", "circle", "exclamation"], .de: ["bremse", "brems", "kreis", "ausrufezeichen"],
                .zh: ["刹车", "制动", "圆圈", "感叹号"],
            ]),
        "LowVoltageBattery": LampCue(
            shapes: [
                .en: ["battery symbol", "battery icon", "battery shaped"], .de: ["batteriesymbol", "batteriezeichen"], .zh: ["电瓶图标", "电池图标", "电瓶形状"],
            ],
            names: [.en: ["battery", "plus and minus"], .de: ["batterie", "plus und minus"], .zh: ["电瓶", "蓄电池", "电池", "正负极"]]),
        "OilPressure": LampCue(
            shapes: [.en: ["oil can", "genie lamp", "magic lamp", "aladdin"], .de: ["ölkanne", "wunderlampe"], .zh: ["油壶", "神灯"]],
            names: [.en: ["oil"], .de: ["öl"], .zh: ["机油"]]),
        "CoolantTemperature": LampCue(
            shapes: [.en: ["thermometer"], .de: ["thermometer"], .zh: ["温度计", "温度 + 波浪"]],
            names: [
                .en: ["coolant", "temperature", "waves", "water"], .de: ["kühlwasser", "kühlmittel", "temperatur", "wellen"],
                .zh: ["水温", "冷却液", "波浪"],
            ]),
        "Airbag": LampCue(
            shapes: [
                .en: ["person with a circle", "man with a circle", "person with a ball", "seated person", "person sitting"],
                .de: ["männchen mit", "person mit kreis", "sitzende person"], .zh: ["小人", "坐着的人"],
            ],
            names: [.en: ["airbag", "person", "man"], .de: ["airbag", "männchen", "person"], .zh: ["气囊", "人"]]),
        "ABS": LampCue(shapes: [:], names: [.en: ["abs"], .de: ["abs"], .zh: ["abs"]]),
        "ESC": LampCue(
            shapes: [
                .en: ["squiggly", "wavy lines", "skidding car", "car skidding"], .de: ["schlangenlinien", "schleuderndes auto"],
                .zh: ["车子打滑", "弯弯曲曲", "s形"],
            ],
            names: [.en: ["esc", "esp", "stability", "skid"], .de: ["esp", "schleudern"], .zh: ["esp", "车身稳定", "打滑"]]),
        "WasherFluid": LampCue(
            shapes: [
                .en: ["windscreen with a spray", "windshield with a spray", "fountain", "spray"], .de: ["fontäne", "scheibe mit"],
                .zh: ["喷水", "喷泉"],
            ],
            names: [
                .en: ["washer", "windscreen", "windshield", "wiper"], .de: ["wischwasser", "waschwasser", "scheibe", "wischer"],
                .zh: ["玻璃水", "雨刷", "挡风玻璃"],
            ]),
        "Service": LampCue(
            shapes: [.en: ["spanner", "wrench"], .de: ["schraubenschlüssel"], .zh: ["扳手"]],
            names: [.en: ["service"], .de: ["service", "wartung"], .zh: ["保养"]]),
        "LowFuel": LampCue(
            shapes: [.en: ["fuel pump", "petrol pump", "gas pump"], .de: ["zapfsäule"], .zh: ["加油机"]],
            names: [.en: ["fuel", "petrol"], .de: ["tank", "sprit"], .zh: ["油量"]]),
        "ParkingBrake": LampCue(
            shapes: [.en: ["p in a circle"], .de: ["p im kreis"], .zh: ["圆圈里一个p"]],
            names: [.en: ["parking brake", "handbrake"], .de: ["handbremse", "feststellbremse"], .zh: ["手刹", "驻车"]]),
    ]

    /// One picture or name, compiled: its parts, each a list of UTF-8 alternatives (English ones padded with
    /// spaces so that only whole words match).
    struct Compiled: Sendable {
        var lamp: String
        var weight: Int
        var parts: [[[UInt8]]]
    }

    /// Every lamp's pictures (weight 2) and names (weight 1) per language, compiled once.
    static let compiled: [Language: [Compiled]] = {
        var out: [Language: [Compiled]] = [:]
        for language in [Language.en, .de, .zh] {
            var list: [Compiled] = []
            for (lamp, cue) in cues.sorted(by: { $0.key < $1.key }) {
                for (weight, pictures) in [(2, cue.shapes[language, default: []]), (1, cue.names[language, default: []])] {
                    for picture in pictures {
                        let parts = picture.split(separator: " + ").map { part in
                            part.split(separator: "|").map { Array((language == .en ? " \($0) " : String($0)).utf8) }
                        }
                        list.append(Compiled(lamp: lamp, weight: weight, parts: parts))
                    }
                }
            }
            out[language] = list
        }
        return out
    }()

    static let order: [String: Int] = Dictionary(uniqueKeysWithValues: VSSCatalog.telltaleNames.enumerated().map { ($1, $0) })

    /// The lamps an utterance points at, best first, with their weight (a picture 2, a name 1 with a cue, both 3).
    /// `text` is the utterance's words joined by single spaces (en, de) or its characters (zh).
    static func lamps(in text: String, language: Language, cue: Bool) -> [(lamp: String, weight: Int)] {
        let bytes = Array((language == .en ? " \(text) " : text).utf8)
        var weights: [String: Int] = [:]
        var seen: Set<String> = []
        for entry in compiled[language, default: []] where cue || entry.weight == 2 {
            let key = "\(entry.lamp)#\(entry.weight)"
            guard !seen.contains(key) else { continue }
            if entry.parts.allSatisfy({ $0.contains { bytes.containsSubsequence($0) } }) {
                seen.insert(key)
                weights[entry.lamp, default: 0] += entry.weight
            }
        }
        return weights.map { (lamp: $0.key, weight: $0.value) }
            .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : (order[$0.lamp] ?? 99) < (order[$1.lamp] ?? 99) }
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes (a plain scan: utterances are short).
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count, let first = needle.first else { return needle.isEmpty }
        var i = 0
        let last = count - needle.count
        while i <= last {
            if self[i] == first {
                var j = 1
                while j < needle.count, self[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
