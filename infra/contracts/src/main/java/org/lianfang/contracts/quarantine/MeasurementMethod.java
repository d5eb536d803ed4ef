package org.lianfang.contracts.quarantine;

/** How a temperature was taken: forehead readings run lower, so the method travels with the value. */
public enum MeasurementMethod {
    /** Infrared forehead thermometer (额温枪). */
    FOREHEAD,
    /** Under the arm (腋温). */
    AXILLARY,
    /** In the mouth (口温). */
    ORAL,
    /** In the ear (耳温). */
    EAR
}
