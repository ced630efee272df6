package org.sourcetrace.seed;

import static org.sourcetrace.seed.Prov.Source.FIELD_RAID;
import static org.sourcetrace.seed.Prov.Source.LOGISTICS_FEED;
import static org.sourcetrace.seed.Prov.Source.MANUAL;
import static org.sourcetrace.seed.Prov.Source.PAYMENT_FEED;

/** Builds the {@link Market}'s fixed infrastructure before any listing exists. */
final class MarketSetup {

    private final World w;
    private final Rng rng;
    private final Market m;
    private final Shipping shipping;

    MarketSetup(World world, Rng rng, Market market) {
        this.w = world;
        this.rng = rng;
        this.m = market;
        this.shipping = new Shipping(world, null);
    }

    void officeBuildings(int n) {
        for (int i = 0; i < n; i++) {
            String district = w.regions.districtOf(rng, Catalog.OFFICE_CITIES[i % Catalog.OFFICE_CITIES.length]);
            long at = Times.between(rng, Times.START, Times.START + 90 * Times.DAY);
            m.officeAddresses.add(w.streetAddress(rng, district, Names.trade(rng) + "大厦" + rng.between(5, 32) + "层",
                    Prov.of(MANUAL, at, 'B')));
        }
    }

    void thirdPartyLogistics(int warehouses) {
        while (m.thirdPartyWarehouses.size() < warehouses) {
            String hq = w.regions.districtOf(rng, rng.pick(Catalog.WAREHOUSE_CITIES));
            int company = company(hq, "供应链管理", 'B');
            bank(company);
            int count = rng.between(1, 3);
            for (int k = 0; k < count && m.thirdPartyWarehouses.size() < warehouses; k++) {
                m.thirdPartyWarehouses.add(warehouse(company, "云仓" + (k + 1) + "号仓"));
            }
        }
    }

    void holders(int brandCount) {
        while (m.brands.size() < brandCount) {
            int category = rng.nextInt(Catalog.CATEGORIES.size());
            String firstName = Names.brand(m.brands.size());
            int holderIndex = w.holder(firstName + (rng.chance(0.5) ? " Group" : "品牌管理有限公司"), Prov.of(MANUAL, at(), 'A'));
            var h = new Market.Holder(holderIndex, category);
            int nBrands = Math.min(rng.between(1, 3), brandCount - m.brands.size());
            for (int b = 0; b < nBrands; b++) {
                String name = Names.brand(m.brands.size());
                var brand = new Market.Brand(w.brand(name, holderIndex, Prov.of(MANUAL, at(), 'A')), name, holderIndex, category);
                h.brands.add(brand);
                m.brands.add(brand);
            }
            authorizedFactories(h, rng.between(1, 2));
            distributor(h, firstName);
            m.holders.add(h);
        }
    }

    private void authorizedFactories(Market.Holder h, int n) {
        var category = Catalog.CATEGORIES.get(h.category);
        for (int i = 0; i < n; i++) {
            String district = w.regions.districtOf(rng, rng.pick(category.factoryCities()));
            int maker = company(district, category.name() + "制造", 'A');
            int factory = factoryAt(maker, district, category.name() + "制造厂", 'A');
            h.factories.add(factory);
            w.authorizeFactory(h.index, factory, Prov.of(MANUAL, at(), 'A'));
            bank(maker);
        }
    }

    private void distributor(Market.Holder h, String brandName) {
        String hq = w.regions.districtOf(rng, rng.pick(Catalog.OFFICE_CITIES));
        int d = w.seller(brandName + "（中国）商贸有限公司", "COMPANY", Prov.of(MANUAL, at(), 'A'));
        identifiers(d, hq, rng.chance(0.4));
        h.distributor = d;
        h.distributorBank = bank(d);
        w.authorizeSeller(h.index, d, Prov.of(MANUAL, at(), 'A'));
        h.brandWarehouse = warehouse(d, "品牌仓");
        h.stockedAt.add(h.brandWarehouse);
        var category = Catalog.CATEGORIES.get(h.category);
        for (int f = 0; f < h.factories.size(); f++) {
            int makerBank = bankOf(w.facts.factoryOperator.get(h.factories.get(f)));
            for (int k = rng.between(2, 4); k > 0; k--) {
                long t = Times.between(rng, Times.START, Times.END - 30 * Times.DAY);
                shipping.inbound(rng, h.factories.get(f), h.brandWarehouse, t, category, 'B');
                w.pay(h.distributorBank, makerBank, rng.between(50_000L, 2_000_000L) * 100, t - 3 * Times.DAY,
                        Prov.of(PAYMENT_FEED, t, 'B'));
            }
        }
        int transfers = Math.min(m.thirdPartyWarehouses.size(), rng.between(1, 2));
        for (int i = 0; i < transfers; i++) {
            int to = m.thirdPartyWarehouses.get(rng.nextInt(m.thirdPartyWarehouses.size()));
            if (!h.stockedAt.contains(to)) {
                h.stockedAt.add(to);
                shipping.transfer(rng, h.brandWarehouse, to, Times.between(rng, Times.START, Times.END - 20 * Times.DAY),
                        category, 'B');
            }
        }
    }

