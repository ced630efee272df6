package org.sourcetrace.seed;

import java.util.List;

/** Fixed reference data: platforms of every type, carriers, product categories and where they are made. */
final class Catalog {

    record Platform(String id, String name, String type, String domain) {
    }

    record Carrier(String id, String name, String waybillPrefix) {
    }

    /** A product category: what is sold, what the parcels declare, price band, and its industrial hubs. */
    record Category(String name, String[] products, String declared, int minPriceYuan, int maxPriceYuan,
            double unitKg, String[] factoryCities) {
    }

    static final List<Platform> PLATFORMS = List.of(
            new Platform("huaxiamall", "华夏商城自营", "SELF_OPERATED", "mall.huaxia.example"),
            new Platform("jingxuan", "晶选自营", "SELF_OPERATED", "www.jingxuan.example"),
            new Platform("yunhuo", "云货集市", "MARKETPLACE", "item.yunhuo.example"),
            new Platform("taoyuan", "桃源市场", "MARKETPLACE", "detail.taoyuan.example"),
            new Platform("lianpu", "联铺加盟", "FRANCHISE", "shop.lianpu.example"),
            new Platform("jiamen", "佳门连锁", "FRANCHISE", "store.jiamen.example"),
            new Platform("kuaigou", "快购App", "MOBILE_APP", "m.kuaigou.example"),
            new Platform("pinle", "拼乐", "MOBILE_APP", "app.pinle.example"),
            new Platform("weiquan", "微圈小店", "SOCIAL", "shop.weiquan.example"),
            new Platform("xiaohong", "小红笺", "SOCIAL", "note.xiaohong.example"),
            new Platform("douyu", "抖鱼直播", "LIVESTREAM", "live.douyu.example"),
            new Platform("kuaibo", "快播直播", "LIVESTREAM", "shop.kuaibo.example"));

    /** Where counterfeit storefronts open: marketplaces, apps, social and livestream more than malls. */
    static final int[] RING_PLATFORM_WEIGHTS = {0, 1, 6, 5, 1, 1, 4, 5, 4, 3, 5, 4};
    static final int[] LEGIT_PLATFORM_WEIGHTS = {3, 2, 6, 5, 2, 2, 3, 3, 2, 2, 2, 2};

    static final List<Carrier> CARRIERS = List.of(
            new Carrier("car-xd", "迅达速运", "XD"), new Carrier("car-zb", "中邦快递", "ZB"),
            new Carrier("car-yf", "圆方速递", "YF"), new Carrier("car-yt", "韵通快运", "YT"),
            new Carrier("car-sd", "申达物流", "SD"), new Carrier("car-dp", "东鹏物流", "DP"),
            new Carrier("car-js", "极速达", "JS"), new Carrier("car-yl", "邮联速递", "YL"));

    static final List<Category> CATEGORIES = List.of(
            new Category("鞋类", new String[] {"运动鞋", "跑步鞋", "篮球鞋", "休闲板鞋", "老爹鞋"}, "鞋", 199, 1299, 1.1,
                    new String[] {"350300", "350500", "330300", "441900"}),
            new Category("箱包", new String[] {"手提包", "双肩包", "斜挎包", "钱包", "旅行箱"}, "包", 299, 8999, 0.9,
                    new String[] {"440100", "130600", "441900", "330700"}),
            new Category("钟表", new String[] {"机械表", "石英表", "智能手表", "潜水表"}, "手表", 399, 39999, 0.3,
                    new String[] {"440300", "440100"}),
            new Category("美妆", new String[] {"口红", "面霜", "香水", "精华液", "粉底液"}, "化妆品", 89, 1599, 0.2,
                    new String[] {"440100", "440500", "310100"}),
            new Category("服装", new String[] {"羽绒服", "T恤", "卫衣", "运动裤", "冲锋衣"}, "服装", 99, 2999, 0.8,
                    new String[] {"330100", "350500", "440100", "330200"}),
            new Category("数码配件", new String[] {"蓝牙耳机", "充电器", "数据线", "移动电源", "手机壳"}, "电子配件", 29, 1999, 0.25,
                    new String[] {"440300", "441900", "320500"}),
            new Category("酒类", new String[] {"酱香白酒", "浓香白酒", "年份红酒"}, "酒水", 299, 3999, 1.6,
                    new String[] {"520300", "510500", "321300"}),
            new Category("玩具", new String[] {"积木", "盲盒手办", "遥控车", "毛绒玩具"}, "玩具", 39, 999, 0.7,
                    new String[] {"440500", "330700"}));

    /** Logistics hubs where warehouses (legitimate and not) cluster. */
    static final String[] WAREHOUSE_CITIES = {"330700", "440100", "441900", "410100", "420100", "510100",
        "330100", "310100", "120100", "131000", "371300", "610100", "350500", "440300"};

    /** Cities where investigators sit; used for cases and for office buildings. */
    static final String[] OFFICE_CITIES = {"440300", "310100", "330100", "440100", "110100", "320500"};

    private Catalog() {
    }

    static int platformIndex(String id) {
        for (int i = 0; i < PLATFORMS.size(); i++) {
            if (PLATFORMS.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException(id);
    }

    static int weighted(Rng rng, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = rng.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        throw new IllegalStateException();
    }
}
