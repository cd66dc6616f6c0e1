/// What the driver asked Travel Companion for, read from an utterance as an ASR delivers it.
public struct TravelRequest: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// Find places ("a sichuan place nearby").
        case search
        /// Change the last search ("something cheaper", "näher", "换一家").
        case refine
        /// Pick one of the last suggestions ("the second one").
        case select
        /// Take the current suggestion ("let's go") / reject it ("not that one").
        case accept, decline
        /// Can the car get there and back ("can I reach it with my battery?").
        case reach
        /// A preference to remember ("I don't eat spicy food").
        case statement
        /// "What do you remember about me?"
        case recall
        /// "Forget it", "forget everything".
        case forget
    }

    public enum Refinement: String, Sendable, Equatable {
        case cheaper, closer, better, another, lessTraffic
        /// New constraints on the last search ("one with parking", "und bitte ohne Stau", "要能充电的").
        case constraints
    }

    public var kind: Kind = .search
    public var category: PlaceCategory?
    public var cuisines: [String] = []
    /// A dish asked for (CrossWOZ's 推荐菜).
    public var dish: String?
    /// A brand or name asked for ("starbucks").
    public var name: String?
    public var nearest = false
    /// "nearby", "in der Nähe", "附近": closeness counts a little more, without asking for the nearest.
    public var nearby = false
    public var leastTraffic = false
    /// "Nowhere with a jam on the way": places behind heavy or blocked traffic are ruled out.
    public var avoidTraffic = false
    public var bestRated = false
    public var cheap = false
    public var priceMax: Double?
    public var priceMin: Double?
    /// 1...4; set by "something cheaper" after a place with only a price level.
    public var maxPriceLevel: Int?
    /// 1...4; "something fancy", "gehoben", "高档".
    public var minPriceLevel: Int?
    /// Travel time limit in minutes ("no more than ten minutes away").
    public var maxMinutes: Double?
    /// EV charging at the place or within walking distance ("a restaurant where I can charge while we eat").
    public var needsCharger = false
    /// Parking at the place or next to it ("one with parking").
    public var needsParking = false
    /// Near the active route: little detour on the way to the destination.
    public var onTheWay = false
    /// Kid-friendly ("with the kids", "kinderfreundlich", "带孩子").
    public var kids = false
    /// A fast (DC) charger ("a rapid charger", "Schnelllader", "快充"): a slow one misses it.
    public var fastCharge = false
    /// Needs the place must meet, as the data's tags say them: "vegetarian", "vegan", "gluten free", "halal",
    /// "dog friendly" ("my daughter doesn't eat meat", "wir haben den Hund dabei", "要清真的").
    public var needs: [String] = []
    /// Nothing spicy ("something mild", "nichts Scharfes", "清淡的", "别给我推辣的").
    public var avoidSpicy = false
    /// Open for at least this long after arrival ("somewhere open a good while yet").
    public var minOpenMinutes: Int?
    /// Open until this time of day, minutes after midnight ("wir bleiben bis zehn Uhr abends", "open till 10"); an
    /// hour said without am or pm that has passed at arrival is the evening one.
    public var openUntilClock: Int?
    /// Cuisines turned away ("sushi, ramen never mind", "kein Sushi").
    public var avoidCuisines: [String] = []
    /// Places ruled out by a word of their name or address ("not the one on the a12", "不要东站那家").
    public var avoidPlaces: [String] = []
    /// The category was named only as an amenity ("one with parking", "wo man laden kann"): on a search in
    /// progress it is a constraint on that search, on its own a search for the amenity.
    public var amenityOnly = false
    /// "How long does it take to get there": the answer leads with the travel time.
    public var asksTime = false
    /// Dishes asked for, when several are named (the store's dish vocabulary finds them).
    public var dishes: [String] = []
    public var minRating: Double?
    /// Metres.
    public var maxDistance: Double?
    public var partySize: Int?
    /// Minutes from now until the driver wants to be there (tonight: until 19:00).
    public var arrivalClock: Int?
    public var refinement: Refinement?
    /// 0-based pick for `.select`.
    public var ordinal: Int?
    /// For `.statement`: what is liked (+) or disliked (−).
    public var preferences: [(key: String, liked: Bool)] = []
    /// For `.forget`: everything, not only the last thing learned.
    public var forgetAll = false

    public init() {}

    public static func == (a: TravelRequest, b: TravelRequest) -> Bool {
        a.kind == b.kind && a.category == b.category && a.cuisines == b.cuisines && a.dish == b.dish && a.name == b.name
            && a.nearest == b.nearest && a.nearby == b.nearby && a.leastTraffic == b.leastTraffic && a.bestRated == b.bestRated && a.cheap == b.cheap
            && a.priceMax == b.priceMax && a.priceMin == b.priceMin && a.maxPriceLevel == b.maxPriceLevel && a.dishes == b.dishes
            && a.minRating == b.minRating && a.avoidTraffic == b.avoidTraffic && a.minPriceLevel == b.minPriceLevel
            && a.maxMinutes == b.maxMinutes && a.needsCharger == b.needsCharger && a.needsParking == b.needsParking
            && a.onTheWay == b.onTheWay && a.kids == b.kids && a.fastCharge == b.fastCharge && a.needs == b.needs && a.avoidSpicy == b.avoidSpicy
            && a.minOpenMinutes == b.minOpenMinutes && a.openUntilClock == b.openUntilClock && a.avoidCuisines == b.avoidCuisines
            && a.avoidPlaces == b.avoidPlaces
            && a.amenityOnly == b.amenityOnly && a.asksTime == b.asksTime
            && a.maxDistance == b.maxDistance && a.partySize == b.partySize && a.arrivalClock == b.arrivalClock
            && a.refinement == b.refinement && a.ordinal == b.ordinal && a.forgetAll == b.forgetAll
            && a.preferences.map { "\($0.key)\($0.liked)" } == b.preferences.map { "\($0.key)\($0.liked)" }
    }

    /// True when the utterance is about places at all (a search with something to search for).
    public var isAboutPlaces: Bool {
        category != nil || !cuisines.isEmpty || dish != nil || !dishes.isEmpty || name != nil
    }

    /// True when the request states a constraint that can narrow a search in progress.
    public var hasConstraints: Bool {
        avoidTraffic || leastTraffic || cheap || priceMax != nil || priceMin != nil || minPriceLevel != nil || maxMinutes != nil
            || maxDistance != nil || needsCharger || needsParking || onTheWay || kids || partySize != nil || minRating != nil
            || !needs.isEmpty || avoidSpicy || fastCharge
            || minOpenMinutes != nil || openUntilClock != nil || !avoidCuisines.isEmpty || !avoidPlaces.isEmpty
    }

    /// This request's constraints laid over `base` (a follow-up keeps what the driver said before).
    public func merged(onto base: TravelRequest) -> TravelRequest {
        var r = base
        r.kind = .search
        r.refinement = nil
        // A diet said as a kitchen ("auch was Vegetarisches auf der Karte") is a need added, not a new cuisine.
        let kitchens = cuisines.filter { !needs.contains($0) }
        if !kitchens.isEmpty { r.cuisines = kitchens; r.dish = nil; r.dishes = [] }
        // The table a diet implies does not turn a cafe search into a restaurant one.
        let impliedByDiet = kitchens.isEmpty && !needs.isEmpty && category == .restaurant
        if let c = category, !amenityOnly, !impliedByDiet { r.category = c }
        if name != nil { r.name = name }
        if avoidTraffic { r.avoidTraffic = true }
        if leastTraffic { r.leastTraffic = true }
        if cheap { r.cheap = true; r.minPriceLevel = nil }
        if let v = priceMax { r.priceMax = v }
        if let v = priceMin { r.priceMin = v }
        if let v = minPriceLevel { r.minPriceLevel = v; r.cheap = false }
        if let v = maxMinutes { r.maxMinutes = v }
        if let v = maxDistance { r.maxDistance = v }
        if needsCharger { r.needsCharger = true }
        if needsParking { r.needsParking = true }
        if onTheWay { r.onTheWay = true }
        if kids { r.kids = true }
        for need in needs where !r.needs.contains(need) { r.needs.append(need) }
        if avoidSpicy { r.avoidSpicy = true }
        if fastCharge { r.fastCharge = true }
        if let v = minOpenMinutes { r.minOpenMinutes = v }
        if let v = openUntilClock { r.openUntilClock = v }
        for place in avoidPlaces where !r.avoidPlaces.contains(place) { r.avoidPlaces.append(place) }
        if !avoidCuisines.isEmpty { r.avoidCuisines += avoidCuisines; r.cuisines.removeAll { avoidCuisines.contains($0) } }
        if let v = partySize { r.partySize = v }
        if let v = minRating { r.minRating = v }
        if nearest { r.nearest = true }
        if bestRated { r.bestRated = true }
        if let v = arrivalClock { r.arrivalClock = v }
        return r
    }
}

/// Reads utterances in English, German and Chinese (mixed freely, as drivers speak) into `TravelRequest`s.
public enum TravelUnderstanding {
    /// The text lower-cased with punctuation turned into spaces and padded, so phrases match on word edges.
    static func normalize(_ utterance: String) -> String {
        var out = " "
        for ch in utterance.lowercased() {
            if ch == "'" || ch == "’" {
                continue
            } else if ch.isLetter || ch.isNumber || ch == "." && false {
                out.append(ch)
            } else if ch == "-" || ch == "~" || ch == "–" {
                if let last = out.last, last.isNumber { out.append("-") } else { out.append(" ") }
            } else if ch == "." || ch == "," {
                // keep decimal points between digits
                if let last = out.last, last.isNumber { out.append(ch == "," ? "." : ch) } else { out.append(" ") }
            } else {
                out.append(" ")
            }
        }
        out.append(" ")
        // "4.5 " stays; a trailing "5." becomes "5 ".
        var cleaned = ""
        let chars = Array(out)
        for (i, c) in chars.enumerated() {
            if c == ".", i + 1 < chars.count, !chars[i + 1].isNumber { cleaned.append(" ") } else { cleaned.append(c) }
        }
        return cleaned
    }

