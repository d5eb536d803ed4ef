package org.lianfang.contracts.volunteer;

/** Where a delivery's goods come from: a partner shop or a partner pharmacy. */
public enum PartnerKind {
    SHOP,
    PHARMACY
}
