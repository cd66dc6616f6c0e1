public import Speech

/// Travel Companion's sentences in en-US, en-GB, de-DE and zh-CN: headline first, short enough to speak.
public struct Phrasebook: Sendable {
    public let locale: GeniusLocale
    let numbers: NumberStyle

    public init(locale: GeniusLocale) {
        self.locale = locale
        numbers = NumberStyle(locale)
    }

    var lang: Language { locale.language }

    func pick(_ en: String, _ de: String, _ zh: String) -> String {
        switch lang {
        case .en: en
        case .de: de
        case .zh: zh
        }
    }

    // MARK: Words

    static let cuisineNames: [String: (de: String, zh: String)] = [
        "sichuan": ("Sichuan", "川菜"), "hunan": ("Hunan", "湘菜"), "cantonese": ("kantonesisch", "粤菜"),
        "hotpot": ("Feuertopf", "火锅"), "peking duck": ("Pekingente", "烤鸭"), "chinese": ("chinesisch", "中餐"),
        "pizza": ("Pizza", "披萨"), "italian": ("italienisch", "意大利菜"), "japanese": ("japanisch", "日本料理"),
        "korean": ("koreanisch", "韩国菜"), "indian": ("indisch", "印度菜"), "thai": ("thailändisch", "泰国菜"),
        "vietnamese": ("vietnamesisch", "越南菜"), "mexican": ("mexikanisch", "墨西哥菜"), "burger": ("Burger", "汉堡"),
        "fast food": ("Fast Food", "快餐"), "bavarian": ("bayerisch", "巴伐利亚菜"), "german": ("deutsch", "德国菜"),
        "vegetarian": ("vegetarisch", "素食"), "vegan": ("vegan", "纯素"), "seafood": ("Meeresfrüchte", "海鲜"),
        "steak": ("Steak", "牛排"), "turkish": ("türkisch", "土耳其菜"), "greek": ("griechisch", "希腊菜"),
        "french": ("französisch", "法国菜"), "bbq": ("Grill", "烧烤"), "noodles": ("Nudeln", "面食"),
        "dumplings": ("Teigtaschen", "饺子包子"), "snacks": ("Imbiss", "小吃"), "cafe": ("Café", "咖啡"),
        "halal": ("halal", "清真"), "buffet": ("Buffet", "自助餐"), "western": ("westlich", "西餐"),
    ]

    func cuisine(_ tag: String) -> String {
        switch lang {
        case .en: tag.prefix(1).uppercased() + tag.dropFirst()
        case .de: Self.cuisineNames[tag]?.de ?? tag
        case .zh: Self.cuisineNames[tag]?.zh ?? tag
        }
    }

    func categoryName(_ c: PlaceCategory?) -> String {
        switch c {
        case .restaurant: pick("restaurant", "Restaurant", "餐厅")
        case .cafe: pick("coffee place", "Café", "咖啡馆")
        case .parking: pick("parking", "Parkplatz", "停车场")
        case .charging: pick("charging station", "Ladestation", "充电站")
        case .fuel: pick("gas station", "Tankstelle", "加油站")
        case .grocery: pick("grocery store", "Supermarkt", "超市")
        case .hospital: pick("hospital", "Krankenhaus", "医院")
        case .shopping: pick("shopping center", "Einkaufszentrum", "商场")
        case .lodging: pick("hotel", "Hotel", "酒店")
        case .pharmacy: pick("pharmacy", "Apotheke", "药店")
        default: pick("place", "Ort", "地方")
        }
    }

    /// What a profile key is about, in words ("spicy food", "Pizza", "辣的").
    func keyName(_ key: String) -> String {
        if key.hasPrefix("cuisine:") { return cuisine(String(key.dropFirst(8))) }
        switch key {
        case "tag:spicy": return pick("spicy food", "scharfes Essen", "辣的")
        case "tag:meat": return pick("meat", "Fleisch", "肉")
        case "price:high": return pick("expensive places", "teure Lokale", "贵的地方")
        case "traffic:heavy": return pick("heavy traffic", "Stau", "堵车")
        default: return String(key.split(separator: ":").last ?? "")
        }
    }

    func distance(_ metres: Double) -> String {
        if locale.distanceUnit == .mile {
            let miles = metres / UnitMath.metresPerMile
            let text = numbers.format(miles, decimals: miles < 10 ? 1 : 0)
            return "\(text) \(text == "1.0" ? "mile" : "miles")"
        }
        let km = metres / 1000
        let text = numbers.format(km, decimals: km < 10 ? 1 : 0)
        return lang == .zh ? "\(text)公里" : "\(text) km"
    }

    func minutes(_ m: Double) -> String {
        let n = max(1, Int(m.rounded()))
        switch lang {
        case .en: return n == 1 ? "1 minute" : "\(n) minutes"
        case .de: return n == 1 ? "1 Minute" : "\(n) Minuten"
        case .zh: return "\(n)分钟"
        }
    }