    /// True when any of the phrases occurs in the normalized text (see `Phrase` for how each one matches).
    static func has(_ text: MatchText, _ phrases: PhraseList) -> Bool { text.contains(phrases) }

    static let categories: [(PlaceCategory, PhraseList)] = [
        (
            .charging,
            [
                "charging station", "charging stations", "charger", "chargers", "charging point", "supercharger",
                "where can i charge", "somewhere to charge", "place to charge", "ladestation*", "ladesäule*", "ladepunkt*",
                "to a plug", "find a plug", "find me a plug", "a top up of charge", "zum laden", "zum aufladen",
                "wo kann ich laden", "wo kann ich aufladen", "wo kann ich noch laden", "wo ich noch laden", "noch laden kann", "schnelllader", "充电桩",
                "充电站", "哪里充电", "哪儿充电", "去充电",
                "找个充电", "可以充电", "充电",
                // Fast and slow charging said short ("哪有快充", "a rapid charger").
                "快充", "慢充", "超充", "充个电", "rapid charger", "fast charger", "dc fast", "schnellladesäule*", "schnellladen",
                "schnell laden",
            ]
        ),
        (
            .parking,
            [
                "parking", "park", "garage", "car park", "parkplatz*", "parkplätz*", "parkhaus*", "parken", "parkgarage", "tiefgarage",
                "parkier*",
                "停车", "车位",
            ]
        ),
        (
            .fuel,
            [
                "gas station", "gas", "petrol", "fuel", "filling station", "diesel", "fill up", "fill her up", "fill the tank", "gas up",
                "tank up", "petrol station", "servo", "brim the tank", "brim it", "top up the tank", "tankstelle*", "tanken", "sprit", "benzin",
                "volltanken", "nachtanken", "tanke",
                "zapfsäule*", "加油站", "加油", "加满", "油站",
            ]
        ),
        (
            .cafe,
            [
                "coffee", "cafe", "café", "caff", "caffeine", "coffee shop", "tea", "barista", "espresso", "cuppa", "cup of tea", "cup of coffee",
                "brew", "latte",
                "cappuccino", "flat white", "scone", "scones", "cake", "cakes", "pastry", "pastries", "bakery", "tea room", "tearoom", "croissant",
                "croissants", "brötchen", "franzbrötchen", "bäcker", "plunder", "面包店", "烘焙",
                "tea rooms", "tearooms", "kaffee", "kaffe", "kaffee und kuchen", "kuchen", "bäckerei*", "konditorei*", "teestube",
                "咖啡", "茶馆", "奶茶", "下午茶", "甜品", "喝茶", "喝咖啡",
            ]
        ),
        (
            .restaurant,
            [
                "restaurant", "restaurants", "eat", "food", "dinner", "lunch", "breakfast", "brunch", "dine", "takeout",
                "take out", "bite", "place to eat", "hungry", "eats", "grub", "nosh", "starving", "famished", "essen", "abendessen", "mittagessen",
                "frühstück",
                "gaststätte", "wirtshaus", "lokal", "speisen", "hunger", "anniversary", "date night",
                "jahrestag", "hochzeitstag", "纪念日", "餐厅", "餐馆", "饭店", "饭馆", "吃饭", "吃的", "晚饭",
                "晚餐", "午饭", "午餐", "早饭", "美食", "好吃", "吃点", "吃个", "吃啥", "吃什么", "吃东西", "吃顿", "吃一顿", "馆子", "菜馆", "想吃", "能吃到", "吃到", "去吃",
                "brekkie", "supper", "hangry", "a table", "nen tisch", "einen tisch", "auf die schnelle", "was schnelles", "过早", "整碗",
                "饿得", "饿坏", "feed us", "feed the kids", "feed the family", "grab a bite", "bite to eat", "something to eat",
                "could murder", "murder a", "kill for", "chow down", "i could eat", "peckish", "chow", "scran", "munchies", "takeaway", "lunch break",
                "futtern", "mampfen", "was zu beißen", "was zu essen", "was essen", "essen gehen", "einkehren", "brotzeit", "vesper",
                "mittagstisch", "mittagspause", "abendbrot", "sattessen", "整点吃的", "吃口", "垫垫肚子", "填饱肚子", "下馆子", "宵夜", "夜宵",
                "饿了", "饿死", "打牙祭", "聚餐", "搓一顿",
                // A bowl, an inn, a breakfast said the local way.
                "吃碗", "来碗", "来一碗", "吃一碗", "嗦粉", "wirtschaft", "gastwirtschaft", "gasthaus", "gasthof", "wirtshäuser",
                "full english", "fry up", "fry-up", "full breakfast", "greasy spoon",
                // Something quick in the hand ("grab a sandwich or a wrap", "a sub", "was Belegtes", "简餐").
                "sandwich", "sandwiches", "a wrap", "wraps", "a sub", "subs", "hoagie", "hoagies", "panini", "bagel", "bagels", "deli sandwich",
                "belegtes", "belegte brötchen", "was belegtes", "简餐", "三明治", "盒饭",
            ]
        ),
        (
            .grocery,
            [
                "grocery", "groceries", "supermarket", "market", "supermarkt", "lebensmittel", "超市", "菜市场",
                // A shop for the everyday things a family runs out of on the road.
                "a store", "the store", "any store", "store thats", "convenience store", "corner shop", "late shop", "offie", "diapers",
                "nappies", "baby formula", "formula for the baby", "baby milk", "baby food", "windeln", "babynahrung", "babymilch", "späti",
                "spätkauf*", "便利店", "尿不湿", "纸尿裤", "奶粉",
            ]
        ),
        (.hospital, ["hospital", "clinic", "emergency room", "krankenhaus", "klinik", "notaufnahme", "医院", "急诊"]),
        (
            .pharmacy,
            [
                "pharmacy", "drugstore", "chemist", "chemists", "antihistamines", "paracetamol", "painkillers", "ibuprofen", "apotheke",
                "schmerztabletten", "药店", "药房", "买药",
            ]
        ),
        (
            .shopping,
            ["mall", "shopping", "shopping center", "shopping centre", "clothes", "einkaufszentrum", "einkaufen", "商场", "购物"]
        ),
        (
            .lodging,
            [
                "hotel", "hotels", "rest stop", "motel", "lodge", "room for tonight", "a room for the night", "room for the night",
                "somewhere to kip", "kip", "somewhere to sleep",
                "place to sleep", "somewhere to stay", "place to stay", "stay the night", "spend the night", "stay overnight",
                "bed for the night", "b and b", "bnb", "guest house", "guesthouse", "übernachten", "übernachtung*", "unterkunft",
                "pension", "gasthof", "pennen", "zimmer für die nacht", "酒店", "宾馆", "住宿", "过夜", "住一晚", "住的地方", "睡一晚", "民宿",
                "旅馆", "地方住", "住处", "住哪", "过一夜", "找个住的",
            ]
        ),
        (.friend, ["my friend", "my friends", "friends house", "friend", "friends", "freund", "freundin", "朋友家"]),
        (.home, ["home", "my house", "where do i live", "my address", "nach hause", "zuhause", "回家", "我家"]),
    ]

    static let brands = [
        "starbucks", "mcdonalds", "mcdonald", "burger king", "subway", "kfc", "whole foods", "tesla supercharger", "ionity",
        "aral", "shell", "esso", "chevron", "valero", "sinopec", "petrochina", "中石化", "中石油", "壳牌", "texaco", "exxon", "mobil",
        "sunoco", "circle k", "jet tankstelle", "agip", "safeway", "trader joes", "peets", "panda express", "dominos", "星巴克",
        "麦当劳", "肯德基",
    ]
    static let brandPhrases = PhraseList(brands)

