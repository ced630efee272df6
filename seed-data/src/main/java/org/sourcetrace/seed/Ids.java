package org.sourcetrace.seed;

/** Natural keys as pure functions of an entity's index (0-based), so nothing needs to keep the strings. */
final class Ids {

    private static final String[] MOBILE_PREFIXES = {"133", "135", "136", "137", "138", "139", "150", "151",
        "152", "158", "159", "177", "180", "186", "187", "188", "189", "199"};
    private static final String[] MAIL_DOMAINS = {"qq.example", "163.example", "126.example", "sina.example"};
    private static final String[] SYLLABLES = {"an", "bo", "chen", "da", "fei", "gang", "hua", "jun", "kai",
        "lei", "ming", "ning", "peng", "qiang", "rui", "shan", "tao", "wei", "xin", "yang", "zhi", "long"};

    private Ids() {
    }

    static String seller(int i) { return "sel-" + pad(i + 1, 6); }
    static String account(int i) { return "acc-" + pad(i + 1, 7); }
    static String factory(int i) { return "fac-" + pad(i + 1, 5); }
    static String warehouse(int i) { return "wh-" + pad(i + 1, 5); }
    static String address(int i) { return "addr-" + pad(i + 1, 7); }
    static String brand(int i) { return "br-" + pad(i + 1, 3); }
    static String holder(int i) { return "rh-" + pad(i + 1, 3); }
    static String complaint(int i) { return "cmp-" + pad(i + 1, 6); }
    static String caseId(int i) { return "case-" + pad(i + 1, 4); }
    static String action(int i) { return "act-" + pad(i + 1, 6); }
    static String ring(int i) { return "ring-" + pad(i + 1, 4); }

    /** A unique mainland mobile number: the suffix is a bijection of i, so numbers never collide. */
    static String phone(int i) {
        long suffix = (i * 7_919L + 13_579L) % 100_000_000L;
        String prefix = MOBILE_PREFIXES[(int) Long.remainderUnsigned(Rng.mix(i), MOBILE_PREFIXES.length)];
        return "+86" + prefix + pad(suffix, 8);
    }

    static String email(int i) {
        long h = Rng.mix(i + 1_000_003L);
        String local = SYLLABLES[(int) Long.remainderUnsigned(h, SYLLABLES.length)]
                + SYLLABLES[(int) Long.remainderUnsigned(h >>> 20, SYLLABLES.length)] + (i + 1);
        return local + "@" + MAIL_DOMAINS[(int) Long.remainderUnsigned(h >>> 40, MAIL_DOMAINS.length)];
    }

    static String pad(long n, int width) {
        String s = Long.toString(n);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** Fixed-point decimals (cents, grams) to text without floating point. */
    static String decimal(long units, int scale) {
        long div = scale == 2 ? 100 : 1000;
        String frac = pad(Math.abs(units % div), scale);
        return (units < 0 ? "-" : "") + Math.abs(units / div) + "." + frac;
    }
}
