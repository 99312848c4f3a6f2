package ml.pipeline.core.dataset;

import java.util.List;

/**
 * A record's content in 64 bits (FNV-1a over every cell, cells kept apart, then SplitMix64's
 * finaliser): two rows with the same cells get the same hash; different rows collide with a
 * chance of about n² / 2^65, negligible at millions of rows.
 */
public final class RowHash {
    private RowHash() {
    }

    public static long of(List<String> record) {
        long hash = 0xcbf29ce484222325L;
        for (String cell : record) {
            for (int i = 0; i < cell.length(); i++) {
                hash = (hash ^ cell.charAt(i)) * 0x100000001b3L;
            }
            // A separator no cell can fake: cells "a,b" + "c" and "a" + "b,c" differ.
            hash = (hash ^ (0x1_0000L + cell.length())) * 0x100000001b3L;
        }
        return mix(hash);
    }

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