    func stars(_ r: Double) -> String {
        let text = numbers.format(r, decimals: 1)
        return pick("\(text) stars", "\(text) Sterne", "\(text)分")
    }

    func clock(_ minute: Int) -> String {
        let h = minute / 60
        let m = minute % 60
        let mm = m < 10 ? "0\(m)" : "\(m)"
        return "\(h):\(mm)"
    }

    func trafficPhrase(_ e: TravelEstimate) -> String {
        switch (e.source, e.level) {
        case (.live, _): return pick("with current traffic", "bei aktuellem Verkehr", "按当前路况")
        case (_, .none): return pick("no traffic", "kein Stau", "不堵车")
        case (_, .moderate): return pick("moderate traffic", "mäßiger Verkehr", "有些拥堵")
        case (_, .heavy): return pick("heavy traffic on the way", "dichter Verkehr", "路上很堵")
        case (_, .blocked): return pick("a road block on the way", "eine Sperrung auf dem Weg", "路上有封路")
        }
    }

    // MARK: Suggestions

    /// The headline: "Lao Sichuan, 4.6 stars, 12 minutes with current traffic."
    public func headline(_ s: Suggestion, first: Bool) -> String {
        let name = s.place.name(for: lang.rawValue)
        var parts: [String] = [name]
        parts += facts(s, short: false)
        if lang == .zh { return parts.joined(separator: "，") + "。" }
        return parts.joined(separator: ", ") + "."
    }

    func facts(_ s: Suggestion, short: Bool) -> [String] {
        var parts: [String] = []
        if let r = s.place.rating { parts.append(stars(r)) }
        if let e = s.estimate {
            if s.place.rating == nil, !short { parts.append(distance(e.distance)) }
            let time = minutes(e.minutes)
            if short {
                parts.append(time)
            } else if e.source == .live {
                parts.append(lang == .zh ? "\(trafficPhrase(e))\(time)" : "\(time) \(trafficPhrase(e))")
            } else {
                parts.append(time)
                if e.level != .none || s.place.trafficNote != nil { parts.append(trafficPhrase(e)) }
            }
        } else if let p = s.place.pricePerPerson {
            parts.append(pick("¥\(numbers.format(p)) per person", "\(numbers.format(p)) ¥ pro Person", "人均\(numbers.format(p))元"))
        }
        return parts
    }

    func alternatives(_ more: [Suggestion]) -> String {
        let items = more.map { s -> String in
            let f = facts(s, short: true)
            let name = s.place.name(for: lang.rawValue)
            if f.isEmpty { return name }
            return lang == .zh ? "\(name)（\(f.joined(separator: "，"))）" : "\(name) (\(f.joined(separator: ", ")))"
        }
        switch lang {
        case .en: return "Or " + items.joined(separator: " or ") + "."
        case .de: return "Oder " + items.joined(separator: " oder ") + "."
        case .zh: return "也可以选" + items.joined(separator: "或") + "。"
        }
    }

    /// Reasons for the screen, one short phrase each.
    public func reasons(_ s: Suggestion) -> [String] {
        s.reasons.map { reason in
            switch reason {
            case .rating(let r, let count):
                if let count {
                    return pick(
                        "\(stars(r)) from \(count) ratings", "\(stars(r)) aus \(count) Bewertungen",
                        "评分\(numbers.format(r, decimals: 1))（\(count)条评价）")
                }
                return pick(stars(r), stars(r), "评分\(numbers.format(r, decimals: 1))")
            case .travelTime(let m, let level, let source):
                let e = TravelEstimate(minutes: m, level: level, source: source, distance: 0)
                let traffic = source == .model && level == .none ? pick("expected traffic", "erwarteter Verkehr", "预计路况") : trafficPhrase(e)
                return lang == .zh ? "\(traffic)\(minutes(m))" : "\(minutes(m)), \(traffic)"
            case .distance(let d): return distance(d)
            case .openUntil(let minute): return pick("open until \(clock(minute))", "geöffnet bis \(clock(minute))", "营业到\(clock(minute))")
            case .cuisine(let c): return cuisine(c)
            case .dish(let d): return pick("serves \(d)", "hat \(d)", "有\(d)")
            case .pricePerPerson(let p):
                return pick("¥\(numbers.format(p)) per person", "\(numbers.format(p)) ¥ pro Person", "人均\(numbers.format(p))元")
            case .priceLevel(let l):
                return pick(
                    String(repeating: "$", count: max(1, l)), String(repeating: "€", count: max(1, l)), String(repeating: "¥", count: max(1, l)))
            case .evCharging: return pick("has EV charging", "mit Ladesäule", "有充电桩")
            case .reachable(let spare):
                return pick(
                    "\(distance(spare)) of range left after the trip", "nach der Fahrt noch \(distance(spare)) Reichweite",
                    "往返后剩余续航\(distance(spare))")
            case .liked(let key): return pick("you like \(keyName(key))", "du magst \(keyName(key))", "你喜欢\(keyName(key))")
            case .disliked(let key): return pick("but you avoid \(keyName(key))", "aber du meidest \(keyName(key))", "但你不喜欢\(keyName(key))")
            case .acceptedBefore: return pick("you went here before", "hier warst du schon", "你去过这家")
            case .declinedBefore: return pick("you turned it down before", "hattest du abgelehnt", "你之前拒绝过")
            }
        }
    }

