package org.lianfang.contracts.registry;

/** The letters a returnee signs. */
public enum NoticeKind {
    /** The notice of home-quarantine rules (告知书). */
    NOTICE,
    /** The commitment letter (承诺书). */
    COMMITMENT
}
