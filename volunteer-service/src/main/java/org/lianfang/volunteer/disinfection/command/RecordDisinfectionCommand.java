package org.lianfang.volunteer.disinfection.command;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.volunteer.DisinfectionArea;
import org.lianfang.contracts.volunteer.VolunteerId;

/** Record a disinfection round of one building; {@code performedAt} null means now. */
public record RecordDisinfectionCommand(@TargetAggregateIdentifier String roundId, String communityId,
                                        String compoundId, String building, List<DisinfectionArea> areas,
                                        List<VolunteerId> volunteerIds, Instant performedAt, String recordedBy) {
}