    static let nearestWords: PhraseList = [
        "nearest", "closest", "nearby", "close by", "near me", "near here", "around here", "close to me", "nächste*", "nächstgelegen*",
        "in der nähe", "nah", "am nächsten", "最近", "附近", "就近", "离我近", "周边",
    ]
    static let strongNearestWords: PhraseList = ["nearest", "closest", "nächste*", "nächstgelegen*", "am nächsten", "最近", "就近", "离我最近"]
    static let trafficWords: PhraseList = [
        "no traffic", "least traffic", "avoid traffic", "avoids traffic", "without traffic", "avoid all heavy traffic",
        "avoids all heavy traffic", "less traffic", "low traffic", "without heavy traffic", "no heavy traffic", "not much traffic",
        "kein stau", "keinen stau", "ohne stau", "wenig verkehr", "wenig stau", "staufrei", "不堵", "不堵车", "别堵", "避开拥堵",
        "不拥堵", "没有堵车", "畅通",
    ]
    static let quickWords: PhraseList = ["quickest", "fastest", "quick", "quickly", "schnellste*", "schnell", "最快", "快点到", "最省时"]
    static let bestWords: PhraseList = [
        "best", "top rated", "highly rated", "high rating", "well rated", "good reviews", "best rated", "good", "great",
        "gut bewertet*", "beste*", "bestbewertet*", "gute*", "评分高", "评分最高", "好评", "最好", "口碑好", "高分",
        "好点的", "好一点", "靠谱", "不错的",
    ]
    static let cheapWords: PhraseList = [
        "cheap", "cheaper", "inexpensive", "not too expensive", "not expensive", "affordable", "budget", "low price",
        "isnt too expensive", "günstig*", "billig*", "nicht zu teuer", "preiswert*", "便宜", "不贵", "实惠", "经济",
        "on a budget", "low budget", "tight budget", "wont break the bank", "doesnt cost a fortune", "cheap and cheerful",
        "bargain", "good value", "value for money", "nothing fancy", "nothing too fancy", "nothing posh", "kleines budget",
        "kleinen geldbeutel", "schmalen geldbeutel", "nicht arm", "kein vermögen", "平价", "别太贵", "不要太贵", "划算", "性价比",
        "省钱", "便宜点",
    ]
    static let cheaperWords: PhraseList = [
        "cheaper", "less expensive", "less pricey", "a bit steep", "too steep", "bit pricey", "too pricey", "too dear", "easier on the pocket",
        "easier on the wallet", "kinder on the wallet", "kinder to the wallet", "easy on the wallet", "wallet friendly", "more sensible",
        "more reasonable", "geldbeutel nicht", "geldbeutel schont", "schont den geldbeutel", "werd ich arm", "nicht so teuer", "实惠点",
        "肉疼", "便宜的", "günstiger*", "billiger*", "preiswerter*", "zu happig", "happig", "zu teuer",
        "nummer kleiner", "zu gesalzen", "便宜点", "便宜一点", "更便宜", "便宜些", "太贵", "贵了", "有点贵",
    ]
    static let closerWords: PhraseList = [
        "closer", "nearer", "not so far", "not as far", "too far", "a hike", "a trek", "a long way", "miles away", "näher",
        "nicht so weit", "zu weit", "weniger weit", "weit weg", "近一点", "近点", "更近", "近些", "太远", "远了",
    ]
    static let betterWords: PhraseList = ["better", "better rated", "besser*", "更好", "好一点", "评分更高"]
    static let anotherWords: PhraseList = [
        "another", "something else", "different one", "other one", "another one", "else", "eine andere", "einen anderen",
        "was anderes", "etwas anderes", "ein anderes", "andere*", "换一家", "换一个", "换个", "别的", "其他", "另一家",
    ]
    static let lessTrafficWords: PhraseList = ["less traffic", "weniger verkehr", "weniger stau", "不那么堵", "少堵"]
    static let ordinals: [(Int, PhraseList)] = [
        (0, ["first one", "the first", "number one", "die erste", "der erste", "das erste", "ersten", "第一个", "第一家"]),
        (1, ["second one", "the second", "number two", "die zweite", "der zweite", "das zweite", "zweiten", "第二个", "第二家"]),
        (2, ["third one", "the third", "number three", "die dritte", "der dritte", "das dritte", "dritten", "第三个", "第三家"]),
        (-1, ["last one", "the last", "die letzte", "der letzte", "最后一个", "最后一家"]),
    ]
    static let acceptWords: PhraseList = [
        "lets go", "take me there", "go there", "sounds good", "navigate there", "set directions", "yes", "ok", "okay",
        "perfect", "fahr hin", "fahren wir", "los gehts", "ja", "passt", "gut so", "navigier", "好的", "就这家", "就它", "出发",
        "带我去", "走吧", "可以",
    ]
    static let declineWords: PhraseList = [
        "not that one", "dont like", "no thanks", "nope", "not there", "i dont want", "nicht die", "nicht das", "nicht den",
        "nein", "lieber nicht", "不要", "不想去", "不喜欢这家", "不行",
    ]
    static let reachWords: PhraseList = [
        "reach it", "make it there", "get there", "battery", "enough charge", "enough range", "range", "there and back",
        "akku", "batterie", "reichweite", "reicht", "schaffe ich", "komme ich", "hin und zurück", "电量", "续航", "能到吗", "到得了",
        "够不够", "电够",
    ]
    static let recallWords: PhraseList = [
        "what do you remember", "what do you know about me", "what have you learned", "what did you learn",
        "what do you remember about me", "was weißt du über mich", "was hast du dir gemerkt", "was merkst du dir",
        "woran erinnerst du dich", "你记得", "你记住了什么", "你知道我什么", "你了解我什么", "记得我什么",
    ]
    static let forgetWords: PhraseList = [
        "forget it", "forget that", "forget everything", "forget me", "forget what", "forget about", "delete my profile",
        "vergiss das", "vergiss es", "vergiss alles", "vergiss", "lösche", "忘掉", "忘记", "删除我的", "别记",
    ]
    static let forgetAllWords: PhraseList = [
        "everything", "all", "about me", "my profile", "alles", "mein profil", "全部", "所有", "一切",
    ]
    static let likeWords: PhraseList = [
        "i like", "i love", "i prefer", "i enjoy", "my favorite", "my favourite", "i am a fan of", "im a fan of",
        "ich mag", "ich liebe", "ich esse gern", "ich esse gerne", "am liebsten", "我喜欢", "我爱吃", "我爱", "我喜欢吃", "我偏爱",
    ]
    static let dislikeWords: PhraseList = [
        "i dont eat", "i do not eat", "i dont like", "i do not like", "i hate", "i cant stand", "i cannot eat", "i cant eat",
        "i avoid", "im allergic to", "i am allergic to", "ich mag keine", "ich mag kein", "ich mag nicht", "ich esse kein",
        "ich esse keine", "ich hasse", "ich vertrage kein", "ich vertrage keine", "我不吃", "我不喜欢", "我讨厌", "我不能吃", "我过敏",
        "我吃不了",
    ]
    static let vegetarianStatements: PhraseList = ["im vegetarian", "i am vegetarian", "im a vegetarian", "ich bin vegetarier*", "我吃素", "我是素食"]
    static let spicyWords: PhraseList = ["spicy", "hot food", "chilli", "chili", "chillies", "chilies", "scharf*", "scharfes", "辣", "麻辣"]
    static let tonightWords: PhraseList = ["tonight", "this evening", "heute abend", "今晚", "今天晚上", "晚上"]
    static let dinnerWords: PhraseList = ["dinner", "abendessen", "晚饭", "晚餐"]
    static let lunchWords: PhraseList = ["lunch", "mittagessen", "午饭", "午餐", "中午"]

    /// Reads one utterance. Follow-ups ("the second one") are told apart from new searches by the caller's session.
    ///
    /// With `sessionActive` false, constraints are read only when the utterance names a place or hints at one
    /// ("somewhere fancy", "on the way"): a car-status question pays for few phrase lists.
    public static func parse(_ utterance: String, sessionActive: Bool = true) -> TravelRequest {
        let text = MatchText(normalize(utterance))
        var r = TravelRequest()
        // "堵成停车场", "like a parking lot": traffic, not parking.
        let parkingIdiom = has(text, parkingLotIdioms)
        let named = categories.filter { has(text, $0.1) }.map(\.0).filter { !parkingIdiom || $0 != .parking }
        r.category = named.first
        // A cuisine turned away ("no ramen", "拉面就算了") is avoided, and does not hide its parent ("japanese").
        let said = Cuisine.said(in: text)
        let turnedAway = said.filter { isNegated($0.tag, $0.word, in: text, others: said.map(\.word)) }
        r.avoidCuisines = turnedAway.map(\.tag)
        // A speciality of a kitchen turned away is not a wish ("anything but mexican, we had tacos all week").
        let awaySet = Set(r.avoidCuisines)
        r.cuisines = Cuisine.mostSpecific(
            said.filter { s in !turnedAway.contains { $0.tag == s.tag } && Cuisine.ancestors(s.tag).isDisjoint(with: awaySet) })
        // A charger or parking next to a destination is a constraint on it, not a search for a station or a car park.
        let destination = named.first { Self.destinations.contains($0) } ?? (r.cuisines.isEmpty ? nil : .restaurant)
        let amenityCharger = has(text, amenityChargerWords)
        let amenityParking = has(text, amenityParkingWords) && !parkingIdiom
        if let destination, named.contains(.charging) || amenityCharger {
            r.needsCharger = true
            r.category = destination
        }
        if let destination, named.contains(.parking) && !parkingIdiom || amenityParking {
            r.needsParking = true
            r.category = destination
        }
        // "Oh and it needs a car park": said with a need of the place, the amenity is a constraint too.
        let amenityNeeded =
            destination == nil && !parkingIdiom && (named.contains(.parking) || named.contains(.charging))
            && has(text, amenityNeedVerbs) && !has(text, amenitySearchWords)
        if destination == nil, amenityCharger || amenityParking || amenityNeeded {
            // "One with parking": on its own a search for the amenity, after a search a constraint on it.
            r.amenityOnly = true
            r.needsCharger = amenityCharger || amenityNeeded && named.contains(.charging)
            r.needsParking = amenityParking || amenityNeeded && named.contains(.parking)
            r.category = r.needsCharger ? .charging : .parking
            // "A car park, ideally one I can charge at" ("找个停车场 最好还能充电的"): the car park is the place, the
            // charger its amenity.
            if named.contains(.parking), !parkingIdiom, !amenityParking, r.needsCharger {
                r.category = .parking
                r.needsParking = false
            }
        }
        if !r.cuisines.isEmpty, r.category == nil || r.category == .shopping { r.category = .restaurant }
        // "Aber bitte kein Döner", "anything but pizza": turning a cuisine away is looking for somewhere to eat.
        if !r.avoidCuisines.isEmpty, r.category == nil { r.category = .restaurant }
        // "British tea" is the evening meal ("somewhere for tea with the kids"): see `TravelCompanion.understand`.
        if r.cuisines.contains("fast food") || r.cuisines.contains("pizza"), r.category == .cafe { r.category = .restaurant }
        r.name = text.first(of: brandPhrases)
        if r.name == "星巴克" { r.name = "starbucks" }
        if let name = r.name, r.category == nil {
            r.category = ["starbucks", "peets"].contains(name) ? .cafe : nil
        }
        if r.category == nil, let address = streetAddress(text.string) {
            r.category = .address
            r.name = address
        }
        let readConstraints = r.isAboutPlaces || sessionActive || has(text, placeHints)
        if readConstraints { constraints(text, into: &r) }
        parseNumbers(text, into: &r)
        r.avoidPlaces = ruledOutPlaces(text.string)
        dish(MatchText(utterance), into: &r)
        // "There's eight of us", "somewhere fancy": a party or a fancy place is a table somewhere.
        // ("For seven" alone is not a party: "set an alarm for seven am".)
        if r.category == nil, r.partySize != nil && has(text, partyWords) || r.minPriceLevel != nil {
            r.category = .restaurant
            // The place was inferred from the party: its other constraints (kids, traffic, time) count too.
            if !readConstraints {
                let party = r.partySize
                constraints(text, into: &r)
                r.partySize = party
            }
        }
        // "Somewhere close thats good for kids", "irgendwo wo der hund mitdarf": an unnamed place wished for with what
        // a table is chosen by (the kids, a diet, a price) is somewhere to eat.
        if r.category == nil, has(text, somewhereWords), r.kids || !r.needs.isEmpty || r.avoidSpicy || r.cheap || r.partySize != nil {
            r.category = .restaurant
        }
        // "Auf dem Weg noch schnell laden": a charge on the way is a charging stop.
        if r.category == nil, r.onTheWay, has(text, chargeVerbs) { r.category = .charging }
        return kind(text, r)
    }

