package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * Someone outside the community's own staff (an auditor, the county, an admin) read a person's
 * data; the read itself becomes part of the person's trail. Who read comes from the caller's
 * verified identity, never from what they said about themselves.
 *
 * @param readId          this read's own id (the aggregate it is recorded under)
 * @param what            what was read: {@code trail}, {@code person}, {@code tracing}, {@code export}, …
 * @param reason          why (required of auditors), or null
 * @param readBy          the reader's subject
 * @param readerRole      the reader's role, lower case
 * @param readerCommunity the reader's community ({@code *} for county-wide)
 * @param correlationId   the correlation id of the read being recorded (e.g. the gateway's request), or null
 */
public record PersonDataRead(
        PersonId personId,
        String readId,
        String what,
        String reason,
        String readBy,
        String readerRole,
        String readerCommunity,
        String correlationId,
        Instant readAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
