package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/**
 * Record that the person signed a notice or a commitment letter.
 */
public record RecordNoticeSignedCommand(
        @TargetAggregateIdentifier PersonId personId,
        NoticeKind kind,
        String recordedBy,
        Instant signedAt) implements PersonScoped {

    public RecordNoticeSignedCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recordedBy, "recordedBy");
        Objects.requireNonNull(signedAt, "signedAt");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