    /// Phrases that can make a request without a place word: a fancy place, a stop on the way.
    static let placeHints = PhraseList(
        fancyWords.words + strongRouteWords.words + routeWords.words + somewhereWords.words + mildWords.words
            + needWords.filter { $0.tag != "dog friendly" }.flatMap(\.words.words))
    /// A place left unnamed ("somewhere close thats good for kids", "irgendwo wo der hund mitdarf", "找个地方").
    static let somewhereWords: PhraseList = [
        "somewhere", "someplace", "a place", "a spot", "anywhere", "irgendwo", "irgendwas", "was wo", "ein lokal", "找个地方", "找个地儿",
        "找家", "找一家", "有没有地方", "哪有地方", "找个",
    ]
    /// Needing an amenity said of the place in question ("oh and it needs a car park", "an parkplatz brauch ma",
    /// "得有停车场"): a constraint on the search in progress, as "one with parking" is.
    static let amenityNeedVerbs: PhraseList = [
        "needs", "need", "needs to have", "has to have", "must have", "it needs", "got to have", "gotta have", "brauch*", "muss", "müssen",
        "soll", "sollte", "要有", "得有", "最好有", "最好还能", "还得有", "需要",
    ]

    /// Closeness, traffic, rating, price, kids, opening, time and route wishes.
    static func constraints(_ text: MatchText, into r: inout TravelRequest) {
        r.nearest = has(text, strongNearestWords)
        r.nearby = !r.nearest && has(text, nearestWords)
        r.leastTraffic = has(text, trafficWords) || has(text, trafficNouns)
        r.avoidTraffic = has(text, trafficAvoidWords) || (has(text, trafficNouns) && has(text, negationWords))
        r.bestRated = has(text, bestWords)
        let pricey = has(text, expensiveWords) || has(text, fancyWords)
        let cheapSaid = has(text, cheapWords)
        if cheapSaid, isNegatedWord(cheapWords, in: text) {
            // "Nothing cheap", "nicht billig": a floor, higher when a fancy word comes with it.
            r.cheap = false
            r.minPriceLevel = has(text, fancyWords) ? 3 : 2
        } else {
            r.cheap = cheapSaid || (pricey && has(text, negationWords))
            if !r.cheap, has(text, fancyWords) { r.minPriceLevel = 3 }
        }
        r.kids = has(text, kidsWords)
        r.fastCharge = has(text, fastChargeWords)
        r.needs = needWords.filter { has(text, $0.words) }.map(\.tag)
        if !r.needs.contains("dog friendly"), has(text, dogWords), !has(text, hotDogWords) { r.needs.append("dog friendly") }
        // "My buddy is vegan and I want barbecue": the need is a need, the kitchen is the other one.
        if r.cuisines.count > 1 { r.cuisines.removeAll { r.needs.contains($0) } }
        // A diet is about a meal ("got a coeliac in the car", "meine Freundin isst kein Fleisch"), not a person's address.
        let dietary = r.needs.contains { $0 != "dog friendly" } || r.avoidSpicy
        if dietary, r.category == nil || r.category == .friend || r.category == .home { r.category = .restaurant }
        r.avoidSpicy = has(text, mildWords) || isNegatedSpicy(text)
        if has(text, openLateWords) { r.minOpenMinutes = 90 }
        // "Bis Mitternacht offen", "open till midnight": a time of day, not only "late".
        if has(text, midnightWords) { r.openUntilClock = 24 * 60 }
        r.asksTime = has(text, howLongWords)
        // "On the way" also ends "a jam on the way": only a route word without a traffic word is the route.
        r.onTheWay = has(text, strongRouteWords) || (has(text, routeWords) && !has(text, trafficNouns))
        if has(text, halfHourWords) { r.maxMinutes = 30 }
        if has(text, quarterHourWords) { r.maxMinutes = 15 }
        if has(text, quickWords) { r.leastTraffic = true }
        if has(text, tonightWords) || has(text, dinnerWords) { r.arrivalClock = 19 * 60 }
        if has(text, lunchWords) { r.arrivalClock = 12 * 60 + 30 }
    }

    /// What kind of turn it is: recall, forget, a preference, a pick, a refinement, or a search.
    static func kind(_ text: MatchText, _ request: TravelRequest) -> TravelRequest {
        var r = request
        let isQuestionAboutMe = has(text, recallWords)
        if isQuestionAboutMe {
            r.kind = .recall
            return r
        }
        // "Tex-Mex, but if the roads are jammed forget it": a search with a condition, not "forget me".
        if has(text, forgetWords), !r.isAboutPlaces || has(text, forgetAllWords) && !r.hasConstraints {
            r.kind = .forget
            r.forgetAll = has(text, forgetAllWords)
            return r
        }
        let prefs = preferences(text)
        if !prefs.isEmpty, r.category == nil || r.category == .restaurant, !has(text, searchVerbs) {
            r.kind = .statement
            r.preferences = prefs
            return r
        }
        if let ord = ordinals.first(where: { has(text, $0.1) }) {
            r.kind = .select
            r.ordinal = ord.0
            return r
        }
        // "48 bucks a plate, something kinder to the wallet": the price said is the one to beat.
        if has(text, cheaperWords), let price = r.priceMax, r.priceMin == nil {
            r.priceMax = price - 1
            r.kind = .search
            return r
        }
        // A limit said in numbers ("ten minutes is fine, further is too far") narrows the search in progress.
        if r.maxMinutes != nil || r.maxDistance != nil || r.priceMax != nil || r.minRating != nil || r.partySize != nil {
            r.kind = .search
            return r
        }
        if !r.isAboutPlaces || has(text, insteadWords) || has(text, cheaperWords) {
            if has(text, cheaperWords) { r.kind = .refine; r.refinement = .cheaper; return r }
            if has(text, closerWords) { r.kind = .refine; r.refinement = .closer; return r }
            if has(text, lessTrafficWords) { r.kind = .refine; r.refinement = .lessTraffic; return r }
            if has(text, betterWords) { r.kind = .refine; r.refinement = .better; return r }
            if has(text, anotherWords) { r.kind = .refine; r.refinement = .another; return r }
            if has(text, reachWords) { r.kind = .reach; return r }
            // "Ok but somewhere cheap": a yes or no that comes with constraints narrows the search.
            if r.hasConstraints { r.kind = .search; return r }
            if has(text, declineWords) { r.kind = .decline; return r }
            if has(text, acceptWords) { r.kind = .accept; return r }
        }
        r.kind = .search
        return r
    }

