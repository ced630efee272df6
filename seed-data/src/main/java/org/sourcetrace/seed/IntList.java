package org.sourcetrace.seed;

import java.util.Arrays;

/** A growable int array: the generator keeps millions of small facts without boxing. */
final class IntList {

    private int[] items = new int[16];
    private int size;

    void add(int v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    int get(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return items[i];
    }

    int getFirst() {
        return get(0);
    }

    void set(int i, int v) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        items[i] = v;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(int v) {
        for (int i = 0; i < size; i++) {
            if (items[i] == v) {
                return true;
            }
        }
        return false;
    }

    int[] toArray() {
        return Arrays.copyOf(items, size);
    }

    /** Sorted, without duplicates. */
    int[] toSortedSet() {
        return Arrays.stream(items, 0, size).sorted().distinct().toArray();
    }
}
