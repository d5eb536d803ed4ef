package org.lianfang.contracts.registry;

/** The community roles that can own a colour: every labelled person is someone's responsibility. */
public enum OwnerRole {
    /** The community party secretary (党支部书记). */
    PARTY_SECRETARY,
    /** The community leader in charge (包片领导). */
    LEADER_IN_CHARGE,
    /** One staff member, named in {@link ColourOwner#staffMember()}. */
    NAMED_STAFF,
    /** The grid's temperature-monitoring medic (体温监测医护员). */
    TEMPERATURE_MEDIC,
    /** The person responsible for the household under home quarantine (包户责任人). */
    RESPONSIBLE_PERSON,
    /** The compound's grid team (网格员). */
    GRID_TEAM
}
