package org.lianfang.contracts.registry;

/** The grid's 一长三员: one leader and three roles per residential compound. */
public enum GridRole {
    /** The grid leader (网格长); once a compound has one it may not be left without. */
    GRID_LEADER,
    /** The returnee registrar (返乡信息登记员). */
    RETURNEE_REGISTRAR,
    /** The temperature-monitoring medic (体温监测医护员). */
    TEMPERATURE_MEDIC,
    /** The supplies buyer (物资配备采购员). */
    SUPPLIES_BUYER
}
