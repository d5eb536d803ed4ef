package org.lianfang.contracts.privacy;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * A person's personal data was erased: their key is destroyed, so every {@link PersonalData}
 * value about them, in every service's store, reads as erased from now on. Projections that keep
 * personal data should blank it on this event; the event itself holds none.
 *
 * @param personId the erased person (a data subject id)
 * @param reason   why, in words that name no one (it is kept after the erasure)
 * @param erasedBy the admin who erased them
 * @param erasedAt when
 */
public record PersonErased(String personId, String reason, String erasedBy, Instant erasedAt)
        implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
