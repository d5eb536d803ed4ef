package org.lianfang.volunteer.delivery.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.contracts.volunteer.DeliveryAccepted;
import org.lianfang.contracts.volunteer.DeliveryGoodsDisinfected;
import org.lianfang.contracts.volunteer.DeliveryLeftAtDoor;
import org.lianfang.contracts.volunteer.DeliveryOrderId;
import org.lianfang.contracts.volunteer.DeliveryOrdered;
import org.lianfang.contracts.volunteer.DeliveryPickedUp;
import org.lianfang.contracts.volunteer.PartnerKind;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.devstore.DevStore;
import org.lianfang.volunteer.config.VolunteerSettings;

/** Delivery read models: open orders leave the compound's list at the door; days in Shanghai; redelivery counts nothing twice. */
class DeliveryProjectionTest {

    private static final DevStore STORE = DevStore.memory();
    private static final MongoClient CLIENT = MongoClients.create(STORE.uri());
    private static final DeliveryOrderId ORDER = DeliveryOrderId.of("o-1");
    private static final VolunteerId V = VolunteerId.of("v-1");
    /** 23:30 UTC on 1 February is 07:30 on 2 February in Shanghai. */
    private static final Instant AT = Instant.parse("2020-02-01T23:30:00Z");

    private MongoDatabase database;
    private DeliveryProjection projection;
    private DeliveryQueries queries;

    @AfterAll
    static void close() {
        CLIENT.close();
        STORE.close();
    }

    @BeforeEach
    void setUp() {
        database = CLIENT.getDatabase("deliveries_" + System.nanoTime());
        projection = new DeliveryProjection(database, new VolunteerSettings(ZoneId.of("Asia/Shanghai"),
                Duration.ofMinutes(10), 3, Duration.ofHours(12)), new DeliveryErasures(database));
        queries = new DeliveryQueries(database, null);
    }

    private void orderedAndAccepted() {
        projection.on(new DeliveryOrdered(ORDER, "anguo", "c-1", "h-1", "1号楼", List.of(), List.of("米"), "shop",
                PartnerKind.SHOP, null, null, true, "default", "op", AT), 0);
        projection.on(new DeliveryAccepted(ORDER, V, "op", AT), 2);
    }

    private void toTheDoor() {
        projection.on(new DeliveryPickedUp(ORDER, V, "op", AT), 4);
        projection.on(new DeliveryGoodsDisinfected(ORDER, V, "op", AT), 6);
        projection.on(new DeliveryLeftAtDoor(ORDER, V, true, "op", AT), 8);
    }

    private Map<Object, Document> dump() {
        Map<Object, Document> all = new TreeMap<>();
        for (String c : List.of(DeliveryProjection.DELIVERIES, DeliveryProjection.INDEX, DeliveryProjection.COUNTS)) {
            database.getCollection(c).find().forEach(d -> all.put(c + "/" + d.get("_id"), d));
        }
        return all;
    }

    @Test
    void anOpenOrderLeavesItsCompoundsListAtTheDoorAndIsCountedOnTheLocalDay() {
        orderedAndAccepted();
        assertThat(queries.openIds("anguo", "c-1")).containsExactly("o-1");
        assertThat(queries.openIds("anguo", null)).containsExactly("o-1");

        toTheDoor();

        assertThat(queries.openIds("anguo", "c-1")).isEmpty();
        LocalDate day = LocalDate.parse("2020-02-02");
        assertThat(queries.perDay("anguo", day, day)).containsExactly(new DeliveryQueries.DayCount(day, 1, 1, 0, 0));
        assertThat(queries.perVolunteer(List.of("v-1"), day, day))
                .containsExactly(new DeliveryQueries.VolunteerCount("v-1", 1, 1));
        assertThat(queries.ofVolunteer("v-1")).extracting(DeliveryView::id).containsExactly("o-1");
    }

    @Test
    void aRedeliveredOrOldEventChangesNothing() {
        orderedAndAccepted();
        toTheDoor();
        Map<Object, Document> once = dump();

        orderedAndAccepted();
        toTheDoor();

        assertThat(dump()).isEqualTo(once);
        assertThat(queries.openIds("anguo", "c-1")).as("an old ORDERED does not reopen the order").isEmpty();
    }

