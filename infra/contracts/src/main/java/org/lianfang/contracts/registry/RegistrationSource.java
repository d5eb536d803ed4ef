package org.lianfang.contracts.registry;

/** How the community learned that a person arrived: each one is traced differently. */
public enum RegistrationSource {
    /** The person or the household reported it (主动申报). */
    SELF_REPORTED,
    /** On a list the county shared (数据共享). */
    COUNTY_LIST,
    /** Found by the grid staff going door to door (网格排查). */
    GRID_VISIT,
    /** Stopped at a checkpoint without being registered (设卡发现). */
    CHECKPOINT
}
