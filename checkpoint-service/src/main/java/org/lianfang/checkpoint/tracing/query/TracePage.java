package org.lianfang.checkpoint.tracing.query;

import java.util.List;

/** One page of crossings in occurred-at order; {@code nextCursor} is null on the last page. */
public record TracePage(List<CrossingEntry> items, String nextCursor) {
}
