package org.lianfang.contracts.volunteer;

/** The parts of a building disinfected on a round (doors, floors, lifts, handles). */
public enum DisinfectionArea {
    DOORS,
    FLOORS,
    LIFTS,
    HANDLES
}
