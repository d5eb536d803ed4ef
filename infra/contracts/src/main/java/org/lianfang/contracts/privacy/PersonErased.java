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
 * @param linkedSubjects other data subject ids erased with the person (see {@link LinksSubjects}),
 *                       so read models keyed by them scrub too; empty in events stored before it existed
 */
public record PersonErased(String personId, String reason, String erasedBy, Instant erasedAt,
                           List<String> linkedSubjects) implements PersonScoped {

    public PersonErased {
        linkedSubjects = linkedSubjects == null ? List.of() : List.copyOf(linkedSubjects);
    }

    public PersonErased(String personId, String reason, String erasedBy, Instant erasedAt) {
        this(personId, reason, erasedBy, erasedAt, List.of());
    }

    /** The person and every subject erased with them. */
    public List<String> erasedSubjects() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        all.add(personId);
        linkedSubjects.stream().filter(s -> !all.contains(s)).forEach(all::add);
        return List.copyOf(all);
    }

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
