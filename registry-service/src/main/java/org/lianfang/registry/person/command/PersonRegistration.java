package org.lianfang.registry.person.command;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.lianfang.contracts.registry.CorrectPersonDetailsCommand;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.RegisterPersonCommand;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.springframework.stereotype.Service;

/**
 * Registers a person once per resident ID number. The number is claimed first; only the claimant
 * sends the command. A claim whose person never came to exist (the process died in between, or
 * the claimant is still sending) is completed by whoever finds it, under the claimed id, so that
 * every retry converges on one person. Registering a registered person again with other facts
 * records a correction of the fields that differ, never a silent overwrite.
 */
@Service
public class PersonRegistration {

    private final ResidentIdClaims claims;
    private final CommandGateway commands;
    private final EventStore eventStore;
    private final Clock clock;

    public PersonRegistration(ResidentIdClaims claims, CommandGateway commands, EventStore eventStore) {
        this.claims = claims;
        this.commands = commands;
        this.eventStore = eventStore;
        this.clock = Clock.systemUTC();
    }

    /**
     * Whether the call registered the person or found them registered already, and which fields
     * it corrected then (empty when the facts were the same).
     */
    public record Outcome(PersonId personId, boolean registered, List<String> corrected) {
    }

    /** Builds the command once the claim has decided the person's id. */
    @FunctionalInterface
    public interface CommandFactory {
        RegisterPersonCommand create(PersonId personId, Instant registeredAt);
    }

    public Outcome register(ResidentIdNumber number, CommandFactory command) {
        return register(number, command, Map.of(), true);
    }

    /**
     * As {@link #register(ResidentIdNumber, CommandFactory)}, but {@code beforeCorrecting} sees the
     * registered person first and may refuse (throw), so a caller who may not touch them changes nothing.
     */
    public Outcome register(ResidentIdNumber number, CommandFactory command, Consumer<PersonId> beforeCorrecting) {
        return register(number, command, Map.of(), true, beforeCorrecting);
    }

    /** As {@link #register(ResidentIdNumber, CommandFactory)}, with {@code metaData} on the registration. */
    public Outcome register(ResidentIdNumber number, CommandFactory command, Map<String, ?> metaData) {
        return register(number, command, metaData, true);
    }

    /**
     * Registers the person unless the number is registered already; a registered person is only
     * found, never corrected (a checkpoint's word does not overwrite what the community recorded).
     * {@code metaData} goes on the registration, e.g. the community of the event that asked for it.
     */
    public Outcome registerOrFind(ResidentIdNumber number, CommandFactory command, Map<String, ?> metaData) {
        return register(number, command, metaData, false);
    }

    private Outcome register(ResidentIdNumber number, CommandFactory command, Map<String, ?> metaData,
            boolean correct) {
        return register(number, command, metaData, correct, personId -> { });
    }

    private Outcome register(ResidentIdNumber number, CommandFactory command, Map<String, ?> metaData,
            boolean correct, Consumer<PersonId> beforeCorrecting) {
        ResidentIdClaims.Claim claim = claims.claim(number, PersonId.random(), clock.instant());
        RegisterPersonCommand registration = command.create(claim.personId(), clock.instant());
        if (!claim.fresh() && exists(claim.personId())) {
            beforeCorrecting.accept(claim.personId());
            return correct ? existing(registration) : new Outcome(claim.personId(), false, List.of());
        }
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(registration).andMetaData(metaData));
            return new Outcome(claim.personId(), true, List.of());
        } catch (AggregateStreamCreationException | ConcurrencyException alreadyThere) {
            beforeCorrecting.accept(claim.personId());
            return correct ? existing(registration) : new Outcome(claim.personId(), false, List.of());
        }
    }

    private Outcome existing(RegisterPersonCommand again) {
        List<String> corrected = commands.sendAndWait(new CorrectPersonDetailsCommand(again.personId(), again.name(),
                again.phone(), again.origin(), again.arrivalDate(), again.compound(), again.address(),
                again.transport(), again.hubeiContact(),
                again.registeredBy() == null ? "anonymous" : again.registeredBy(), again.registeredAt(),
                again.compoundId()));
        return new Outcome(again.personId(), false, corrected == null ? List.of() : corrected);
    }

    private boolean exists(PersonId personId) {
        return eventStore.lastSequenceNumberFor(personId.value()).isPresent();
    }
}
