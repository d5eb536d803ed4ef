package org.lianfang.platform.idempotency;

import java.util.Optional;

/**
 * Encrypts the responses the {@link IdempotencyStore} keeps for replays: a response may name a
 * person (name, phone, ID number), and the idempotency records must not hold what crypto-shredding
 * erases from the event store. Present when crypto-shredding is on.
 */
public interface ResponseSealer {

    /** What is stored: the data subject whose key sealed the body, and the sealed bytes. */
    record Sealed(String subject, byte[] data) {
    }

    /** Seals {@code response}'s body with the key of the person it is about, else a key of the service. */
    Sealed seal(StoredResponse response);

    /** The body sealed for {@code subject}; empty once the subject was erased. */
    Optional<byte[]> open(String subject, byte[] sealed);
}
