package org.sourcetrace.seed;

import java.util.ArrayList;
import java.util.List;

/**
 * The legitimate economy the rings hide in: rights holders and their brands, authorized factories,
 * distributors' brand warehouses, shared third-party warehouses, generic (unbranded) factories and the
 * office buildings where many unrelated companies are registered.
 */
final class Market {

    record Brand(int index, String name, int holder, int category) {
    }

    /** A rights holder's authorized supply chain. */
    static final class Holder {
        final int index;
        final int category;
        final List<Brand> brands = new ArrayList<>();
        final IntList factories = new IntList();
        int distributor;
        int distributorBank;
        int brandWarehouse;
        /** Warehouses holding the brand's goods: the brand warehouse and the 3PLs it transfers to. */
        final IntList stockedAt = new IntList();

        Holder(int index, int category) {
            this.index = index;
            this.category = category;
        }
    }

    final List<Holder> holders = new ArrayList<>();
    final List<Brand> brands = new ArrayList<>();
    /** Third-party logistics warehouses serving legitimate sellers. */
    final IntList thirdPartyWarehouses = new IntList();
    final List<String> warehouseDistricts = new ArrayList<>();
    /** Generic factories (unbranded goods) by category, and the 3PL warehouses each one supplies. */
    final List<IntList> genericFactories = new ArrayList<>();
    final List<IntList> genericFactoryWarehouses = new ArrayList<>();
    final IntList genericFactoryBank = new IntList();
    /** Office-building addresses shared by many unrelated sellers (the IDENTIFIER trap). */
    final IntList officeAddresses = new IntList();
    /** The self-operated platforms' retail companies, their storefront and their own warehouse. */
    final IntList selfOperatedSellers = new IntList();
    final IntList selfOperatedStorefronts = new IntList();
    final IntList selfOperatedWarehouses = new IntList();

    static Market build(World world, Rng rng, double scale) {
        var m = new Market();
        var setup = new MarketSetup(world, rng, m);
        setup.officeBuildings(Math.max(2, (int) Math.round(6 * Math.sqrt(scale))));
        setup.thirdPartyLogistics(Math.max(3, (int) Math.round(24 * Math.sqrt(scale))));
        setup.holders((int) Math.round(12 + 48 * Math.sqrt(scale)));
        setup.genericFactories(Math.max(Catalog.CATEGORIES.size(), (int) Math.round(30 * Math.sqrt(scale))));
        setup.selfOperatedStores();
        return m;
    }

    List<Brand> brandsOf(int category) {
        var out = brands.stream().filter(b -> b.category() == category).toList();
        return out.isEmpty() ? brands : out;
    }
}
