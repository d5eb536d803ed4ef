package org.lianfang.contracts.volunteer;

/** What kind of team: party-member shock team (党员突击队), Lei Feng company (雷锋连), property team, other. */
public enum TeamKind {
    SHOCK_TEAM,
    LEI_FENG_COMPANY,
    PROPERTY_TEAM,
    OTHER
}
