package org.lianfang.contracts.checkpoint;

/** Where a checkpoint stands: on a road (e.g. Anguo Rd × Jianshe Rd) or at a compound's gate. */
public enum CheckpointKind {
    ROAD_JUNCTION,
    COMPOUND_GATE
}
