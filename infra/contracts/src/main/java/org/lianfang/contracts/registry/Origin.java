package org.lianfang.contracts.registry;

/**
 * Where a person came from, as the community's returnee registration (返乡信息登记) records it.
 * The four-colour rules and quarantine start depend on it.
 */
public enum Origin {
    /** From Wuhan (武汉). */
    WUHAN,
    /** From elsewhere in Hubei province (湖北其他地区). */
    HUBEI_OTHER,
    /** From anywhere else outside the community. */
    ELSEWHERE,
    /** A resident who did not travel. */
    LOCAL
}
