package org.sourcetrace.seed;

import static org.sourcetrace.seed.Prov.Source.MANUAL;
import static org.sourcetrace.seed.Prov.Source.PAYMENT_FEED;
import static org.sourcetrace.seed.Prov.Source.PLATFORM_FEED;

/** Sellers and their accounts, with the identifiers platforms collect at registration. */
final class Sellers {

    private final World w;

    Sellers(World world) {
        this.w = world;
    }

    record Identity(int seller, int phone, int email, int address) {
    }

    /** A seller with a phone, an email and an address (given, or a new street address in the district). */
    Identity seller(Rng rng, String kind, String name, String district, int sharedAddress, char grade) {
        long at = Times.between(rng, Times.START, Times.START + 200 * Times.DAY);
        int s = w.seller(name, kind, Prov.of(PLATFORM_FEED, at, grade));
        int phone = w.phone(Prov.of(PLATFORM_FEED, at, 'B'));
        w.sellerPhone(s, phone, Prov.of(PLATFORM_FEED, at, 'B'));
        int email = w.email(Prov.of(PLATFORM_FEED, at, 'B'));
        w.sellerEmail(s, email, Prov.of(PLATFORM_FEED, at, 'C'));
        int address = sharedAddress >= 0 ? sharedAddress : w.streetAddress(rng, district, "", Prov.of(PLATFORM_FEED, at, 'C'));
        w.sellerAt(s, address, Prov.of(PLATFORM_FEED, at, 'C'));
        return new Identity(s, phone, email, address);
    }

    /** A storefront on the platform, controlled by the seller; kycPhone >= 0 is registered on it too. */
    int storefront(Rng rng, int seller, int platform, String theme, long registeredAt, String status, int kycPhone) {
        var p = Catalog.PLATFORMS.get(platform);
        int a = w.account(Facts.STOREFRONT, Names.handle(rng, w.facts.accounts()), Names.shop(rng, theme), registeredAt,
                p.id(), status, Prov.of(PLATFORM_FEED, registeredAt + 2 * Times.DAY, 'A'));
        w.controls(seller, a, Prov.of(PLATFORM_FEED, registeredAt + 2 * Times.DAY, 'B'));
        if (kycPhone >= 0) {
            w.accountPhone(a, kycPhone, Prov.of(PLATFORM_FEED, registeredAt + 2 * Times.DAY, 'B'));
        }
        return a;
    }

    int account(Rng rng, int seller, byte kind, String displayName, long registeredAt) {
        String handle = switch (kind) {
            case Facts.PAYMENT -> "pay" + Ids.pad(Rng.mix(w.facts.accounts()) & 0xFFFFFFFL, 9);
            case Facts.LOGISTICS -> "ship_" + Names.handle(rng, w.facts.accounts());
            default -> "6217****" + Ids.pad(Rng.mix(w.facts.accounts()) & 0x1FFF, 4);
        };
        int a = w.account(kind, handle, displayName, registeredAt, null, "ACTIVE",
                Prov.of(kind == Facts.LOGISTICS ? Prov.Source.LOGISTICS_FEED : PAYMENT_FEED, registeredAt + Times.DAY, 'B'));
        w.controls(seller, a, Prov.of(kind == Facts.PAYMENT ? PAYMENT_FEED : MANUAL, registeredAt + Times.DAY, 'B'));
        return a;
    }

    /** A platform drawn by weight, the self-operated ones excluded (only the platform's own store sells there). */
    static int thirdPartyPlatform(Rng rng, int[] weights) {
        int p;
        do {
            p = Catalog.weighted(rng, weights);
        } while (Catalog.PLATFORMS.get(p).type().equals("SELF_OPERATED"));
        return p;
    }
}
