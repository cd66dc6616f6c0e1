/// The cuisine taxonomy: each cuisine or speciality with its parents, what it implies, what comes close to
/// it, the words drivers use for it in English, German and Chinese, and its name in German and Chinese.
///
/// Sushi and ramen are both Japanese, so a request for sushi is not met by a ramen bar (a sibling: only a
/// near fit), a Japanese restaurant without a speciality is a general fit, and a sushi bar is exact. An
/// Indian restaurant implies curry; a Thai place serves curry only where its data says so (a dish or tag).
public struct Cuisine: Sendable {
    /// The tag places carry (`PlaceImport` reads it from the data; lower case, English).
    public let tag: String
    /// Broader cuisines: every sushi bar is Japanese.
    public let parents: [String]
    /// What every place of this cuisine also offers (Indian implies curry).
    public let implies: [String]
    /// Cuisines that are a sensible stand-in when nothing exact is found (fish and chips for seafood).
    public let related: [String]
    let words: PhraseList
    public let de: String
    public let zh: String

    init(
        _ tag: String, parents: [String] = [], implies: [String] = [], related: [String] = [], words: [String], de: String,
        zh: String
    ) {
        self.tag = tag
        self.parents = parents
        self.implies = implies
        self.related = related
        self.words = PhraseList(words)
        self.de = de
        self.zh = zh
    }

    /// How well a place's cuisine answers a wished one.
    public enum Fit: Int, Sendable, Comparable {
        /// Neither the cuisine nor anything close.
        case none = 0
        /// A sibling speciality or a related cuisine: ramen for sushi, fish and chips for seafood.
        case related = 1
        /// The broader cuisine without a speciality: a Japanese restaurant for sushi.
        case general = 2
        /// The cuisine itself or one of its specialities.
        case exact = 3

        public static func < (a: Fit, b: Fit) -> Bool { a.rawValue < b.rawValue }
    }

    // MARK: The taxonomy

