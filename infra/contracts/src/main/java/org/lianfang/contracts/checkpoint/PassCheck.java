package org.lianfang.contracts.checkpoint;

/**
 * The pass's answer to {@link UsePassCommand}.
 *
 * @param rule   when refused: {@code pass-not-yet-valid}, {@code pass-expired}, {@code pass-revoked},
 *               {@code pass-over-used}, {@code pass-for-another-compound} or {@code pass-not-for-this-person}
 */
public record PassCheck(boolean accepted, String rule, String reason) {

    public static final PassCheck ACCEPTED = new PassCheck(true, null, null);

    public static PassCheck refused(String rule, String reason) {
        return new PassCheck(false, rule, reason);
    }
}
