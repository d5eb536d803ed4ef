package org.lianfang.volunteer.support.web;

import java.util.List;
import java.util.NavigableSet;
import java.util.function.Function;

/**
 * One page of a list in id order; {@code nextCursor} is the last id on the page, null on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /** Pages through sorted ids after {@code cursor} (exclusive), loading at most {@code limit} items. */
    public static <T> Page<T> of(NavigableSet<String> ids, String cursor, int limit,
                                 Function<List<String>, List<T>> load) {
        List<String> window = (cursor == null ? ids : ids.tailSet(cursor, false)).stream().limit(limit + 1L).toList();
        List<String> page = window.stream().limit(limit).toList();
        return new Page<>(load.apply(page), window.size() > limit ? page.get(page.size() - 1) : null);
    }
}
