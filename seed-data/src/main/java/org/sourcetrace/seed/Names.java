package org.sourcetrace.seed;

/** Plausible Chinese names, shop names, titles and street addresses, all fictional. */
final class Names {

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
        "马", "朱", "胡", "郭", "何", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "邓", "冯", "韩", "曹", "曾"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
        "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "春梅", "国庆"};
    private static final String[] TRADE = {"鑫达", "恒盛", "佳美", "宏发", "金源", "华瑞", "盛世", "永利", "信诚", "嘉禾",
        "瑞丰", "广汇", "锦程", "东升", "泰和", "新锐", "万通", "优品", "臻选", "博远", "汇通", "凯迪", "润达",
        "精工", "速联", "星耀", "尚品", "创美", "晟泰"};
    private static final String[] SHOP_SUFFIX = {"旗舰店", "专营店", "专卖店", "官方店", "优选店", "工厂店", "折扣店",
        "小铺", "严选", "直营店"};
    private static final String[] HANDLE_WORDS = {"star", "best", "good", "happy", "lucky", "top", "super", "shop",
        "mall", "outlet", "vip", "style", "trend", "youpin", "haohuo", "tehui", "fashion", "pro"};
    private static final String[] STREETS = {"人民路", "解放路", "建设路", "中山路", "和平路", "工业大道", "创业路",
        "科技路", "环城东路", "新华街", "振兴路", "长江路", "滨河路", "发展大道", "物流园路", "商贸城路"};
    private static final String[] TITLE_HOOKS = {"【正品】", "【官方】", "2025新款", "爆款", "限时特价", "专柜同款",
        "\"原单\"", "工厂直销", "包邮", "现货速发"};
    private static final String[] TITLE_ATTRS = {"男款", "女款", "情侣款", "经典款", "黑色", "白色", "大码",
        "礼盒装", "升级版", "高配"};
    private static final String[] BRAND_A = {"Aure", "Vel", "Kest", "Lum", "Nor", "Cor", "Sil", "Tor", "Mar",
        "Vant", "Bel", "Ori", "Quin", "Rav", "Sol", "Zen", "Ald", "Fen", "Gal", "Hel"};
    private static final String[] BRAND_B = {"lo", "mont", "ra", "ex", "den", "via", "ton", "ica", "is", "ova",
        "ard", "ine", "ix", "ane", "eo"};

    private Names() {
    }

    static String person(Rng rng) {
        return rng.pick(SURNAMES) + rng.pick(GIVEN);
    }

    static String trade(Rng rng) {
        return rng.pick(TRADE);
    }

    static String company(Rng rng, String cityName, String business) {
        return shortCity(cityName) + rng.pick(TRADE) + business + "有限公司";
    }

    static String shop(Rng rng, String theme) {
        return rng.pick(TRADE) + theme + rng.pick(SHOP_SUFFIX);
    }

    static String handle(Rng rng, int unique) {
        return rng.pick(HANDLE_WORDS) + "_" + rng.pick(HANDLE_WORDS) + unique;
    }

    /** Brand names are unique by construction for the first 300 indexes, then numbered. */
    static String brand(int i) {
        String base = BRAND_A[i % BRAND_A.length] + BRAND_B[(i / BRAND_A.length) % BRAND_B.length];
        int round = i / (BRAND_A.length * BRAND_B.length);
        return round == 0 ? base : base + " " + (round + 1);
    }

    static String title(Rng rng, String brand, String product) {
        String hook = rng.pick(TITLE_HOOKS);
        String attr = rng.pick(TITLE_ATTRS);
        // Commas and quotes on purpose: real titles have them and the CSV must survive them.
        return rng.chance(0.3) ? hook + " " + brand + " " + product + ", " + attr
                : brand + " " + product + " " + attr + " " + hook;
    }

    static String street(Rng rng) {
        return rng.pick(STREETS) + rng.between(1, 999) + "号";
    }

    static String shortCity(String cityName) {
        if (cityName.contains("辖") || cityName.length() < 2) {
            return "";
        }
        return cityName.endsWith("市") || cityName.endsWith("区") || cityName.endsWith("县")
                ? cityName.substring(0, cityName.length() - 1) : cityName;
    }
}
