package org.lianfang.registry.person.reaction;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.checkpoint.QuarantineBreachAttempted;
import org.lianfang.contracts.checkpoint.UnregisteredArrivalDetected;
import org.lianfang.contracts.registry.FlagUnregisteredArrivalCommand;
import org.lianfang.contracts.registry.NoteQuarantineBreachCommand;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.RegisterPersonCommand;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.registry.person.command.PersonRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes checkpoint-service's findings into the registry. An unregistered arrival becomes a
 * provisional person (source {@code CHECKPOINT}), or flags the person who already holds the ID
 * number — never a second person; either way the person is red until reached. An attempt to leave
 * quarantine turns the person red. Every finding is keyed by its crossing, so a replay or a
 * redelivery changes nothing twice.
 */
@Component
@ProcessingGroup(CheckpointReactions.PROCESSING_GROUP)
public class CheckpointReactions {

    public static final String PROCESSING_GROUP = "checkpoint-reactions";
    /** Who registers the persons a checkpoint found, when the event names no operator. */
    public static final String REGISTERED_BY = "checkpoint";

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Logger log = LoggerFactory.getLogger(CheckpointReactions.class);

    private final PersonRegistration registration;
    private final CommandGateway commands;
    private final EventStore eventStore;
    private final ReactionMetrics metrics;
    private final Clock clock;

    public CheckpointReactions(PersonRegistration registration, CommandGateway commands, EventStore eventStore,
            MeterRegistry meters, Clock clock) {
        this.registration = registration;
        this.commands = commands;
        this.eventStore = eventStore;
        this.metrics = new ReactionMetrics(meters, "checkpoint");
        this.clock = clock;
    }

    @EventHandler
    void on(UnregisteredArrivalDetected event, EventMessage<?> message) {
        Map<String, Object> metaData = new HashMap<>();
        if (event.communityId() != null) {
            metaData.put(MetadataKeys.COMMUNITY_ID, event.communityId());
        }
        if (event.crossingId() == null || event.crossingId().isBlank()) {
            log.warn("An unregistered arrival without a crossing id cannot be kept idempotent; skipped");
            metrics.unusable();
            return;
        }
        Optional<PersonId> person = knownPerson(event.knownPersonId());
        if (person.isEmpty()) {
            String candidate = upper(event.residentIdNumber());
            if (candidate == null || ResidentIdNumber.problemWith(candidate, latestBirthDate(event)).isPresent()) {
                log.warn("Unregistered arrival at crossing {} has no usable ID number; not registered",
                        event.crossingId());
                metrics.unusable();
                return;
            }
            ResidentIdNumber number = ResidentIdNumber.of(event.residentIdNumber());
            String registrar = event.operator() == null || event.operator().isBlank() ? REGISTERED_BY
                    : event.operator();
            person = Optional.of(registration.registerOrFind(number, (personId, registeredAt) ->
                    new RegisterPersonCommand(personId, name(event), number, event.phone(),
                            event.origin() == null ? Origin.ELSEWHERE : event.origin(), event.arrivalDate(), null,
                            null, null, RegistrationSource.CHECKPOINT, registeredAt, null, registrar),
                    metaData).personId());
        }
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new FlagUnregisteredArrivalCommand(
                        person.get(), event.crossingId(), event.checkpointId() == null ? null
                        : event.checkpointId().value(), event.reason(), event.comingFrom(), event.arrivalDate(),
                        message.getIdentifier(), event.occurredAt() == null ? clock.instant() : event.occurredAt()))
                .andMetaData(metaData));
        metrics.handled();
    }

    @EventHandler
    void on(QuarantineBreachAttempted event, EventMessage<?> message) {
        try {
            commands.sendAndWait(new NoteQuarantineBreachCommand(PersonId.of(event.personId()), event.crossingId(),
                    event.checkpointId() == null ? null : event.checkpointId().value(), event.caseId(), event.rule(),
                    event.ruleVersion(), message.getIdentifier(),
                    event.occurredAt() == null ? clock.instant() : event.occurredAt()));
            metrics.handled();
        } catch (AggregateNotFoundException e) {
            log.warn("A breach at crossing {} names a person unknown to the registry; skipped", event.crossingId());
            metrics.unknownPerson();
        }
    }

    private Optional<PersonId> knownPerson(String personId) {
        try {
            UUID.fromString(personId == null ? "" : personId);
        } catch (IllegalArgumentException notAPersonId) {
            return Optional.empty();
        }
        return eventStore.lastSequenceNumberFor(personId).isPresent() ? Optional.of(PersonId.of(personId))
                : Optional.empty();
    }

    private static String name(UnregisteredArrivalDetected event) {
        return event.name() == null || event.name().isBlank() ? "(unknown, found at a checkpoint)"
                : event.name().strip();
    }

    /**
     * As {@code ValidResidentIdNumber} refuses a registration: no birth date after the day after the
     * arrival (in China); the arrival's own time keeps a replay's answer the same.
     */
    private LocalDate latestBirthDate(UnregisteredArrivalDetected event) {
        Instant at = event.occurredAt() == null ? clock.instant() : event.occurredAt();
        return LocalDate.ofInstant(at, CHINA).plusDays(1);
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase();
    }
}
