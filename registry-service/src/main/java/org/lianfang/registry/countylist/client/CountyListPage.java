package org.lianfang.registry.countylist.client;

import java.util.List;
import java.util.Objects;

/**
 * One page of the county's returnee list: the entries after the cursor asked for, and the cursor
 * to ask with next (the same one when there is nothing new). Entries are kept as the county sent
 * them; each is checked on its own when imported, so one bad entry does not hold back the others.
 */
public record CountyListPage(List<Entry> entries, String nextCursor) {

    public CountyListPage {
        entries = List.copyOf(entries);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }

    /**
     * One person on the list, unchecked.
     *
     * @param entryId the county's id of the entry; the registry imports each entry once
     */
    public record Entry(String entryId, String residentIdNumber, String name, String phone, String origin,
            String arrivalDate, String comingFrom, String transport, String compound, String address,
            Boolean hubeiContact) {
    }
}
