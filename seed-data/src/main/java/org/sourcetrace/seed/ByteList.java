package org.sourcetrace.seed;

import java.util.Arrays;

/** A growable byte array for per-entity enums (account kind, listing status). */
final class ByteList {

    private byte[] items = new byte[16];
    private int size;

    void add(byte v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    byte get(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return items[i];
    }

    int size() {
        return size;
    }
}