    public static let all: [Cuisine] = [
        Cuisine("asian", words: ["asian", "asiatisch*", "asia", "亚洲菜", "亚洲"], de: "asiatisch", zh: "亚洲菜"),
        Cuisine("chinese", parents: ["asian"], words: ["chinese", "chinesisch*", "chinese food", "中餐", "中国菜", "中餐馆"], de: "chinesisch", zh: "中餐"),
        Cuisine(
            "sichuan", parents: ["chinese"], related: ["hunan", "hotpot"], words: ["sichuan", "szechuan", "szechwan", "schezwan", "川菜", "四川", "川味"],
            de: "Sichuan", zh: "川菜"),
        Cuisine("hunan", parents: ["chinese"], related: ["sichuan"], words: ["hunan", "湘菜"], de: "Hunan", zh: "湘菜"),
        Cuisine("cantonese", parents: ["chinese"], words: ["cantonese", "kantonesisch*", "粤菜", "广东菜"], de: "kantonesisch", zh: "粤菜"),
        Cuisine("dim sum", parents: ["cantonese"], words: ["dim sum", "dimsum", "yum cha", "早茶", "点心", "茶点"], de: "Dim Sum", zh: "早茶点心"),
        Cuisine(
            "hotpot", parents: ["chinese"], related: ["sichuan"], words: ["hotpot", "hot pot", "feuertopf", "火锅", "涮锅"], de: "Feuertopf", zh: "火锅"),
        Cuisine("beijing", parents: ["chinese"], words: ["beijing food", "beijing cuisine", "北京菜", "京菜", "老北京"], de: "Pekinger Küche", zh: "北京菜"),
        Cuisine(
            "peking duck", parents: ["beijing"], words: ["peking duck", "beijing duck", "roast duck", "pekingente", "烤鸭"], de: "Pekingente", zh: "烤鸭"),
        Cuisine(
            "shanghainese", parents: ["chinese"], words: ["shanghainese", "shanghai food", "本帮菜", "上海菜", "沪菜"], de: "Shanghaier Küche", zh: "本帮菜"),
        Cuisine("izakaya", parents: ["japanese"], words: ["izakaya", "居酒屋"], de: "Izakaya", zh: "居酒屋"),
        Cuisine("dumplings", parents: ["chinese"], words: ["dumplings", "dumpling", "jiaozi", "饺子", "包子", "水饺"], de: "Teigtaschen", zh: "饺子包子"),
        Cuisine("noodles", related: ["ramen"], words: ["noodles", "noodle", "nudeln", "nudelsuppe", "面馆", "面条", "拉面", "吃面"], de: "Nudeln", zh: "面食"),
        Cuisine(
            "japanese", parents: ["asian"], words: ["japanese", "japanisch*", "japaner", "日料", "日本菜", "日本料理", "日式"], de: "japanisch", zh: "日本料理"),
        Cuisine("sushi", parents: ["japanese"], related: ["seafood"], words: ["sushi", "sashimi", "寿司", "刺身"], de: "Sushi", zh: "寿司"),
        Cuisine("ramen", parents: ["japanese", "noodles"], related: ["noodles"], words: ["ramen", "日式拉面", "豚骨"], de: "Ramen", zh: "日式拉面"),
        Cuisine(
            "japanese curry", parents: ["japanese", "curry"], words: ["japanese curry", "japanisches curry", "日式咖喱"], de: "japanisches Curry",
            zh: "日式咖喱"),
        // Specialities under their cuisines: asking for one is not met by another of the same kitchen.
        Cuisine("pho", parents: ["vietnamese"], words: ["pho", "phở", "越南粉", "河粉"], de: "Pho", zh: "越南粉"),
        Cuisine("banh mi", parents: ["vietnamese"], words: ["banh mi", "bánh mì", "越南法棍"], de: "Banh Mi", zh: "越南法棍"),
        Cuisine("tacos", parents: ["mexican"], words: ["tacos", "taco", "taqueria", "塔可"], de: "Tacos", zh: "塔可"),
        Cuisine("burrito", parents: ["mexican"], words: ["burrito", "burritos"], de: "Burrito", zh: "墨西哥卷饼"),
        Cuisine("kebab", parents: ["turkish"], words: ["kebab", "kebap", "döner", "doner", "dürüm", "烤肉卷"], de: "Döner", zh: "土耳其烤肉"),
        Cuisine("tapas", parents: ["spanish"], words: ["tapas", "tapasbar"], de: "Tapas", zh: "西班牙小吃"),
        Cuisine("falafel", parents: ["lebanese"], words: ["falafel", "沙拉三明治"], de: "Falafel", zh: "法拉费"),
        Cuisine("udon", parents: ["japanese", "noodles"], words: ["udon", "乌冬"], de: "Udon", zh: "乌冬面"),
        Cuisine("tempura", parents: ["japanese"], words: ["tempura", "天妇罗"], de: "Tempura", zh: "天妇罗"),
        Cuisine(
            "korean bbq", parents: ["korean", "bbq"], words: ["korean bbq", "korean barbecue", "koreanisches grillen", "韩式烤肉"],
            de: "koreanisches Barbecue", zh: "韩式烤肉"),
        Cuisine("schnitzel", parents: ["german"], words: ["schnitzel", "wiener schnitzel", "炸猪排"], de: "Schnitzel", zh: "炸猪排"),
        Cuisine("korean", parents: ["asian"], words: ["korean", "koreanisch*", "韩国", "韩餐", "韩式"], de: "koreanisch", zh: "韩国菜"),
        Cuisine("curry", related: ["indian", "thai"], words: ["curry", "curries", "currywurst", "咖喱"], de: "Curry", zh: "咖喱"),
        Cuisine(
            "indian", parents: ["asian"], implies: ["curry"], words: ["indian", "indisch*", "inder", "tandoori", "印度"], de: "indisch", zh: "印度菜"),
        Cuisine(
            "thai", parents: ["asian"], related: ["vietnamese"], words: ["thai", "thailändisch*", "thailänder", "泰国", "泰餐", "泰式"], de: "thailändisch",
            zh: "泰国菜"),
        Cuisine(
            "vietnamese", parents: ["asian"], related: ["thai"], words: ["vietnamese", "vietnamesisch*", "越南"], de: "vietnamesisch", zh: "越南菜"),
        Cuisine("italian", words: ["italian", "italienisch*", "italiener", "意大利", "意餐"], de: "italienisch", zh: "意大利菜"),
        Cuisine("pizza", parents: ["italian"], words: ["pizza", "pizzas", "pizzeria", "披萨", "比萨"], de: "Pizza", zh: "披萨"),
        Cuisine("pasta", parents: ["italian"], words: ["pasta", "spaghetti", "意面", "意大利面"], de: "Pasta", zh: "意面"),
        Cuisine(
            "mexican", words: ["mexican", "mexikanisch*", "mexikaner", "墨西哥"], de: "mexikanisch", zh: "墨西哥菜"),
        Cuisine("american", words: ["american", "amerikanisch*", "diner", "美式"], de: "amerikanisch", zh: "美式"),
        Cuisine("burger", parents: ["american"], words: ["burger", "burgers", "hamburger", "汉堡"], de: "Burger", zh: "汉堡"),
        Cuisine("fast food", words: ["fast food", "fastfood", "快餐"], de: "Fast Food", zh: "快餐"),
        Cuisine("german", words: ["german food", "german", "deutsch*", "deutsche küche", "德国菜", "德国"], de: "deutsch", zh: "德国菜"),
        Cuisine(
            "bavarian", parents: ["german"],
            words: ["bavarian", "bayerisch*", "biergarten", "beer garden", "wirtshaus", "weißwurst", "schweinshaxe", "巴伐利亚"], de: "bayerisch",
            zh: "巴伐利亚菜"),
        Cuisine("british", words: ["british", "britisch*", "englisch*", "english food", "英式", "英国菜"], de: "britisch", zh: "英国菜"),
        Cuisine("pub", related: ["british"], words: ["pub", "pubs", "kneipe", "kneipen", "酒吧", "小酒馆"], de: "Kneipe", zh: "酒吧"),
        Cuisine("gastropub", parents: ["pub"], words: ["gastropub", "gastro pub", "gastrokneipe", "美食酒吧"], de: "Gastropub", zh: "美食酒吧"),
        Cuisine(
            "fish and chips", parents: ["british"], related: ["seafood"], words: ["fish and chips", "fish n chips", "chippy", "chip shop", "炸鱼薯条"],
            de: "Fish and Chips", zh: "炸鱼薯条"),
        Cuisine(
            "seafood", related: ["fish and chips", "sushi"],
            words: ["seafood", "fish", "meeresfrücht*", "fisch", "fischrestaurant*", "fischlokal*", "海鲜", "吃鱼"], de: "Meeresfrüchte", zh: "海鲜"),
        Cuisine("steak", related: ["bbq"], words: ["steak", "steaks", "steakhouse", "牛排"], de: "Steak", zh: "牛排"),
        Cuisine("bbq", related: ["steak"], words: ["bbq", "barbecue", "grill", "烧烤", "烤肉", "撸串"], de: "Grill", zh: "烧烤"),
        Cuisine("turkish", words: ["turkish", "türkisch*", "土耳其"], de: "türkisch", zh: "土耳其菜"),
        Cuisine("greek", words: ["greek", "griechisch*", "grieche", "gyros", "希腊"], de: "griechisch", zh: "希腊菜"),
        Cuisine("spanish", words: ["spanish", "spanisch*", "西班牙"], de: "spanisch", zh: "西班牙菜"),
        Cuisine("french", words: ["french", "französisch*", "franzose", "bistro", "法餐", "法国菜"], de: "französisch", zh: "法国菜"),
        Cuisine("lebanese", words: ["lebanese", "libanesisch*", "黎巴嫩"], de: "libanesisch", zh: "黎巴嫩菜"),
        Cuisine("vegetarian", words: ["vegetarian", "veggie", "vegetarisch*", "素食", "吃素"], de: "vegetarisch", zh: "素食"),
        Cuisine("vegan", parents: ["vegetarian"], words: ["vegan", "vegane*", "纯素"], de: "vegan", zh: "纯素"),
        Cuisine("western", words: ["western food", "西餐"], de: "westlich", zh: "西餐"),
        Cuisine("snacks", words: ["snack", "snacks", "imbiss", "小吃"], de: "Imbiss", zh: "小吃"),
        Cuisine("halal", words: ["halal", "清真"], de: "halal", zh: "清真"),
        Cuisine("buffet", words: ["buffet", "all you can eat", "自助餐", "自助"], de: "Buffet", zh: "自助餐"),
        Cuisine("cafe", words: [], de: "Café", zh: "咖啡"),
    ]