    static let searchVerbs: PhraseList = ["find", "suche", "找", "where", "wo "]
    /// Words that make a named car park or charger the thing searched for ("where's the nearest car park").
    static let amenitySearchWords: PhraseList = [
        "where", "nearest", "closest", "find me", "find a", "look for", "wo ist", "wo gibt", "nächste*", "suche", "哪里", "哪儿", "最近的",
    ]
    /// Categories a driver goes to, which a charger or parking can come with.
    static let destinations: Set<PlaceCategory> = [.restaurant, .cafe, .lodging, .shopping, .grocery, .attraction, .pharmacy]
    static let amenityChargerWords: PhraseList = [
        "with a charger", "with charger", "with chargers", "with charging", "with ev charging", "with a charging", "has a charger",
        "has charging", "got a charger", "where i can charge", "where we can charge", "where you can charge", "charge while",
        "charge the car", "plug in", "plug the car in", "juice up", "get some juice", "top the car up", "top up the car",
        "top up the battery", "top the battery up", "top it up", "charge up", "mit ladesäule*", "mit lademöglichkeit*", "mit ladestation*",
        "mit e ladesäule", "wo ich laden kann", "wo man laden kann", "wo wir laden können", "auto laden", "nebenbei laden",
        "gleichzeitig laden", "karre laden", "wagen laden", "akku laden", "batterie laden", "strom laden", "strom tanken",
        "nachladen", "aufladen", "strom ziehen", "strom zapfen", "some charge", "charge back", "a charge point", "charge point", "anstöpseln",
        "einstöpseln", "anstecken kann", "an die steckdose", "能充电", "充上", "把车充", "充充电", "可以充电的", "有充电桩", "带充电桩", "顺便充电", "边吃边充", "充上电", "充会儿电",
        "充一下电", "充个电",
    ]
    static let amenityParkingWords: PhraseList = [
        "with parking", "has parking", "got parking", "own parking", "with a car park", "with a parking", "parking lot",
        "where i can park", "where we can park", "easy to park", "easy parking", "somewhere to park", "mit parkplatz*", "parkplätze direkt",
        "parkplatz direkt",
        "mit parkplätzen", "mit parkhaus", "wo man parken kann", "wo ich parken kann", "wo wir parken können",
        "gut parken", "parken kann", "能停车", "好停车", "有停车", "方便停车", "停车方便", "带停车",
        "i can park", "we can park", "park up", "park the car", "leave the car", "leave the motor", "park the motor", "lot i can",
        "lot we can", "own lot", "with a lot", "has a lot", "pull into", "stellplatz*", "eigenem parkplatz", "eigener parkplatz",
        "eigenen parkplatz", "own car park", "without getting a ticket", "ditch the car", "parking nearby", "parking there",
        "auto abstellen", "karre abstellen", "wagen abstellen", "abstellen kann", "abstellen können", "parkmöglichkeit*",
        "停得下", "停车位", "有地方停", "车能停",
        // Parking at the place found ("und parken muss ich da auch können", "can i park there too").
        "parken können", "parken muss ich da", "da auch nen parkplatz", "da auch einen parkplatz", "da einen parkplatz",
        "da parkplätze", "is there parking there", "parking there", "parking at it", "da parken", "dort parken", "da auch parken", "park there",
        "parking there too",
        "能不能停车", "那里停车", "那儿停车",
    ]
    static let parkingLotIdioms: PhraseList = [
        "like a parking lot", "like a car park", "into a car park", "into a parking lot", "wie ein parkplatz", "wie auf dem parkplatz",
        "堵成停车场", "成了停车场", "变成停车场",
    ]
    static let trafficNouns: PhraseList = [
        "traffic", "jam", "jams", "traffic jam", "congestion", "congested", "gridlock", "tailback", "tailbacks", "stau", "staus",
        "stop and go", "verkehr", "berufsverkehr", "堵", "拥堵", "堵车", "塞车", "jammed", "jammed up", "backed up", "gridlocked",
        "rush hour", "bumper to bumper", "snarled", "snarled up", "chocka", "chock a block", "roadworks", "road works",
        "da steht", "steht alles", "alles steht", "alles dicht", "zähflüssig", "stockend", "rushhour", "baustelle*",
        "堵死", "塞得", "排长龙", "wreck", "accident", "crash", "pile up", "crawling", "rammed", "queue", "queues", "sat in traffic",
        "unfall", "stockt", "kriechen", "事故", "追尾", "like a parking lot", "like a car park", "wie ein parkplatz", "堵成停车场", "成了停车场",
    ]
    static let trafficAvoidWords: PhraseList = [
        "avoid traffic", "avoids traffic", "no traffic", "without traffic", "no heavy traffic", "without heavy traffic",
        "clear roads", "free flowing", "staufrei", "ohne stau", "kein stau", "keinen stau", "不堵", "别堵", "避开拥堵", "畅通",
        "不拥堵", "没有堵车", "别太堵",
    ]
    static let negationWords: PhraseList = [
        "no", "not", "nothing", "nowhere", "without", "avoid*", "dont", "hate", "skip", "steer clear", "kein*", "nicht*", "nichts",
        "nix", "nowt", "bloß nicht", "bloss nicht", "ned", "net so", "nit", "ja ned", "bloß ned", "forget it", "im not", "keep off", "keep us off",
        "keep me off", "stay off", "stay away",
        "keep away",
        "away from", "dodge", "bypass", "get around", "steer around", "umgehen",
        "ohne", "vermeid*", "umfahr*", "meiden", "别", "不", "避开", "没", "绕开", "绕过",
    ]
    static let fancyWords: PhraseList = [
        "something fancy", "somewhere fancy", "fancy restaurant", "fancy place", "fancy dinner", "bit fancy", "posh", "upscale",
        "high end", "fine dining", "splurge", "classy", "gehoben*", "edel*", "nobel*", "schick*", "fein essen", "高档", "高端",
        "上档次", "贵一点的",
    ]
    static let kidsWords: PhraseList = [
        "kids", "kid", "children", "family friendly", "kid friendly", "little ones", "toddler", "toddlers", "kiddies", "kiddos",
        "kiddo", "nippers", "sprogs", "little uns", "wee uns", "wee ones", "bairns", "the baby", "a baby", "kinder", "kindern", "kinderfreundlich*",
        "familienfreundlich*", "mit kind", "zwerge", "zwergen", "knirpse", "knirpsen", "die kleinen", "den kleinen",
        "nachwuchs", "孩子", "小孩", "儿童", "亲子", "带娃", "娃", "小朋友", "宝宝",
        // Where children can play ("a wirtshaus mit kinderspielplatz", "a play area").
        "playground", "play area", "soft play", "spielplatz*", "kinderspielplatz*", "spielecke*", "游乐场", "儿童乐园", "游乐区",
    ]
    static let routeWords: PhraseList = ["on the way", "unterwegs", "路上"]
    static let strongRouteWords: PhraseList = [
        "on my way", "on our way", "along the way", "along the route", "en route", "without a detour", "no detour",
        "little detour", "small detour", "on the route", "auf dem weg", "auf der strecke", "am weg", "ohne umweg",
        "kleiner umweg", "entlang der route", "顺路", "沿途", "顺道", "路过", "不绕路", "along here", "out of my way",
        "out of the way", "round the houses", "off the route", "along this road", "on this road", "double back", "off course",
        "takes me off", "on the road south", "on the road north", "on the way down", "on the way up", "auf der strecke liegt", "auf der route",
        "am wegesrand", "ohne abstecher", "别绕远", "不绕远", "绕远", "aufm weg", "auf m weg", "aufn weg", "groß abfahren", "abfahren muss",
        "großen umweg", "großer umweg",
    ]
    /// In British English "tea" in the evening is the meal ("what's for tea", "somewhere for tea").
    static let teaMealWords: PhraseList = [
        "for tea", "our tea", "us tea", "me tea", "my tea", "the kids tea", "kids tea", "family tea", "have tea", "get tea",
        "tea tonight", "tea time", "teatime", "some tea with the kids",
    ]
    /// Cafe words that keep a British "tea" a cup of tea at any hour.
    static let cupOfTeaWords: PhraseList = ["cuppa", "cup of tea", "pot of tea", "cream tea", "afternoon tea", "scone", "scones", "cake", "coffee"]
    /// Words that make a number a party ("table for", "of us", "people", "zu zwölft", "个人").
    static let partyWords: PhraseList = [
        "table for", "of us", "people", "persons", "adults", "kids", "children", "kiddies", "party of", "group of", "personen", "leute",
        "erwachsene", "kinder", "zu zweit", "zu dritt", "zu viert", "zu fünft", "zu sechst", "zu siebt", "zu acht", "zu neunt",
        "zu zehnt", "zu elft", "zu zwölft", "tisch für", "个人", "位", "口人", "大人", "小孩",
    ]
    static let openLateWords: PhraseList = [
        "open late", "open till late", "open until late", "open a while", "open a good while", "open for a while",
        "open a bit longer", "stays open", "still open for a while", "noch lange offen", "noch länger offen",
        "lange geöffnet", "länger geöffnet", "länger offen", "营业到很晚", "开到很晚", "营业时间长", "晚点关门",
        "until midnight", "till midnight", "past midnight", "bis mitternacht", "nach mitternacht", "开得晚", "开到半夜", "开到凌晨",
    ]
    static let midnightWords: PhraseList = [
        "until midnight", "till midnight", "til midnight", "up to midnight", "bis mitternacht", "bis um mitternacht", "bis zwölf uhr nachts",
        "开到半夜十二点", "开到十二点", "到半夜", "开到午夜", "营业到午夜",
    ]
    /// "Not the one on the A12", "nicht die an der B27", "不要东站那家": a place the driver rules out by where it is.
    static func ruledOutPlaces(_ text: String) -> [String] {
        var out: [String] = []
        let stops: Set<String> = [
            "its", "it", "is", "they", "cause", "because", "coz", "as", "please", "thanks", "da", "die", "weil", "bitte", "und", "and", "or", "oder",
        ]
        for lead in [
            " not the one on the ", " not the one on ", " not the one at the ", " not the one at ", " not the one in ", " not the one by the ",
            " not the one near the ", " nicht die an der ", " nicht die am ", " nicht die in der ", " nicht die beim ", " nicht die auf der ",
            " nicht das an der ", " nicht das am ", " nicht den an der ", " nicht den am ",
        ] {
            guard let range = text.firstRange(of: lead) else { continue }
            let words = text[range.upperBound...].split(separator: " ").prefix(2).map(String.init)
            let kept = words.prefix { !stops.contains($0) }
            if let name = kept.first, name.count >= 2, !["one", "eine", "einen", "so", "zu", "mehr"].contains(name) {
                out.append(kept.joined(separator: " "))
                break
            }
        }
        for lead in ["不要去", "不要", "别去"] {
            guard let range = text.firstRange(of: lead) else { continue }
            let rest = text[range.upperBound...]
            guard let end = rest.firstRange(of: "那家") ?? rest.firstRange(of: "那个") ?? rest.firstRange(of: "那边的") else { continue }
            let name = String(rest[..<end.lowerBound]).trimmed
            if (2...8).contains(name.count) { out.append(name) }
            break
        }
        return out
    }
    static let chargeVerbs: PhraseList = [
        "charge", "charge up", "top up", "recharge", "laden", "aufladen", "nachladen", "strom tanken", "充电", "充个电", "补电",
    ]
    /// Words that turn a cuisine away: "no ramen", "kein Sushi", "拉面就算了".
    static let cuisineNegationBefore = [
        "no ", "not ", "without ", "except ", "but not ", "anything but ", "anything except ", "other than ", "no more ",
        "not another ", "not more ", "sick of ", "tired of ", "fed up with ", "had enough of ", "not in the mood for ",
        "not feeling ", "not feeling like ", "rather not have ", "dont want ", "dont fancy ", "scratch ", "scratch the ", "forget the ",
        "ditch the ", "skip the ", "had my fill of ", "fed up of ", "nix ", "nichts ", "kein ", "keine ", "keinen ",
        "nicht ", "ohne ", "außer ", "nicht schon wieder ", "schon wieder kein ", "kein bock auf ", "keine lust auf ",
        "bloß kein ", "bloß keine ", "genug von ", "不要", "不吃", "除了", "别", "不想吃", "不想", "不要再", "别再", "不吃了",
    ]
    static let cuisineNegationAfter = [
        "就算了", "算了", "不要", "免了", "就不要了", "吃腻了", "吃够了", "不想吃了", "就免了", " nicht", " lieber nicht", " bitte nicht",
        " is out", " s out", " is off", " again no", " nope", " hab ich satt", " kann ich nicht mehr sehen", " hängt mir",
        " reicht mir", " had enough", " no more", " is nich so meins", " ist nicht so meins", " nicht so meins", " not my thing",
        " isnt my thing", " not really my thing", "就别了", "别了", "都腻了", "吃腻", "都不要", "也不要", "都不吃", "都算了", "都免了", "不要了", "就算了吧",
    ]

