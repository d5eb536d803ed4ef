package org.lianfang.registry.person.deadline;

import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.lianfang.contracts.registry.CheckReportDeadlineCommand;
import org.lianfang.contracts.registry.PersonId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Turns returnees red whose report deadline passed with nobody reporting or reaching them. Axon's
 * durable deadline managers need Quartz, JobRunr or db-scheduler on a JDBC store, none of which
 * runs here; so the due dates live in {@link ReportDeadlineSchedule} (durable, keyed) and this
 * sweep asks each person whose minute has passed. Asking twice or too early changes nothing, so a
 * crash between the commands and forgetting the bucket only means asking again.
 */
@Component
public class ReportDeadlineSweep {

    private static final Logger log = LoggerFactory.getLogger(ReportDeadlineSweep.class);

    private final ReportDeadlineSchedule schedule;
    private final CommandGateway commands;
    private final Clock clock;

    public ReportDeadlineSweep(ReportDeadlineSchedule schedule, CommandGateway commands, Clock clock) {
        this.schedule = schedule;
        this.commands = commands;
        this.clock = clock;
    }

    /** Sweeps every bucket whose whole minute lies before now; returns how many people were asked. */
    @Scheduled(fixedDelayString = "${lianfang.registry.colour.deadline-sweep-interval:1m}")
    public int sweep() {
        Instant now = clock.instant();
        int asked = 0;
        for (Instant bucket : schedule.pendingBuckets()) {
            if (bucket.plusSeconds(60).isAfter(now)) {
                break;
            }
            for (String personId : schedule.personsIn(bucket)) {
                try {
                    commands.sendAndWait(new CheckReportDeadlineCommand(PersonId.of(personId), now));
                    asked++;
                } catch (AggregateNotFoundException e) {
                    log.warn("Person {} has a report deadline but no events; skipped", personId);
                } catch (RuntimeException e) {
                    log.warn("Could not check the report deadline of person {}; will retry", personId, e);
                    return asked;
                }
            }
            schedule.swept(bucket);
        }
        return asked;
    }
}