    func relaxed(_ wishes: [String], request: TravelRequest) -> String {
        guard !wishes.isEmpty else { return "" }
        let names = wishes.map { w -> String in
            if let n = TravelUnderstanding.brands.first(where: { $0 == w }) { return n.prefix(1).uppercased() + n.dropFirst() }
            return cuisine(w)
        }.joined(separator: lang == .zh ? "、" : ", ")
        return pick("I found no \(names) nearby. ", "Ich finde nichts mit \(names) in der Nähe. ", "附近没有找到\(names)。")
    }

    func noneFound(_ r: TravelRequest, result: RankingResult, context: TravelContext) -> String {
        var text: String
        switch r.category {
        case .home: text = pick("I have no home address stored.", "Ich habe keine Heimadresse gespeichert.", "没有保存家的地址。")
        case .friend: text = pick("I have no friend's address stored.", "Ich habe keine Adresse von Freunden gespeichert.", "没有保存朋友的地址。")
        default:
            let what = categoryName(r.category ?? .restaurant)
            text = pick("I found no \(what) that fits.", "Dazu finde ich nichts Passendes (\(what)).", "没有找到合适的\(what)。")
        }
        if result.unreachable > 0 {
            text += " " + rangeLimited(result.unreachable, context: context)
        } else if result.closed > 0 {
            text += " " + pick("\(result.closed) are closed then.", "\(result.closed) haben dann geschlossen.", "有\(result.closed)家那时不营业。")
        }
        return text
    }

    func rangeLimited(_ count: Int, context: TravelContext) -> String {
        let range = context.rangeMetres.map(distance) ?? "?"
        return pick(
            "I left out \(count) \(count == 1 ? "place" : "places") your range of \(range) cannot reach and return from with a safe reserve.",
            "\(count) \(count == 1 ? "Ort habe ich" : "Orte habe ich") weggelassen: mit \(range) Reichweite kommst du nicht sicher hin und zurück.",
            "有\(count)个地方超出了当前续航\(range)（需留安全余量往返），已排除。")
    }

    func thenTop(_ s: Suggestion) -> String {
        pick("Now my top pick is ", "Jetzt empfehle ich ", "现在首选") + headline(s, first: true)
    }

    // MARK: Dialogue

    var nothingToPick: String {
        pick("Which place do you mean? Ask me for one first.", "Welchen Ort meinst du? Frag mich zuerst nach einem.", "你指的是哪家？先让我帮你找一下。")
    }
    func nothingBetter(_ current: Place?) -> String {
        guard let current else { return pick("Nothing else fits.", "Sonst passt nichts.", "没有其他合适的了。") }
        let name = current.name(for: lang.rawValue)
        return pick(
            "Nothing else fits that; \(name) is still the best match.", "Da passt nichts anderes; \(name) bleibt die beste Wahl.",
            "没有更合适的了，\(name)仍是最佳选择。")
    }

    var noPosition: String {
        pick("The car's position is not available, so by rating only: ", "Die Position des Autos fehlt, daher nur nach Bewertung: ", "暂无车辆位置，仅按评分推荐：")
    }

    var nothingToRefine: String { pick("What should I look for?", "Wonach soll ich suchen?", "要我帮你找什么？") }
    func onlyHave(_ n: Int) -> String { pick("I only suggested \(n).", "Ich habe nur \(n) vorgeschlagen.", "我只推荐了\(n)家。") }

    func accepted(_ p: Place) -> String {
        let name = p.name(for: lang.rawValue)
        return pick("Good choice: setting directions to \(name).", "Gute Wahl: ich navigiere zu \(name).", "好的，正在导航到\(name)。")
    }