    /// True when the cuisine named by `word` is turned away where it is said ("no ramen", "拉面就算了").
    /// Any of its mentions counts: "hotpot every day, no hotpot today" turns hotpot away. Articles and the
    /// other cuisines of a list are skipped ("not a curry", "no sichuan or hunan", "川菜湘菜都不要").
    static func isNegated(_ tag: String, _ word: String, in text: MatchText, others: [String] = []) -> Bool {
        let string = text.string
        let needle = word.hasSuffix("*") ? String(word.dropLast()) : word
        let listWords = others.map { $0.hasSuffix("*") ? String($0.dropLast()) : $0 }.filter { $0 != needle }
        for range in string.ranges(of: needle) {
            let before = skipping(negationSkippedBefore + listWords, fromEndOf: String(string[..<range.lowerBound].suffix(40))).suffix(24)
            let after = String(string[range.upperBound...].prefix(40))
            if cuisineNegationBefore.contains(where: { before.hasSuffix($0) || before.hasSuffix(" " + $0) }) { return true }
            // After it: the negation right behind ("拉面就算了"), or behind a list closed by 都/也 ("川菜湘菜都不要").
            let plain = skipping(["echt", "really"], fromStartOf: after)
            let listed = skipping(["or", "and", "oder", "und", "和", "跟", "或者", "、"] + listWords, fromStartOf: after)
            let candidates = [plain] + (listed.hasPrefix("都") || listed.hasPrefix("也") ? [String(listed.dropFirst())] : [])
            for a in candidates where cuisineNegationAfter.contains(where: { a.hasPrefix($0) || a.hasPrefix(" " + $0) }) { return true }
        }
        return false
    }

    /// Whether `w` is written in spaced words (Latin) rather than Han characters.
    static func isSpaced(_ w: String) -> Bool { w.unicodeScalars.first.map { $0.value < 0x2E80 } ?? true }

    /// `text` without the words of `words` at its end, as often as they occur there ("no sichuan or " → "no ").
    static func skipping(_ words: [String], fromEndOf text: String) -> String {
        var t = text
        var changed = true
        while changed {
            changed = false
            for w in words where isSpaced(w) ? t.hasSuffix(" " + w + " ") : t.hasSuffix(w) {
                t = String(t.dropLast(isSpaced(w) ? w.count + 1 : w.count))
                changed = true
            }
        }
        return t
    }

    /// `text` without the words of `words` at its start.
    static func skipping(_ words: [String], fromStartOf text: String) -> String {
        var t = text
        var changed = true
        while changed {
            changed = false
            for w in words where isSpaced(w) ? t.hasPrefix(" " + w + " ") : t.hasPrefix(w) {
                t = String(t.dropFirst(isSpaced(w) ? w.count + 1 : w.count))
                changed = true
            }
        }
        return t
    }

    static let negationSkippedBefore = [
        "a", "an", "the", "any", "some", "more", "or", "and", "ein", "eine", "einen", "n", "ne", "oder", "und", "so", "和", "跟", "或者", "、",
        // Intensifiers between the negation and the cuisine ("not another bloody burger place", "kein verdammtes Sushi").
        "bloody", "damn", "flipping", "freaking", "effing", "sodding", "verdammt", "verdammtes", "verdammten", "scheiß", "blödes",
    ]

    /// True when a word of `list` is said with a negation right before it ("nothing cheap", "nicht billig", "不要便宜的").
    static func isNegatedWord(_ list: PhraseList, in text: MatchText) -> Bool {
        guard let word = text.first(of: list) else { return false }
        let string = text.string
        let needle = word.hasSuffix("*") ? String(word.dropLast()) : word
        for range in string.ranges(of: needle) {
            let before = String(string[..<range.lowerBound].suffix(16))
            if wordNegationBefore.contains(where: { before.hasSuffix($0) }) { return true }
        }
        return false
    }
    /// Dietary and other needs, by the tag the data gives a place that meets them.
    static let needWords: [(tag: String, words: PhraseList)] = [
        (
            "vegetarian",
            [
                "vegetarian", "vegetarians", "veggie", "veggies", "doesnt eat meat", "dont eat meat", "don't eat meat", "no meat",
                "meat free", "meatless", "without meat", "vegetarisch*", "vegetarier", "ohne fleisch", "kein fleisch", "isst kein fleisch",
                "essen kein fleisch", "fleischlos", "素食", "吃素", "不吃肉", "素菜",
            ]
        ),
        ("vegan", ["vegan", "vegans", "plant based", "plant-based", "no animal products", "vegan*", "veganer", "纯素", "全素"]),
        (
            "gluten free",
            [
                "gluten free", "gluten-free", "no gluten", "coeliac", "celiac", "glutenfrei*", "ohne gluten", "zöliakie", "无麸质", "不含麸质",
                "麸质过敏",
            ]
        ),
        ("halal", ["halal", "清真"]),
        (
            "dog friendly",
            [
                "the dog", "my dog", "our dog", "with a dog", "dogs allowed", "dog friendly", "dog-friendly", "dogs are allowed", "the pup",
                "pooch", "let dogs in", "dogs in", "dogs welcome", "doggo", "den hund", "mit hund", "hund dabei", "hunde erlaubt", "hundefreundlich*",
                "带狗", "带着狗", "狗狗", "能带宠物", "宠物友好",
            ]
        ),
    ]
    /// A dog said plainly ("the dogs desperate for a walk", "wo de hund mitdarf", "还有条狗"): taken along, so a
    /// dog-friendly place; not a hot dog.
    static let dogWords: PhraseList = ["dog", "dogs", "doggy", "hund", "hunde", "hunden", "hundle", "hündin", "wauwau", "狗", "宠物"]
    static let hotDogWords: PhraseList = ["hot dog", "hot dogs", "hotdog*", "corn dog*", "热狗"]
    static let fastChargeWords: PhraseList = [
        "fast charg*", "rapid charg*", "quick charg*", "dc fast", "dc charg*", "supercharger*", "ultra rapid", "high power charg*",
        "schnelllad*", "schnell laden", "hpc", "快充", "超充", "直流快充", "快速充电",
    ]
    static let mildWords: PhraseList = [
        "nothing too hot", "not too hot", "cant handle spice", "can't handle spice", "cant handle spicy", "cant take spice",
        "cant do spice", "no spice", "nothing hot", "verträgt nichts scharfes", "verträgt kein scharf*", "keine schärfe",
        "something mild", "not spicy", "nothing spicy", "not too spicy", "no spicy", "mild food", "nicht scharf", "nichts scharfes",
        "nicht so scharf", "mild essen", "was mildes", "清淡", "不辣", "不要辣", "别太辣", "不吃辣", "吃不了辣", "不能吃辣",
        // Mild said on its own ("a chinese thats dead mild", "eher mild", "口味淡一点").
        "mild", "mildes", "milde", "mildere", "milder", "口味淡", "淡一点", "不能吃辣的", "吃不得辣",
    ]

    /// "别给我推辣的", "kein scharfes Essen": a spicy word with a negation shortly before it (not "不怕辣").
    static func isNegatedSpicy(_ text: MatchText) -> Bool {
        if isNegatedWord(spicyWords, in: text) { return true }
        let string = text.string
        for range in string.ranges(of: "辣") {
            let before = String(string[..<range.lowerBound].suffix(6))
            if before.contains("不怕") { continue }
            if ["别", "不要", "不想", "不吃"].contains(where: { before.contains($0) }) { return true }
        }
        return false
    }

    static let wordNegationBefore = [
        " nothing ", " nothing too ", " not ", " not too ", " no ", " nowt ", " nichts ", " nicht ", " nicht zu ", " kein ",
        " keine ", " keinen ", " nix ", "不要", "别", "不要太", "别太", "不能太",
    ]

    static let quarterHourWords: PhraseList = ["quarter of an hour", "quarter hour", "viertelstunde", "viertel stunde", "一刻钟"]
    static let halfHourWords: PhraseList = ["half an hour", "halbe stunde", "halben stunde", "半小时", "半个小时", "半个钟"]
    static let howLongWords: PhraseList = [
        "how long", "how many minutes", "how far is it", "wie lange", "wie lang", "wie weit", "多久", "多长时间", "几分钟", "多远",
    ]
    static let insteadWords: PhraseList = ["instead", "stattdessen", "还是"]
    /// Words that make a turn a follow-up on the search in progress.
    static let followUpWords: PhraseList = [
        "what about", "how about", "instead", "rather", "and", "also", "but", "though", "one", "any", "maybe", "or",
        "lieber", "stattdessen", "doch", "eher", "und", "aber", "auch", "vielleicht", "oder", "welche*", "eins", "eine",
        "还是", "那", "呢", "换成", "要", "也", "改成", "或者", "oh and", "by the way", "actually", "ach ja", "übrigens", "ach und",
        "对了", "另外", "还有",
    ]
    static let expensiveWords: PhraseList = [
        "expensive", "pricey", "overpriced", "fortune", "arm and a leg", "break the bank", "teuer", "teures", "vermögen",
        "贵",
    ]
    static let trafficStatementWords: PhraseList = ["traffic", "stau", "堵车"]

    static let streetWords: Set<String> = [
        "street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "lane", "ln", "way", "boulevard", "blvd", "place", "pl",
        "court", "ct", "straße", "strasse", "str", "weg", "platz", "allee", "gasse", "ring",
    ]

    static let unitWords: Set<String> = [
        "km", "kilometers", "kilometres", "kilometer", "miles", "mile", "mi", "m", "meters", "metres", "minutes", "minute", "min",
        "hours", "hour", "h", "percent", "prozent", "people", "persons", "personen", "stars", "sterne", "euro", "eur", "dollars",
        "kmh", "mph", "psi", "bar", "kpa", "grad", "degrees", "v", "volt", "kwh", "kw", "l", "liter", "litres", "liters",
    ]

