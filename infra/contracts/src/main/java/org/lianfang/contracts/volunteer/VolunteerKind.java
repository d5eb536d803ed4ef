package org.lianfang.contracts.volunteer;

/** Who a volunteer is in the story: party members (shock teams), veterans, students, medics, residents. */
public enum VolunteerKind {
    PARTY_MEMBER,
    VETERAN,
    STUDENT,
    MEDIC,
    RESIDENT
}
