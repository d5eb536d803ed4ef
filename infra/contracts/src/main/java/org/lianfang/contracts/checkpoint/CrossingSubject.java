package org.lianfang.contracts.checkpoint;

/** What crossed: a person on foot, or a vehicle with its occupants. */
public enum CrossingSubject {
    PERSON,
    VEHICLE
}
