package org.lianfang.contracts.privacy;

import java.util.List;

/**
 * An event about a person that names other data subjects which turned out to be that same person
 * — e.g. the arrival a checkpoint recorded, keyed by its crossing, before the registry knew whom it
 * was about. Erasing the person erases these subjects too, so what was keyed before the person had
 * an id is shredded with them.
 */
public interface LinksSubjects {

    /** The data subject ids that are also this event's person. */
    List<String> linkedSubjects();
}
