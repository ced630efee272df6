package org.sourcetrace.seed;

import java.util.Arrays;

/** A growable long array; used for (key, value) int pairs packed into one long. */
final class LongList {

    private long[] items = new long[16];
    private int size;

    void add(long v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    void addPair(int key, int value) {
        add(((long) key << 32) | (value & 0xFFFFFFFFL));
    }

    long get(int i) {
        return items[i];
    }

    int size() {
        return size;
    }

    long[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
