package org.sourcetrace.seed;

import static org.sourcetrace.seed.Prov.Source.FIELD_RAID;
import static org.sourcetrace.seed.Prov.Source.LOGISTICS_FEED;
import static org.sourcetrace.seed.Prov.Source.MANUAL;
import static org.sourcetrace.seed.Prov.Source.PLATFORM_FEED;

import java.util.ArrayList;
import java.util.List;

/**
 * Counterfeit rings: a factory operator's factories ship INBOUND to warehouses (sometimes a 3PL shared
 * with another ring), TRANSFERs move stock on, and operators with storefronts on several platforms sell
 * it. Operators differ in how much evidence they leave (see {@link RingOperator.Profile}).
 */
final class RingBuilder {

    /** Non-lead operators cycle through this, so even the demo dataset holds every profile. */
    private static final RingOperator.Profile[] CYCLE = {RingOperator.Profile.PAYMENT_ONLY, RingOperator.Profile.FULL,
        RingOperator.Profile.IDENTIFIER_ONLY, RingOperator.Profile.FULL, RingOperator.Profile.NONE, RingOperator.Profile.FULL};

    private final World w;
    private final Market m;
    private final Shipping shipping;
    private final Sellers sellers;
    private final RingSales sales;
    private int profileCounter;
    /** A 3PL warehouse opened by one ring and used by the next one as well. */
    private int pendingShared = -1;

    RingBuilder(World world, Market market, Shipping shipping) {
        this.w = world;
        this.m = market;
        this.shipping = shipping;
        this.sellers = new Sellers(world);
        this.sales = new RingSales(world, market, shipping);
    }


    Ring build(Rng rng, int r, int budget) {
        var ring = new Ring(r);
        var victim = m.brands.get(rng.nextInt(m.brands.size()));
        ring.category = victim.category();
        var category = Catalog.CATEGORIES.get(ring.category);
        var candidates = m.brandsOf(ring.category);
        for (int k = rng.between(1, 3); k > 0; k--) {
            var b = k == 1 && ring.victimBrands.isEmpty() ? victim : candidates.get(rng.nextInt(candidates.size()));
            if (!ring.victimBrands.contains(b.index())) {
                ring.victimBrands.add(b.index());
                ring.victimHolders.add(b.holder());
            }
        }
        boolean multi = r % 5 == 1 || r % 5 == 3;
        boolean office = r % 7 == 3;
        boolean rotated = r % 4 == 2;
        boolean sharedDistrict = r == 1 || rng.chance(0.25);

        factories(rng, ring, category, multi, office);
        String province = Regions.provinceOf(ring.factoryDistrict);
        var ops = operators(rng, ring, r, multi, rotated, province);
        warehouses(rng, ring, r, multi, sharedDistrict, province);
        shareIdentifiers(rng, ring, ops);
        stock(rng, ring, category, budget);
        sales.listings(rng, ring, ops, category, budget);
        sales.payments(rng, ring, ops);
        ring.tags |= provinces(ring) > 1 ? HardCase.MULTI_PROVINCE.bit() : 0;
        if (office) {
            ring.tags |= HardCase.OFFICE_ADDRESS.bit();
        }
        return ring;
    }

    private void factories(Rng rng, Ring ring, Catalog.Category category, boolean multi, boolean office) {
        String homeCity = rng.pick(category.factoryCities());
        ring.factoryDistrict = w.regions.districtOf(rng, homeCity);
        var city = w.regions.get(homeCity);
        boolean company = rng.chance(0.7);
        int officeAddress = office ? m.officeAddresses.get(rng.nextInt(m.officeAddresses.size())) : -1;
        var fo = sellers.seller(rng, company ? "COMPANY" : "PERSON",
                company ? Names.company(rng, city.name(), category.name() + "制品") : Names.person(rng),
                ring.factoryDistrict, officeAddress, 'C');
        ring.factoryOperator = fo.seller();
        ring.factoryOperatorPhone = fo.phone();
        ring.factoryOperatorEmail = fo.email();
        ring.sellers.add(fo.seller());
        int bank = sellers.account(rng, fo.seller(), Facts.BANK, null, Times.START - rng.between(30, 900) * Times.DAY);
        ring.accounts.add(bank);
        int n = 1 + (rng.chance(0.35) ? 1 : 0) + (rng.chance(0.1) ? 1 : 0);
        for (int i = 0; i < n; i++) {
            String district = i == 0 ? ring.factoryDistrict : multi ? otherProvinceHub(rng, category, ring.factoryDistrict)
                    : w.regions.districtOf(rng, homeCity);
            var c = w.regions.get(Regions.cityOf(district));
            long seen = Times.between(rng, Times.START + 100 * Times.DAY, Times.END);
            boolean raided = rng.chance(0.3);
            int f = w.factory(Names.shortCity(c.name()) + Names.trade(rng) + category.name() + "加工点", district, fo.seller(),
                    Prov.of(raided ? FIELD_RAID : MANUAL, seen, raided ? 'A' : 'C'));
            w.factoryAt(f, w.streetAddress(rng, district, rng.chance(0.5) ? "村" + rng.between(1, 40) + "号厂房" : "",
                    Prov.of(MANUAL, seen, 'C')), Prov.of(MANUAL, seen, 'C'));
            ring.factories.add(f);
        }
        ring.factoryBank = bank;
    }

