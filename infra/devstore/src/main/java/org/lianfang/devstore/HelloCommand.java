package org.lianfang.devstore;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Answers {@code hello}, which mongo-java-server lacks but current MongoDB clients and Spring
 * Boot's Mongo health indicator send; the answer is the legacy {@code isMaster} reply plus the
 * {@code isWritablePrimary} field that replaced {@code ismaster}.
 */
final class HelloCommand {

    static final String LEGACY_NAME = "isMaster";

    private HelloCommand() {
    }

    static boolean matches(String command) {
        return command.equalsIgnoreCase("hello");
    }

    static Document fromLegacyReply(Document isMasterReply) {
        Document reply = new Document("isWritablePrimary", Boolean.TRUE);
        reply.putAll(isMasterReply);
        return reply;
    }
}