    void genericFactories(int n) {
        for (int c = 0; c < Catalog.CATEGORIES.size(); c++) {
            m.genericFactories.add(new IntList());
        }
        for (int i = 0; i < n; i++) {
            int c = i % Catalog.CATEGORIES.size();
            var category = Catalog.CATEGORIES.get(c);
            String district = w.regions.districtOf(rng, rng.pick(category.factoryCities()));
            int owner = company(district, category.name() + "加工", 'B');
            int factory = factoryAt(owner, district, category.name() + "加工厂", 'B');
            m.genericFactories.get(c).add(factory);
            m.genericFactoryBank.add(bank(owner));
            var targets = new IntList();
            for (int k = rng.between(1, 2); k > 0; k--) {
                int to = m.thirdPartyWarehouses.get(rng.nextInt(m.thirdPartyWarehouses.size()));
                if (!targets.contains(to)) {
                    targets.add(to);
                }
                shipping.inbound(rng, factory, to, Times.between(rng, Times.START, Times.END - 30 * Times.DAY), category, 'B');
            }
            m.genericFactoryWarehouses.add(targets);
        }
    }

    void selfOperatedStores() {
        for (int p = 0; p < Catalog.PLATFORMS.size(); p++) {
            var platform = Catalog.PLATFORMS.get(p);
            if (!platform.type().equals("SELF_OPERATED")) {
                continue;
            }
            String hq = w.regions.districtOf(rng, rng.pick(Catalog.OFFICE_CITIES));
            int s = w.seller(platform.name() + "贸易有限公司", "COMPANY", Prov.of(MANUAL, at(), 'A'));
            identifiers(s, hq, false);
            int store = w.account(Facts.STOREFRONT, platform.id() + "_self", platform.name() + "官方自营", Times.START - 400 * Times.DAY,
                    platform.id(), "ACTIVE", Prov.of(Prov.Source.PLATFORM_FEED, at(), 'A'));
            w.controls(s, store, Prov.of(Prov.Source.PLATFORM_FEED, at(), 'A'));
            for (var h : m.holders) {
                w.authorizeSeller(h.index, s, Prov.of(MANUAL, at(), 'A'));
            }
            m.selfOperatedSellers.add(s);
            m.selfOperatedStorefronts.add(store);
            m.selfOperatedWarehouses.add(warehouse(s, "自营仓"));
        }
    }

    private int company(String district, String business, char grade) {
        var city = w.regions.get(Regions.cityOf(district));
        int s = w.seller(Names.company(rng, city.name(), business), "COMPANY", Prov.of(MANUAL, at(), grade));
        identifiers(s, district, rng.chance(0.15));
        return s;
    }

    /** Phone, email and a registered address; some companies register in a shared office building. */
    private void identifiers(int seller, String district, boolean inOffice) {
        w.sellerPhone(seller, w.phone(Prov.of(MANUAL, at(), 'B')), Prov.of(MANUAL, at(), 'B'));
        w.sellerEmail(seller, w.email(Prov.of(MANUAL, at(), 'B')), Prov.of(MANUAL, at(), 'B'));
        int address = inOffice ? m.officeAddresses.get(rng.nextInt(m.officeAddresses.size()))
                : w.streetAddress(rng, district, "", Prov.of(MANUAL, at(), 'B'));
        w.sellerAt(seller, address, Prov.of(MANUAL, at(), 'B'));
    }

    private int factoryAt(int operator, String district, String kind, char grade) {
        var city = w.regions.get(Regions.cityOf(district));
        int f = w.factory(Names.shortCity(city.name()) + Names.trade(rng) + kind, district, operator,
                Prov.of(grade == 'A' ? MANUAL : FIELD_RAID, at(), grade));
        w.factoryAt(f, w.streetAddress(rng, district, "", Prov.of(MANUAL, at(), 'B')), Prov.of(MANUAL, at(), 'B'));
        return f;
    }

    private int warehouse(int operator, String suffix) {
        String district = w.regions.districtOf(rng, rng.pick(Catalog.WAREHOUSE_CITIES));
        var city = w.regions.get(Regions.cityOf(district));
        int wh = w.warehouse(Names.shortCity(city.name()) + Names.trade(rng) + suffix, district, operator,
                Prov.of(LOGISTICS_FEED, at(), 'B'));
        w.warehouseAt(wh, w.streetAddress(rng, district, "物流园" + rng.between(1, 12) + "号库", Prov.of(LOGISTICS_FEED, at(), 'B')),
                Prov.of(LOGISTICS_FEED, at(), 'B'));
        m.warehouseDistricts.add(district);
        return wh;
    }

    private final java.util.Map<Integer, Integer> bankBySeller = new java.util.HashMap<>();

    private int bank(int seller) {
        int a = w.account(Facts.BANK, "6228****" + Ids.pad(Rng.mix(seller) & 0x1FFF, 4), null,
                Times.START - rng.between(100, 2000) * Times.DAY, null, "ACTIVE", Prov.of(PAYMENT_FEED, at(), 'B'));
        w.controls(seller, a, Prov.of(PAYMENT_FEED, at(), 'B'));
        bankBySeller.put(seller, a);
        return a;
    }

    private int bankOf(int seller) {
        return bankBySeller.get(seller);
    }

    private long at() {
        return Times.between(rng, Times.START, Times.START + 120 * Times.DAY);
    }
}
