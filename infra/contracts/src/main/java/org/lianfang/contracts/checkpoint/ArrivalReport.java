package org.lianfang.contracts.checkpoint;

import java.time.LocalDate;
import org.lianfang.contracts.registry.Origin;

/**
 * What the gate learned about someone coming in who must be reported to the registry; becomes
 * {@link UnregisteredArrivalDetected}.
 *
 * @param knownPersonId    the registry's id when the person is known but unreported, else null
 * @param residentIdNumber the ID number shown (personal data), null if a known person id was given
 */
public record ArrivalReport(String knownPersonId, String residentIdNumber, String name, String phone, Origin origin,
                            String comingFrom, LocalDate arrivalDate, String reason) {
}