    @Test
    void anErasedPersonsOrdersLoseAddressAndNotesOthersKeepThemAndNoCountChanges() {
        DeliveryOrderId other = DeliveryOrderId.of("o-2");
        projection.on(new DeliveryOrdered(ORDER, "anguo", "c-1", "h-1", "1号楼 101", List.of("p-7", "p-8"),
                List.of("米"), "shop", PartnerKind.SHOP, "放门口", null, true, "default", "op", AT), 0);
        projection.on(new DeliveryOrdered(other, "anguo", "c-1", "h-2", "2号楼 202", List.of(), List.of("面"), "shop",
                PartnerKind.SHOP, "敲门", null, true, "default", "op", AT), 0);
        projection.on(new DeliveryAccepted(ORDER, V, "op", AT), 2);
        toTheDoor();
        LocalDate day = LocalDate.parse("2020-02-02");
        List<DeliveryQueries.DayCount> counts = queries.perDay("anguo", day, day);
        DeliveryErasures erasures = new DeliveryErasures(database);

        erasures.on(new PersonErased("p-7", "retention ended", "admin-1", AT, List.of("arrival:x")));

        DeliveryView erased = queries.load(List.of("o-1")).get(0);
        assertThat(erased.address()).isEqualTo(PersonalData.ERASED);
        assertThat(erased.notes()).isEqualTo(PersonalData.ERASED);
        assertThat(erased.items()).containsExactly("米");
        assertThat(erased.stage()).isEqualTo(org.lianfang.contracts.volunteer.DeliveryStage.LEFT_AT_DOOR);
        assertThat(queries.load(List.of("o-2")).get(0).address()).isEqualTo("2号楼 202");
        assertThat(queries.perDay("anguo", day, day)).isEqualTo(counts);
        Map<Object, Document> once = dump();
        erasures.on(new PersonErased("p-7", "retention ended", "admin-1", AT));
        assertThat(dump()).isEqualTo(once);

        projection.on(new PersonErased(DeliveryOrdered.subjectOf(other), "order closed", "admin-1", AT));
        assertThat(queries.load(List.of("o-2")).get(0).notes()).isEqualTo(PersonalData.ERASED);
        assertThat(queries.perDay("anguo", day, day)).isEqualTo(counts);
    }

    /**
     * The projection (its own processing group) reads an order with its address, the erasure (the
     * registry-sourced group) scrubs it, then the projection writes its stale copy: the address must
     * stay erased.
     */
    @Test
    void aStaleCopyWrittenAfterAnErasureNeverBringsTheAddressBack() {
        DeliveryErasures erasures = new DeliveryErasures(database);
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
        MongoDatabase interleaving = interleaving(database, () -> {
            if (armed.getAndSet(false)) {
                erasures.on(new PersonErased("p-7", "retention ended", "admin-1", AT));
            }
        });
        DeliveryProjection slow = new DeliveryProjection(interleaving, new VolunteerSettings(ZoneId.of("Asia/Shanghai"),
                Duration.ofMinutes(10), 3, Duration.ofHours(12)), erasures);
        slow.on(new DeliveryOrdered(ORDER, "anguo", "c-1", "h-1", "燕子坞 7号楼 702室", List.of("p-7", "p-8"),
                List.of("米"), "shop", PartnerKind.SHOP, "敲门后请放在鞋柜上", null, true, "default", "op", AT), 0);

        armed.set(true);
        slow.on(new DeliveryAccepted(ORDER, V, "op", AT), 2);

        assertThat(armed).as("the erasure ran between the projection's read and its write").isFalse();
        DeliveryView order = queries.load(List.of("o-1")).get(0);
        assertThat(order.address()).isEqualTo(PersonalData.ERASED);
        assertThat(order.notes()).isEqualTo(PersonalData.ERASED);
        assertThat(order.volunteerId()).isEqualTo("v-1");
        assertThat(order.steps()).hasSize(2);
    }

    /** The order's event was read before its person's erasure and is saved after the erasure looked for orders. */
    @Test
    void anOrderSavedAfterItsPersonsErasureIsScrubbedToo() {
        DeliveryErasures erasures = new DeliveryErasures(database);
        erasures.on(new PersonErased("p-7", "retention ended", "admin-1", AT));

        projection.on(new DeliveryOrdered(ORDER, "anguo", "c-1", "h-1", "燕子坞 7号楼 702室", List.of("p-7"),
                List.of("米"), "shop", PartnerKind.SHOP, "敲门后请放在鞋柜上", null, true, "default", "op", AT), 0);

        DeliveryView order = queries.load(List.of("o-1")).get(0);
        assertThat(order.address()).isEqualTo(PersonalData.ERASED);
        assertThat(order.notes()).isEqualTo(PersonalData.ERASED);
    }

    /** {@code database}, whose deliveries collection runs {@code beforeWrite} before each write. */
    @SuppressWarnings("unchecked")
    private static MongoDatabase interleaving(MongoDatabase database, Runnable beforeWrite) {
        com.mongodb.client.MongoCollection<Document> real = database.getCollection(DeliveryProjection.DELIVERIES);
        Object collection = java.lang.reflect.Proxy.newProxyInstance(DeliveryProjectionTest.class.getClassLoader(),
                new Class<?>[] {com.mongodb.client.MongoCollection.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.startsWith("replace") || name.startsWith("update") || name.startsWith("insert")) {
                        beforeWrite.run();
                    }
                    return invoke(method, real, args);
                });
        return (MongoDatabase) java.lang.reflect.Proxy.newProxyInstance(DeliveryProjectionTest.class.getClassLoader(),
                new Class<?>[] {MongoDatabase.class}, (proxy, method, args) ->
                        "getCollection".equals(method.getName()) && args.length == 1
                                && DeliveryProjection.DELIVERIES.equals(args[0])
                                ? collection : invoke(method, database, args));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
