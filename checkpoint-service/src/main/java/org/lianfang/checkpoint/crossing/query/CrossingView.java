package org.lianfang.checkpoint.crossing.query;

import java.util.List;
import org.lianfang.contracts.checkpoint.CrossingDetails;

/**
 * One crossing with the gate's verdict and what it raised.
 *
 * @param breachCaseId        the quarantine case whose breach attempt it recorded, or null
 * @param unregisteredArrival whether it reported an unregistered arrival to the registry
 */
public record CrossingView(CrossingDetails details, boolean allowed, String rule, String reason, String ruleVersion,
                           List<String> flags, String breachCaseId, boolean unregisteredArrival) {
}