    /// "5677 southwest 4th street", "Augustenstraße 12": a street address asked for by its words.
    static func streetAddress(_ text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        for (i, w) in words.enumerated() where w.count >= 2 && w.count <= 5 && w.allSatisfy(\.isNumber) {
            // A quantity is no house number ("120 km to the next place").
            if i + 1 < words.count, unitWords.contains(words[i + 1]) { continue }
            // Number first: up to three words up to a street word.
            for j in (i + 1)..<min(words.count, i + 5) where streetWords.contains(words[j]) {
                return words[i...j].joined(separator: " ")
            }
            // German order: a street word (or a compound ending in one) just before the number.
            if i > 0, streetWords.contains(where: { words[i - 1].hasSuffix($0) && $0.count >= 3 }) {
                return words[(i - 1)...i].joined(separator: " ")
            }
        }
        return nil
    }

    /// Likes and dislikes stated in the utterance, as profile keys ("cuisine:pizza", "tag:spicy").
    static func preferences(_ text: MatchText) -> [(key: String, liked: Bool)] {
        if has(text, vegetarianStatements) { return [("cuisine:vegetarian", true), ("tag:meat", false)] }
        let negative = has(text, dislikeWords)
        let positive = !negative && has(text, likeWords)
        guard negative || positive else { return [] }
        var out: [(key: String, liked: Bool)] = []
        if has(text, spicyWords) { out.append(("tag:spicy", !negative)) }
        for tag in Cuisine.mentioned(in: text) { out.append(("cuisine:\(tag)", !negative)) }
        if has(text, expensiveWords) { out.append(("price:high", !negative)) }
        if has(text, trafficStatementWords) { out.append(("traffic:heavy", !negative)) }
        return out
    }