    static let byTag: [String: Cuisine] = Dictionary(all.map { ($0.tag, $0) }, uniquingKeysWith: { a, _ in a })

    /// For each cuisine word, the longer words of other cuisines that contain it ("fish" → "fish and chips").
    static let longerWords: [String: [String]] = {
        let pairs = all.flatMap { c in c.words.words.filter { !$0.hasSuffix("*") }.map { ($0, c.tag) } }
        var out: [String: [String]] = [:]
        for (w, tag) in pairs {
            out[w] = pairs.filter { $0.1 != tag && $0.0 != w && $0.0.contains(w) }.map(\.0)
        }
        return out
    }()

    /// Every cuisine a tag stands for: itself, its ancestors, and what it implies (with their ancestors).
    public static func closure(_ tag: String) -> Set<String> {
        var out: Set<String> = []
        var todo = [tag]
        while let t = todo.popLast() {
            guard out.insert(t).inserted, let c = byTag[t] else { continue }
            todo += c.parents + c.implies
        }
        return out
    }

    /// A place's cuisine tag as the taxonomy names it ("barbecue" is bbq, "fish & chips" is fish and chips).
    static let canonical: [String: String] = {
        var out: [String: String] = [:]
        for c in all {
            for w in c.words.words where !w.hasSuffix("*") && out[w] == nil { out[w] = c.tag }
            out[c.tag] = c.tag
        }
        return out
    }()

