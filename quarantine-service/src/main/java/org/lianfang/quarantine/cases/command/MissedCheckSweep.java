package org.lianfang.quarantine.cases.command;

import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.RecordMissedCheckCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Judges every closed check window. For each case whose next window has closed it tells the case
 * (which raises {@code CheckMissed} at most once per window), then moves the schedule on. A crash
 * between the two only means the window is told again, which changes nothing; several instances
 * sweeping at once agree the same way.
 */
@Component
public class MissedCheckSweep {

    private static final Logger log = LoggerFactory.getLogger(MissedCheckSweep.class);

    private final CheckSchedules schedules;
    private final CommandGateway commands;
    private final QuarantinePolicies policies;
    private final Clock clock;

    public MissedCheckSweep(CheckSchedules schedules, CommandGateway commands, QuarantinePolicies policies,
                            Clock clock) {
        this.schedules = schedules;
        this.commands = commands;
        this.policies = policies;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${quarantine.checks.sweep-interval:60s}",
            initialDelayString = "${quarantine.checks.sweep-interval:60s}")
    public void sweep() {
        Instant now = clock.instant();
        for (CheckSchedules.Schedule schedule : schedules.all()) {
            try {
                sweep(schedule, now);
            } catch (RuntimeException e) {
                log.warn("Could not judge the check windows of case {}; the next sweep retries", schedule.caseId(), e);
            }
        }
    }

    private void sweep(CheckSchedules.Schedule schedule, Instant now) {
        CheckSchedulePolicy.CheckWindow window = schedule.next();
        while (!window.closesAt().isAfter(now)) {
            if (!window.opensAt().isBefore(schedule.endsAt())) {
                return;
            }
            if (!tell(schedule.caseId(), window)) {
                schedules.remove(schedule.caseId());
                return;
            }
            CheckSchedulePolicy.CheckWindow next = policies.checks().after(window);
            if (!schedules.advance(schedule.caseId(), window, next)) {
                return;
            }
            window = next;
        }
    }

    private boolean tell(String caseId, CheckSchedulePolicy.CheckWindow window) {
        try {
            Boolean active = commands.sendAndWait(new RecordMissedCheckCommand(QuarantineCaseId.of(caseId),
                    window.key(), window.opensAt(), window.closesAt()));
            return Boolean.TRUE.equals(active);
        } catch (AggregateNotFoundException gone) {
            return false;
        } catch (ConcurrencyException concurrent) {
            return true;
        }
    }
}
