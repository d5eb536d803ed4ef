package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * The person signed a notice (告知书) or a commitment letter (承诺书).
 */
public record NoticeSigned(
        PersonId personId,
        NoticeKind kind,
        String recordedBy,
        Instant signedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
