package org.lianfang.contracts;

import java.util.List;

/**
 * A message that concerns particular people. The platform copies {@link #personIds()} into the
 * {@code personIds} metadata of the command and of every event it causes, which is how a person's
 * trail is found across services without reading payloads.
 */
public interface PersonScoped {

    /** The ids of the people this message concerns; never null, may be empty. */
    List<String> personIds();
}