    private String otherProvinceHub(Rng rng, Catalog.Category category, String district) {
        String province = Regions.provinceOf(district);
        for (int tries = 0; tries < 8; tries++) {
            String city = rng.pick(category.factoryCities());
            if (!Regions.provinceOf(city).equals(province)) {
                return w.regions.districtOf(rng, city);
            }
        }
        String other;
        do {
            other = rng.pick(w.regions.provinces()).code();
        } while (other.equals(province));
        return w.regions.districtInProvince(rng, other);
    }

    private List<RingOperator> operators(Rng rng, Ring ring, int r, boolean multi, boolean rotated, String province) {
        int n = 1 + rng.tail(0, 3, 0.45);
        if (r < 6) {
            n = Math.max(n, 2);
        }
        var ops = new ArrayList<RingOperator>();
        for (int i = 0; i < n; i++) {
            RingOperator.Profile profile = i == 0 ? RingOperator.Profile.FULL : CYCLE[profileCounter++ % CYCLE.length];
            String district = multi && i > 0 ? w.regions.districtInProvince(rng, rng.pick(w.regions.provinces()).code())
                    : w.regions.districtInProvince(rng, province);
            boolean company = rng.chance(0.3);
            var city = w.regions.get(Regions.cityOf(district));
            var id = sellers.seller(rng, company ? "COMPANY" : "PERSON",
                    company ? Names.company(rng, city.name(), "电子商务") : Names.person(rng), district, -1, 'B');
            ring.sellers.add(id.seller());
            if (i == 0) {
                ring.leadDistrict = district;
            }
            var stores = new ArrayList<Integer>();
            var opened = new ArrayList<Long>();
            int storeCount = profile == RingOperator.Profile.FULL ? rng.between(1, 4) : rng.between(1, 3);
            int kyc = rng.chance(0.7) ? id.phone() : -1;
            for (int s = 0; s < storeCount; s++) {
                int platform = Catalog.weighted(rng, Catalog.RING_PLATFORM_WEIGHTS);
                long registered = Times.between(rng, Times.START - 200 * Times.DAY, Times.START + 300 * Times.DAY);
                if (rotated && i == 0 && s == 0) {
                    // The rotated storefront: taken down, then the same operator reopens on the same platform.
                    ring.rotatedAt = Times.between(rng, Times.START + 200 * Times.DAY, Times.END - 150 * Times.DAY);
                    registered = Math.min(registered, ring.rotatedAt - 120 * Times.DAY);
                    int old = sellers.storefront(rng, id.seller(), platform, Names.trade(rng), registered, "TAKEN_DOWN", id.phone());
                    ring.rotatedStorefront = old;
                    stores.add(old);
                    opened.add(registered);
                    long reopened = ring.rotatedAt + rng.between(3, 20) * Times.DAY;
                    stores.add(sellers.storefront(rng, id.seller(), platform, Names.trade(rng), reopened, "ACTIVE", id.phone()));
                    opened.add(reopened);
                    ring.tags |= HardCase.ROTATED_STOREFRONT.bit();
                    continue;
                }
                stores.add(sellers.storefront(rng, id.seller(), platform, Names.trade(rng), registered, "ACTIVE", kyc));
                opened.add(registered);
            }
            var payments = new ArrayList<Integer>();
            for (int p = rng.between(1, 2); p > 0; p--) {
                int pay = sellers.account(rng, id.seller(), Facts.PAYMENT, null, Times.START - rng.between(10, 400) * Times.DAY);
                payments.add(pay);
                ring.paymentAccounts.add(pay);
            }
            int logistics = profile == RingOperator.Profile.FULL && rng.chance(0.3)
                    ? sellers.account(rng, id.seller(), Facts.LOGISTICS, null, Times.START + rng.between(0, 200) * Times.DAY) : -1;
            stores.forEach(ring.accounts::add);
            payments.forEach(ring.accounts::add);
            if (logistics >= 0) {
                ring.accounts.add(logistics);
            }
            ops.add(new RingOperator(id, profile, stores, opened, payments, logistics));
        }
        ring.lead = ops.getFirst().id().seller();
        return ops;
    }