    static func canonicalTag(_ tag: String) -> String {
        canonical[tag] ?? canonical[tag.replacing("&", with: "and")] ?? canonical[tag.replacing("-", with: " ")] ?? tag
    }

    /// Ancestors of a tag (not itself, not what it implies).
    static func ancestors(_ tag: String) -> Set<String> {
        var out: Set<String> = []
        var todo = byTag[tag]?.parents ?? []
        while let t = todo.popLast() {
            guard out.insert(t).inserted else { continue }
            todo += byTag[t]?.parents ?? []
        }
        return out
    }

    /// The cuisines a place offers: its tags with their closures; fast food covers the chains filed as pizza
    /// or burgers; western covers the European and American kitchens (CrossWOZ's 西餐).
    static func offered(by place: Place) -> Set<String> {
        var out: Set<String> = []
        for t in place.cuisines + place.tags { out.formUnion(closure(canonicalTag(t))) }
        if out.contains("pizza") || out.contains("burger") { out.insert("fast food") }
        if !out.isDisjoint(with: ["italian", "french", "american", "steak", "spanish", "british", "german"]) { out.insert("western") }
        return out
    }

    /// How well `place` answers a wish for `wanted` (a tag of the taxonomy or any cuisine word of the data).
    public static func fit(_ place: Place, wanted: String) -> Fit {
        let offered = offered(by: place)
        if offered.contains(wanted) { return .exact }
        // The place's name or its dishes name the wish ("Curry House", a Thai place serving "green curry",
        // "北京烤鸭"), unless the word is part of another cuisine's name there ("Fish & Chips" is no seafood place).
        let text = ([place.name] + place.dishes).joined(separator: " ").lowercased().replacing("&", with: "and")
        let words = byTag[wanted].map { $0.words.words.filter { !$0.hasSuffix("*") } } ?? [wanted]
        for w in words where w.count >= 2 && (w.count >= 4 || !w.allSatisfy(\.isASCII)) && text.contains(w) {
            let inLonger = longerWords[w, default: []].contains { text.contains($0) }
            if !inLonger { return .exact }
        }
        let ancestors = ancestors(wanted)
        if !ancestors.isEmpty, !offered.isDisjoint(with: ancestors) {
            // The broader cuisine: general when the place names no other speciality under it, else a sibling.
            let specialities = offered.filter { tag in
                tag != wanted && !ancestors.contains(tag) && !Cuisine.ancestors(tag).isDisjoint(with: ancestors)
            }
            return specialities.isEmpty ? .general : .related
        }
        let related = Set(byTag[wanted]?.related ?? [])
        if !related.isDisjoint(with: offered) { return .related }
        return .none
    }

    /// The cuisines named in a normalized text, most specific only ("japanese sushi" is sushi).
    static func mentioned(in text: MatchText) -> [String] { mostSpecific(said(in: text)) }

    /// Every cuisine named in a normalized text, with the word that named it.
    static func said(in text: MatchText) -> [(tag: String, word: String)] {
        all.compactMap { c in text.first(of: c.words).map { (c.tag, $0) } }
    }

    /// The most specific of the cuisines named: no parent of another, no word inside another's.
    static func mostSpecific(_ found: [(tag: String, word: String)]) -> [String] {
        found.filter { f in
            // "Japanese curry" names curry and Japanese too, "fish and chips" names fish: keep the speciality
            // and the longer phrase.
            !found.contains { $0.tag != f.tag && (ancestors($0.tag).contains(f.tag) || ($0.word.count > f.word.count && $0.word.contains(f.word))) }
        }.map(\.tag)
    }
}