    static let chineseDigits: [Character: Int] = [
        "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    /// `chineseDigits` for one scalar, without hashing.
    static func singleChineseDigit(_ scalar: UInt32) -> Int? {
        switch scalar {
        case 0x96F6: 0  // 零
        case 0x4E00: 1  // 一
        case 0x4E8C: 2  // 二
        case 0x4E24: 2  // 两
        case 0x4E09: 3  // 三
        case 0x56DB: 4  // 四
        case 0x4E94: 5  // 五
        case 0x516D: 6  // 六
        case 0x4E03: 7  // 七
        case 0x516B: 8  // 八
        case 0x4E5D: 9  // 九
        default: nil
        }
    }

    /// Number words up to a hundred in English and German, compounds included ("twenty five", "fünfundzwanzig").
    static let spokenNumbers: [String: Double] = {
        let enUnits = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        let enTens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        let deUnits = ["ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
        let deTens = ["zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]
        var table: [String: Double] = [
            "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
            "seventeen": 17, "eighteen": 18, "nineteen": 19, "fourty": 40, "a hundred": 100, "hundred": 100, "a dozen": 12,
            "dozen": 12, "eins": 1, "zehn": 10, "elf": 11,
            "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
            "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "dreissig": 30, "hundert": 100,
            // Spoken forms ("fuffzehn euro", "zwanzich", "zwoa").
            "fuffzehn": 15, "fuchzehn": 15, "fuffzig": 50, "fuffzich": 50, "zwanzich": 20, "dreißich": 30, "vierzich": 40, "zwo": 2,
            "zwoa": 2, "oans": 1, "anderthalb": 1.5, "eineinhalb": 1.5,
        ]
        // "Viereinhalb Sterne": a half said in one word.
        for (i, u) in deUnits.enumerated() where i > 0 { table["\(u)einhalb"] = Double(i) + 1.5 }
        for (i, u) in enUnits.enumerated() { table[u] = Double(i + 1) }
        for (i, u) in deUnits.enumerated() { table[u] = Double(i + 1) }
        for (t, ten) in enTens.enumerated() {
            table[ten] = Double(20 + 10 * t)
            for (u, unit) in enUnits.enumerated() { table["\(ten) \(unit)"] = Double(20 + 10 * t + u + 1) }
        }
        for (t, ten) in deTens.enumerated() {
            table[ten] = Double(20 + 10 * t)
            for (u, unit) in deUnits.enumerated() { table["\(unit)und\(ten)"] = Double(20 + 10 * t + u + 1) }
        }
        return table
    }()

    /// "Zu zweit" … "zu zwölft": a German party size.
    static let germanParties: [(PhraseList, Int)] = [
        ("zu zweit", 2), ("zu dritt", 3), ("zu viert", 4), ("zu fünft", 5), ("zu sechst", 6), ("zu siebt", 7), ("zu acht", 8),
        ("zu neunt", 9), ("zu zehnt", 10), ("zu elft", 11), ("zu zwölft", 12),
    ].map { (PhraseList([$0.0]), $0.1) }

    /// The longest number phrase in words ("a hundred", "twenty five").
    static let longestNumberPhrase = spokenNumbers.keys.map { $0.split(separator: " ").count }.max() ?? 1

    /// Money in slang, with its currency: "n zwanni" is 20 euro, "a tenner" 10 quid.
    static let moneyWords: [String: String] = [
        "zwanni": "20 euro", "zwani": "20 euro", "zwanziger": "20 euro", "fuffi": "50 euro", "fuffziger": "50 euro", "fünfziger": "50 euro",
        "zehner": "10 euro", "fünfer": "5 euro", "hunni": "100 euro", "hunderter": "100 euro", "tenner": "10 quid", "fiver": "5 quid",
        "a couple of": "2", "couple of": "2",
    ]

    /// The text with number words as digits ("under twenty five bucks" → "under 25 bucks"), one pass over its
    /// words, the longest phrase first at each word.
    static func digitsForNumberWords(_ text: String) -> String {
        var text = text
        for (slang, amount) in moneyWords where text.contains(slang) {
            text = text.replacing(" \(slang) ", with: " \(amount) ")
        }
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        guard words.contains(where: { spokenNumbers[String($0)] != nil }) else { return text }
        var out: [Substring] = []
        var i = 0
        while i < words.count {
            var matched = false
            for n in stride(from: min(longestNumberPhrase, words.count - i), through: 1, by: -1) {
                let phrase = words[i..<(i + n)].joined(separator: " ")
                if let v = spokenNumbers[phrase] {
                    out.append(Substring(JSONNumber.format(v)))
                    i += n
                    matched = true
                    break
                }
            }
            if !matched {
                out.append(words[i])
                i += 1
            }
        }
        // "Four and a half stars": the half joins the number before it.
        var joined: [Substring] = []
        var w = 0
        while w < out.count {
            if w + 3 < out.count, let whole = Double(out[w]), out[w + 1] == "and", out[w + 2] == "a", out[w + 3] == "half" {
                joined.append(Substring(JSONNumber.format(whole + 0.5)))
                w += 4
            } else {
                joined.append(out[w])
                w += 1
            }
        }
        return joined.joined(separator: " ")
    }
    /// What follows a distance that is the range left, not a limit ("20 miles left", "30 km reichweite", "50公里续航").
    static let rangeLeftWords = [
        "left", "remaining", "of range", "range left", "of charge", "in the tank", "on the battery", "to empty", "reichweite", "übrig",
        "restreichweite", "剩",
    ]
    /// Before a distance that is the range left ("还剩三十公里", "only got a range of 20 miles").
    static let rangeLeftHeads = ["还剩", "只剩", "剩下", "剩", "续航还有", "续航只有", "range of", "reichweite von", "nur noch"]
    static let currencyWords = [
        "元", "块", "euro", "eur", "dollars", "dollar", "bucks", "rmb", "yuan", "quid", "pounds", "pound", "pfund", "a head", "per head",
        "per person", "pro kopf", "pro person", "pro nase", "pro kopp", "pro mann", "each", "apiece", "a pop", "a person",
        "a piece", "a skull", "euronen", "öcken", "mäuse", "taler",
    ]
    /// Before a time of day the place must be open until ("bis so zehn Uhr", "till ten", "开到十点").
    static let untilWords = [
        "until ", "till ", "til ", "untill ", "bis ", "bis so ", "bis etwa ", "bis ca ", "bis um ", "bis gegen ", "到", "开到", "营业到", "待到",
    ]
    static let clockWords = ["uhr", "pm", "p m", "am ", "oclock", "o clock", "点", "abends", "tonight", "in the evening", "at night", "nachts"]
    static let eveningWords = ["abends", "pm", "p m", "evening", "tonight", "at night", "nachts", "晚上", "今晚", "夜里"]
    static let openStayWords: PhraseList = [
        "open", "still open", "stay", "staying", "be there", "offen", "auf hat", "aufhat", "geöffnet", "bleiben", "bleibt", "营业", "开着", "开门",
        "开到", "待到", "呆到",
    ]
    static let aMile: PhraseList = ["a mile", "one mile", "einer meile"]
    static let aKilometre: PhraseList = ["a kilometre", "a kilometer", "a km", "einem kilometer", "einen kilometer", "一公里"]
    static let ratingAbove = Phrase.literal("分以上")
    static let ratingAtLeast = Phrase.literal("分及以上")
    static let dishEndMarkers = ["这道菜", "这个菜", "这菜"].map(Phrase.literal)
    static let dishStartMarkers = ["推荐菜有", "推荐菜是", "有道菜叫", "菜是", "招牌菜"].map(Phrase.literal)

    /// Numbers with what follows them: distances, prices, ratings, party sizes ("for two", "两个人").
    static func parseNumbers(_ matchText: MatchText, into r: inout TravelRequest) {
        let text = matchText.string
        // Turn Chinese numerals into digits first (两个人 → 2个人, 四点五分 → 4.5分, 一百五 → 150).
        var t = ""
        // Chinese numerals are not ASCII: an ASCII text stays as it is.
        let chars = matchText.bytes.contains { $0 >= 0x80 } ? Array(text) : []
        if chars.isEmpty { t = text }
        func chineseDigit(_ c: Character) -> Int? {
            // In a bytewise text every character is one scalar that no other is canonically equivalent to.
            matchText.bytewise ? c.unicodeScalars.first.flatMap { singleChineseDigit($0.value) } : chineseDigits[c]
        }
        var i = 0
        while i < chars.count {
            // "十" starts a number too ("十口人", "十分钟"), except in "十分" meaning "very" ("十分好吃").
            let tenAlone =
                chars[i] == "十" && !(i + 1 < chars.count && chars[i + 1] == "分" && !(i + 2 < chars.count && chars[i + 2] == "钟"))
            if chineseDigit(chars[i]) != nil || tenAlone {
                var value = 0
                var current = 0
                var j = i
                var sawUnit = false
                // The unit a lone last digit stands right after: "一百五" is 150, "两千五" 2500 ("一百零五" is 105).
                var digitAfterUnit = 1
                while j < chars.count {
                    let c = chars[j]
                    if let d = chineseDigit(c) {
                        current = d
                        let previous = chars[j - 1 < i ? i : j - 1]
                        digitAfterUnit = j > i && previous == "百" ? 10 : j > i && previous == "千" ? 100 : 1
                        j += 1
                        continue
                    }
                    if c == "十" { value += max(current, 1) * 10; current = 0; sawUnit = true; digitAfterUnit = 1; j += 1; continue }
                    if c == "百" { value += max(current, 1) * 100; current = 0; sawUnit = true; digitAfterUnit = 1; j += 1; continue }
                    if c == "千" { value += max(current, 1) * 1000; current = 0; sawUnit = true; digitAfterUnit = 1; j += 1; continue }
                    break
                }
                value += current * digitAfterUnit
                if chars[i] == "一", !sawUnit, j < chars.count, "个家点下些起会".contains(chars[j]), j == i + 1 {
                    // "一家", "一点" are words, not numbers.
                    if chars[j] == "点", j + 1 < chars.count, chineseDigit(chars[j + 1]) != nil {
                    } else {
                        t.append(chars[i]); i += 1; continue
                    }
                }
                t += String(value)
                if j < chars.count, chars[j] == "点", j + 1 < chars.count, let d = chineseDigit(chars[j + 1]) {
                    t += ".\(d)"
                    j += 2
                }
                i = j
                continue
            }
            t.append(chars[i])
            i += 1
        }
        t = digitsForNumberWords(t)
        // Scan number tokens with their context.
        // Only ASCII digits start a token.
        let scalars = t.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } ? Array(t) : []
        var k = 0
        var partyParts = false
        while k < scalars.count {
            guard scalars[k].isASCII, scalars[k].isNumber else { k += 1; continue }
            var j = k
            var s = ""
            while j < scalars.count, scalars[j].isASCII, scalars[j].isNumber || scalars[j] == "." { s.append(scalars[j]); j += 1 }
            guard let value = Double(s) else { k = j; continue }
            // A range "100-150" / "100到150" / "100 to 150".
            var upper: Double? = nil
            var m = j
            while m < scalars.count, scalars[m] == " " { m += 1 }
            // "500元到1000元": a currency word may stand before the range's separator.
            if m < scalars.count, scalars[m] == "元" || scalars[m] == "块" {
                let sep = m + 1
                if sep < scalars.count, "-到至".contains(scalars[sep]) { m = sep }
            }
            var afterRange = j
            if m < scalars.count, scalars[m] == "-" || scalars[m] == "到" || scalars[m] == "至" {
                var n = m + 1
                while n < scalars.count, scalars[n] == " " { n += 1 }
                var s2 = ""
                while n < scalars.count, scalars[n].isASCII, scalars[n].isNumber || scalars[n] == "." { s2.append(scalars[n]); n += 1 }
                if let v2 = Double(s2) { upper = v2; afterRange = n }
            }
            let tail = String(scalars[afterRange..<min(scalars.count, afterRange + 14)])
            let head = String(scalars[max(0, k - 14)..<k])
            let tailT = tail.trimmed
            func tailStarts(_ words: [String]) -> Bool { words.contains { tailT.hasPrefix($0) } }
            // "The battery says twenty miles left", "noch 30 km Reichweite": the range the car has, not a limit.
            let afterUnit = tailT.drop { !$0.isWhitespace && !"剩续".contains($0) }.trimmed
            let isRangeLeft =
                rangeLeftWords.contains { afterUnit.hasPrefix($0) } || rangeLeftHeads.contains { head.trimmed.hasSuffix($0) }
            if tailStarts(["miles", "mile", "mi "]) {
                if !isRangeLeft { r.maxDistance = (upper ?? value) * 1609.344 }
            } else if tailStarts(["km", "kilometer", "kilometres", "kilometers", "公里", "千米"]) {
                if !isRangeLeft { r.maxDistance = (upper ?? value) * 1000 }
            } else if tailStarts(["minutes", "minute", "mins", "min", "minuten", "分钟"]) {
                r.maxMinutes = upper ?? value
            } else if tailStarts(["stars", "star", "sterne", "stern", "分以上", "分及以上", "星", "分"]) && value <= 5 {
                r.minRating = value
            } else if value <= 24, value == value.rounded(), untilWords.contains(where: { head.hasSuffix($0) }),
                tailStarts(clockWords) || !tailStarts(currencyWords), has(matchText, openStayWords)
            {
                // "Wir bleiben bis so zehn Uhr abends, also eins, das dann noch offen hat", "开到十点的".
                let evening = eveningWords.contains { tail.contains($0) || head.contains($0) } && value <= 12
                let hour = Int(value) + (evening ? 12 : 0)
                r.openUntilClock = (hour == 0 ? 24 : hour) * 60
            } else if tailStarts(currencyWords)
                || head.contains("人均") || head.contains("under ") || head.contains("unter ") || head.contains("$")
                || head.contains("€") || head.contains("£") || head.contains("less than ") || head.contains("weniger als ")
            {
                if let upper {
                    r.priceMin = value
                    r.priceMax = upper
                } else if tail.contains("以上") || head.contains("over ") || head.contains("über "),
                    !negatedLimit(String(scalars[max(0, k - 24)..<k]))
                {
                    r.priceMin = value
                } else {
                    r.priceMax = value
                }
            } else if tailStarts([
                "adults", "grown ups", "grownups", "kids", "children", "little ones", "kiddies", "kiddos", "nippers", "toddlers", "wee uns",
                "wee ones", "big ones", "of us big ones", "of us adults", "of us grown ups", "of us grownups", "parents", "moms", "dads",
                "mums", "coaches", "teachers", "eltern", "betreuer", "家长",
                "erwachsene", "kinder", "knirpse", "zwerge", "kleine", "大人", "小孩", "孩子", "个大人", "个小孩", "个孩子",
            ]) || ["大人", "小孩", "孩子", "成人", "儿童"].contains(where: { head.hasSuffix($0) }) && tailStarts(["个", "位"]) {
                // "Six adults and four kids": the party is all of them.
                if value >= 1, value <= 30 { r.partySize = (partyParts ? r.partySize ?? 0 : 0) + Int(value) }
                partyParts = true
            } else if tailStarts(["people", "persons", "of us", "personen", "leute", "个人", "位", "人", "口"])
                || head.hasSuffix("for ") || head.hasSuffix("für ") || head.hasSuffix("table for ") || head.hasSuffix("group of ")
                || head.hasSuffix("party of ") || head.hasSuffix("were ") || head.hasSuffix("we are ") || head.hasSuffix("wir sind ")
            {
                if value >= 1, value <= 30 { r.partySize = Int(value) }
            }
            k = max(afterRange, j)
        }
        if r.partySize == nil, let party = germanParties.first(where: { matchText.contains($0.0) }) { r.partySize = party.1 }
        // "Within a mile", "in einem Kilometer": one unit without a digit.
        if r.maxDistance == nil, r.maxMinutes == nil {
            if matchText.contains(aMile) {
                r.maxDistance = 1609.344
            } else if matchText.contains(aKilometre) {
                r.maxDistance = 1000
            }
        }
        if r.minRating == nil, matchText.contains(Self.ratingAbove) || matchText.contains(Self.ratingAtLeast),
            let at = text.firstRange(of: "分以上") ?? text.firstRange(of: "分及以上")
        {
            let before = text[..<at.lowerBound].suffix(3).filter { $0.isNumber || $0 == "." }
            if let v = Double(String(before)), v <= 5 { r.minRating = v }
        }
    }

    /// "Nothing over", "nowt over", "nicht über", "no more than": an upper limit said with "over".
    static func negatedLimit(_ head: String) -> Bool {
        [
            "nothing over", "nowt over", "not over", "no more than", "not more than", "nothing more than", "nothing above", "not above",
            "nichts über", "nicht über", "nicht mehr als", "nix über", "kein euro mehr als",
        ].contains { head.contains($0) }
    }

    /// A dish after "吃" / "eat" that is not a category word (CrossWOZ: "吃驴杂汤这道菜").
    static func dish(_ utterance: MatchText, into r: inout TravelRequest) {
        let text = utterance.string
        for marker in dishEndMarkers where utterance.contains(marker) {
            guard let end = text.firstRange(of: marker.needle) else { continue }
            let before = text[..<end.lowerBound]
            if let eat = before.lastIndex(of: "吃") {
                let dish = String(before[before.index(after: eat)...]).trimmed
                if !dish.isEmpty, dish.count <= 10 { r.dish = dish; r.category = r.category ?? .restaurant }
            }
            return
        }
        for marker in dishStartMarkers where utterance.contains(marker) {
            guard let start = text.firstRange(of: marker.needle) else { continue }
            let rest = text[start.upperBound...].prefix { !"，。,.？?的".contains($0) }
            let dish = String(rest).trimmed
            if !dish.isEmpty, dish.count <= 10 { r.dish = dish; r.category = r.category ?? .restaurant }
            return
        }
    }
}

/// Number formatting without Foundation: integers without ".0".
enum JSONNumber {
    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
