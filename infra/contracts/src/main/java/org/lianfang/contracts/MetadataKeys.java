package org.lianfang.contracts;

/**
 * Names of the metadata every event carries. Consumers (trails, tracing, the county stream) read
 * these keys, so they are part of the published language and must never be renamed.
 */
public final class MetadataKeys {

    /** Who did it: the authenticated actor of the request. */
    public static final String ACTOR = "actor";
    /** The correlation id of the request that started the chain of messages. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message whose handling produced this one. */
    public static final String CAUSATION_ID = "causationId";
    /** The community (社区) the request was made for. */
    public static final String COMMUNITY_ID = "communityId";
    /** The people the message concerns, a list of strings. */
    public static final String PERSON_IDS = "personIds";
    /** The service whose event store holds the event. */
    public static final String SOURCE_SERVICE = "sourceService";

    private MetadataKeys() {
    }
}