    private void warehouses(Rng rng, Ring ring, int r, boolean multi, boolean sharedDistrict, String province) {
        int n = 1 + (rng.chance(0.5) ? 1 : 0) + (rng.chance(0.2) ? 1 : 0);
        if (r % 4 == 1) {
            n = Math.max(n, 2);
        }
        if (r % 6 == 1 && pendingShared >= 0) {
            ring.warehouses.add(pendingShared);
            ring.tags |= HardCase.SHARED_3PL.bit();
            pendingShared = -1;
        }
        int thirdParty = -1;
        while (ring.warehouses.size() < n) {
            boolean first = ring.warehouses.isEmpty();
            String district;
            if (sharedDistrict && first) {
                district = m.warehouseDistricts.get(rng.nextInt(m.warehouseDistricts.size()));
                ring.tags |= HardCase.SHARED_DISTRICT.bit();
            } else if (multi) {
                district = w.regions.districtOf(rng, rng.pick(Catalog.WAREHOUSE_CITIES));
            } else {
                district = w.regions.districtInProvince(rng, province);
            }
            boolean host = r % 6 == 0 && first;
            int operator;
            if (host) {
                operator = thirdPartyCompany(rng, district);
            } else if (rng.chance(0.4)) {
                operator = ring.lead;
            } else {
                if (thirdParty < 0) {
                    thirdParty = thirdPartyCompany(rng, district);
                    ring.thirdPartyBank = sellers.account(rng, thirdParty, Facts.BANK, null, Times.START - 100 * Times.DAY);
                }
                operator = thirdParty;
            }
            var city = w.regions.get(Regions.cityOf(district));
            long seen = Times.between(rng, Times.START + 60 * Times.DAY, Times.END);
            int wh = w.warehouse(Names.shortCity(city.name()) + Names.trade(rng) + (host ? "云仓" : "仓库"), district, operator,
                    Prov.of(rng.chance(0.3) ? FIELD_RAID : LOGISTICS_FEED, seen, 'B'));
            w.warehouseAt(wh, w.streetAddress(rng, district, rng.between(1, 9) + "号仓", Prov.of(LOGISTICS_FEED, seen, 'C')),
                    Prov.of(LOGISTICS_FEED, seen, 'C'));
            if (host) {
                pendingShared = wh;
                ring.tags |= HardCase.SHARED_3PL.bit();
            }
            ring.warehouses.add(wh);
        }
        if (ring.warehouses.size() > 1) {
            ring.tags |= HardCase.TRANSFER.bit();
        }
    }

    private int thirdPartyCompany(Rng rng, String district) {
        var city = w.regions.get(Regions.cityOf(district));
        return sellers.seller(rng, "COMPANY", Names.company(rng, city.name(), "仓储物流"), district, -1, 'B').seller();
    }

    /** Identifier-only operators share the factory operator's phone or email, or the lead's phone. */
    private void shareIdentifiers(Rng rng, Ring ring, List<RingOperator> ops) {
        var fo = ring.factoryOperator;
        var lead = ops.getFirst().id();
        boolean leadOperatesWarehouse = false;
        for (int i = 0; i < ring.warehouses.size(); i++) {
            leadOperatesWarehouse |= w.facts.warehouseOperator.get(ring.warehouses.get(i)) == ring.lead;
        }
        for (var op : ops.subList(1, ops.size())) {
            long at = Times.between(rng, Times.START + 100 * Times.DAY, Times.END);
            if (op.profile() == RingOperator.Profile.IDENTIFIER_ONLY) {
                double x = rng.nextDouble();
                if (x < 0.5) {
                    w.sellerPhone(op.id().seller(), ring.factoryOperatorPhone, Prov.of(MANUAL, at, 'C'));
                } else if (x < 0.8 || !leadOperatesWarehouse) {
                    w.accountEmail(op.stores().getFirst(), ring.factoryOperatorEmail, Prov.of(PLATFORM_FEED, at, 'B'));
                } else {
                    w.sellerPhone(op.id().seller(), lead.phone(), Prov.of(MANUAL, at, 'D'));
                }
            } else if (op.profile() == RingOperator.Profile.FULL && rng.chance(0.3)) {
                w.sellerPhone(op.id().seller(), lead.phone(), Prov.of(MANUAL, at, 'C'));
            }
        }
    }

    /** INBOUND from every factory, TRANSFERs along the warehouse chain. */
    private void stock(Rng rng, Ring ring, Catalog.Category category, int budget) {
        int last = ring.warehouses.size() - 1;
        for (int i = 0; i < ring.factories.size(); i++) {
            int to = ring.warehouses.get(Math.min(i, last));
            for (int k = rng.between(2, 4) + budget / 25; k > 0; k--) {
                long at = Times.between(rng, Times.START, Times.END - 20 * Times.DAY);
                shipping.inbound(rng, ring.factories.get(i), to, at, category, rng.chance(0.2) ? 'A' : 'B');
            }
        }
        for (int i = 0; i < last; i++) {
            for (int k = rng.between(1, 3); k > 0; k--) {
                shipping.transfer(rng, ring.warehouses.get(i), ring.warehouses.get(i + 1),
                        Times.between(rng, Times.START + 20 * Times.DAY, Times.END - 10 * Times.DAY), category, 'B');
            }
        }
    }

    private int provinces(Ring ring) {
        var seen = new java.util.TreeSet<String>();
        for (int i = 0; i < ring.factories.size(); i++) {
            seen.add(Regions.provinceOf(w.facts.factoryRegion.get(ring.factories.get(i))));
        }
        for (int i = 0; i < ring.warehouses.size(); i++) {
            seen.add(Regions.provinceOf(w.facts.warehouseRegion.get(ring.warehouses.get(i))));
        }
        return seen.size();
    }
}
