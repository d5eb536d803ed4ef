package org.lianfang.contracts.checkpoint;

/** Which way a person or vehicle crosses: into the community/compound, or out of it. */
public enum Direction {
    IN,
    OUT
}