    func noted(_ prefs: [(key: String, liked: Bool)]) -> String {
        let likes = prefs.filter(\.liked).map { keyName($0.key) }
        let dislikes = prefs.filter { !$0.liked }.map { keyName($0.key) }
        var parts: [String] = []
        if !likes.isEmpty {
            parts.append(
                pick(
                    "you like \(likes.joined(separator: " and "))", "du magst \(likes.joined(separator: " und "))",
                    "你喜欢\(likes.joined(separator: "和"))"))
        }
        if !dislikes.isEmpty {
            parts.append(
                pick(
                    "you avoid \(dislikes.joined(separator: " and "))", "du meidest \(dislikes.joined(separator: " und "))",
                    "你不吃\(dislikes.joined(separator: "和"))"))
        }
        if parts.isEmpty { return pick("Noted.", "Notiert.", "记下了。") }
        return pick("Noted: \(parts.joined(separator: "; ")).", "Gemerkt: \(parts.joined(separator: "; ")).", "记住了：\(parts.joined(separator: "；"))。")
    }

    func recall(_ profile: DriverProfile) -> String {
        if profile.isEmpty {
            return pick("I don't remember anything about you yet.", "Ich habe mir noch nichts über dich gemerkt.", "我还没有记住关于你的任何事。")
        }
        var items: [String] = []
        for s in profile.statements {
            items.append(
                s.liked
                    ? pick("you like \(keyName(s.key))", "du magst \(keyName(s.key))", "你喜欢\(keyName(s.key))")
                    : pick("you avoid \(keyName(s.key))", "du meidest \(keyName(s.key))", "你不吃\(keyName(s.key))"))
        }
        let accepted = profile.feedback.filter { $0.key.hasPrefix("place:") && $0.value > 0 }.count
        let declined = profile.feedback.filter { $0.key.hasPrefix("place:") && $0.value < 0 }.count
        if accepted > 0 {
            items.append(
                pick("\(accepted) \(accepted == 1 ? "place" : "places") you chose", "\(accepted) Orte, die du gewählt hast", "你选过的\(accepted)个地方"))
        }
        if declined > 0 {
            items.append(
                pick(
                    "\(declined) \(declined == 1 ? "place" : "places") you turned down", "\(declined) Orte, die du abgelehnt hast",
                    "你拒绝过的\(declined)个地方"))
        }
        return pick(
            "I remember: \(items.joined(separator: "; ")). Say \"forget it\" to delete it.",
            "Ich weiß: \(items.joined(separator: "; ")). Sag „vergiss das“, um es zu löschen.",
            "我记得：\(items.joined(separator: "；"))。说“忘掉”即可删除。")
    }

    var forgotAll: String { pick("Done: I have forgotten everything about you.", "Erledigt: ich habe alles über dich vergessen.", "好的，关于你的记录已全部删除。") }
    var nothingToForget: String { pick("There is nothing to forget.", "Da gibt es nichts zu vergessen.", "没有需要删除的记录。") }
    func forgot(_ key: String) -> String {
        pick("Forgotten: \(keyName(key)).", "Vergessen: \(keyName(key)).", "已忘掉：\(keyName(key))。")
    }

    // MARK: Range

    func distanceUnknown(_ p: Place) -> String {
        pick("I don't know how far \(p.name) is.", "Ich weiß nicht, wie weit \(p.name) entfernt ist.", "我不知道\(p.name)有多远。")
    }

    func rangeUnknown(_ p: Place, distance d: Double) -> String {
        pick(
            "\(p.name) is \(distance(d)) away, but the range is not available right now.",
            "\(p.name) ist \(distance(d)) entfernt, aber die Reichweite ist gerade nicht verfügbar.",
            "\(p.name)距离\(distance(d))，但目前无法获取续航。")
    }

    func reach(_ p: Place, distance d: Double, trip: Double, range: Double, ok: Bool, tight: Bool) -> String {
        let name = p.name(for: lang.rawValue)
        let way =
            p.evCharging
            ? pick("\(distance(trip)) there, and it has charging", "\(distance(trip)) hin, dort kannst du laden", "单程\(distance(trip))，那里可以充电")
            : pick("\(distance(trip)) there and back", "\(distance(trip)) hin und zurück", "往返\(distance(trip))")
        if ok {
            return pick(
                "Yes: \(name) is \(way); with \(distance(range)) of range you keep \(distance(range - trip)).",
                "Ja: \(name) ist \(way); bei \(distance(range)) Reichweite bleiben \(distance(range - trip)).",
                "可以：到\(name)\(way)，当前续航\(distance(range))，回来还剩\(distance(range - trip))。")
        }
        if tight {
            return pick(
                "Only just: \(name) is \(way) and your range is \(distance(range)), below the safe reserve. Charge first.",
                "Knapp: \(name) ist \(way), die Reichweite beträgt \(distance(range)), zu wenig Reserve. Lade vorher.",
                "很勉强：到\(name)\(way)，续航只有\(distance(range))，余量不足，建议先充电。")
        }
        return pick(
            "No: \(name) is \(way), more than your range of \(distance(range)). Charge first.",
            "Nein: \(name) ist \(way), mehr als deine Reichweite von \(distance(range)). Lade vorher.",
            "不行：到\(name)\(way)，超过了当前续航\(distance(range))，请先充电。")
    }
}
