package org.lianfang.volunteer.statistics.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.volunteer.DeliveryLeftAtDoor;
import org.lianfang.contracts.volunteer.DeliveryOrderId;
import org.lianfang.contracts.volunteer.DeliveryOrdered;
import org.lianfang.contracts.volunteer.DisinfectionArea;
import org.lianfang.contracts.volunteer.DisinfectionRecorded;
import org.lianfang.contracts.volunteer.PartnerKind;
import org.lianfang.contracts.volunteer.ShiftCheckedIn;
import org.lianfang.contracts.volunteer.ShiftCheckedOut;
import org.lianfang.contracts.volunteer.ShiftId;
import org.lianfang.contracts.volunteer.TeamFormed;
import org.lianfang.contracts.volunteer.TeamKind;
import org.lianfang.contracts.volunteer.VolunteerEnrolled;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.contracts.volunteer.VolunteerJoinedTeam;
import org.lianfang.contracts.volunteer.VolunteerKind;
import org.lianfang.contracts.volunteer.VolunteerLeftTeam;
import org.lianfang.devstore.DevStore;

/**
 * Person-times, hours and households per volunteer, team and community; a service counts for the
 * teams of its time; a redelivery counts nothing twice; a rebuild from scratch gives the same documents.
 */
class StatisticsProjectionTest {

    private static final DevStore STORE = DevStore.memory();
    private static final MongoClient CLIENT = MongoClients.create(STORE.uri());
    private static final VolunteerId LEADER = VolunteerId.of("v-leader");
    private static final VolunteerId STUDENT = VolunteerId.of("v-student");
    private static final Instant T = Instant.parse("2020-02-01T00:00:00Z");

    private MongoDatabase database;
    private StatisticsProjection projection;
    private StatisticsQueries queries;

    @AfterAll
    static void close() {
        CLIENT.close();
        STORE.close();
    }

    @BeforeEach
    void setUp() {
        database = CLIENT.getDatabase("stats_" + System.nanoTime());
        projection = new StatisticsProjection(database);
        queries = new StatisticsQueries(database);
    }

    /** The story of two volunteers; the student leaves the team before delivering. */
    private List<Consumer<StatisticsProjection>> history() {
        List<Consumer<StatisticsProjection>> events = new ArrayList<>();
        events.add(p -> p.on(new VolunteerEnrolled(LEADER, "anguo", "李", "1", VolunteerKind.PARTY_MEMBER, List.of(), null,
                "op", T)));
        events.add(p -> p.on(new VolunteerEnrolled(STUDENT, "anguo", "赵", "1", VolunteerKind.STUDENT, List.of(), null,
                "op", T)));
        events.add(p -> p.on(new TeamFormed("team-1", "anguo", "雷锋连", TeamKind.LEI_FENG_COMPANY, LEADER, "op", T)));
        events.add(p -> p.on(new VolunteerJoinedTeam("team-1", STUDENT, "op", T)));
        events.add(p -> p.on(new ShiftCheckedIn(ShiftId.of("s-1"), CheckpointId.of("gate"), STUDENT, "赵",
                Instant.parse("2020-02-01T08:00:00Z"), "op")));
        events.add(p -> p.on(new ShiftCheckedOut(ShiftId.of("s-1"), CheckpointId.of("gate"), STUDENT,
                Instant.parse("2020-02-01T12:30:00Z"), "op")));
        events.add(p -> p.on(new VolunteerLeftTeam("team-1", STUDENT, "op", T)));
        events.add(p -> p.on(ordered("o-1", "h-1")));
        events.add(p -> p.on(new DeliveryLeftAtDoor(DeliveryOrderId.of("o-1"), STUDENT, true, "op", T)));
        events.add(p -> p.on(ordered("o-2", "h-1")));
        events.add(p -> p.on(new DeliveryLeftAtDoor(DeliveryOrderId.of("o-2"), LEADER, true, "op", T)));
        events.add(p -> p.on(ordered("o-3", "h-2")));
        events.add(p -> p.on(new DeliveryLeftAtDoor(DeliveryOrderId.of("o-3"), LEADER, true, "op", T)));
        events.add(p -> p.on(new DisinfectionRecorded("round-1", "anguo", "c-1", "3", List.of(DisinfectionArea.LIFTS),
                List.of(LEADER, STUDENT), T, "op", T)));
        return events;
    }

    private static DeliveryOrdered ordered(String id, String household) {
        return new DeliveryOrdered(DeliveryOrderId.of(id), "anguo", "c-1", household, "addr", List.of(), List.of("米"),
                "shop", PartnerKind.SHOP, null, null, true, "default", "op", T);
    }

    private void run(List<Consumer<StatisticsProjection>> events) {
        events.forEach(e -> e.accept(projection));
    }

    private Map<Object, Document> dump() {
        Map<Object, Document> all = new java.util.TreeMap<>();
        database.getCollection(StatisticsProjection.STATISTICS).find().forEach(d -> all.put(d.get("_id"), d));
        return all;
    }

    @Test
    void countsPersonTimesHoursAndHouseholds() {
        run(history());

        StatisticsQueries.Statistics student = queries.ofVolunteer(STUDENT.value());
        assertThat(student.personTimes()).isEqualTo(3);
        assertThat(student.hours()).isEqualTo(4.5);
        assertThat(student.householdsServed()).isEqualTo(1);
        assertThat(student.byKind()).containsEntry(StatisticsProjection.Kind.SHIFT, 1)
                .containsEntry(StatisticsProjection.Kind.DELIVERY, 1).containsEntry(StatisticsProjection.Kind.DISINFECTION, 1);

        StatisticsQueries.Statistics leader = queries.ofVolunteer(LEADER.value());
        assertThat(leader.personTimes()).isEqualTo(3);
        assertThat(leader.hours()).isZero();
        assertThat(leader.householdsServed()).isEqualTo(2);

        StatisticsQueries.Statistics team = queries.ofTeam("team-1");
        assertThat(team.personTimes()).as("the student's shift while a member, and the leader's three").isEqualTo(4);
        assertThat(team.hours()).isEqualTo(4.5);
        assertThat(team.householdsServed()).isEqualTo(2);

        StatisticsQueries.Statistics community = queries.ofCommunity("anguo");
        assertThat(community.personTimes()).isEqualTo(6);
        assertThat(community.householdsServed()).isEqualTo(2);
    }

    @Test
    void aRedeliveryChangesNothing() {
        run(history());
        Map<Object, Document> once = dump();

        run(history());

        assertThat(dump()).isEqualTo(once);
    }

    @Test
    void aRebuildFromScratchGivesTheSameDocuments() {
        run(history());
        Map<Object, Document> before = dump();

        projection.reset();
        assertThat(dump()).isEmpty();
        run(history());

        assertThat(dump()).isEqualTo(before);
    }
}
