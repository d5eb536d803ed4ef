package org.lianfang.volunteer.shift.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.lianfang.contracts.checkpoint.CheckpointClosed;
import org.lianfang.contracts.checkpoint.CheckpointOpened;
import org.lianfang.contracts.checkpoint.CheckpointRegistered;
import org.lianfang.volunteer.support.Documents;
import org.lianfang.volunteer.support.SetIndex;
import org.springframework.stereotype.Component;

/**
 * The checkpoints shifts are planned at, learned from checkpoint-service's event store (read-only,
 * own token). A registered checkpoint is closed until it is opened. Opening and closing apply only
 * if not older than the last change seen, so a redelivery never flips a checkpoint back.
 */
@Component
@ProcessingGroup(CheckpointSites.PROCESSING_GROUP)
public class CheckpointSites {

    public static final String PROCESSING_GROUP = "checkpoint-sites";
    public static final String CHECKPOINTS = "volunteer_checkpoints";
    static final String INDEX = "volunteer_checkpoint_index";

    private final MongoCollection<Document> checkpoints;
    private final SetIndex index;

    public CheckpointSites(MongoDatabase serviceDatabase) {
        this.checkpoints = serviceDatabase.getCollection(CHECKPOINTS);
        this.index = new SetIndex(serviceDatabase, INDEX);
    }

    /** A checkpoint as shifts need it. */
    public record Site(String id, String communityId, String name, String kind, String location, String compoundId,
                       boolean open) {
    }

    @EventHandler
    void on(CheckpointRegistered event) {
        checkpoints.updateOne(Filters.eq("_id", event.checkpointId().value()), Updates.combine(
                Updates.set("communityId", event.communityId()), Updates.set("name", event.name()),
                Updates.set("kind", event.kind() == null ? null : event.kind().name()),
                Updates.set("location", event.location()), Updates.set("compoundId", event.compoundId()),
                Updates.setOnInsert("open", false), Updates.setOnInsert("changedAt", null)),
                new UpdateOptions().upsert(true));
        index.add(event.communityId(), event.checkpointId().value());
    }

    @EventHandler
    void on(CheckpointOpened event) {
        change(event.checkpointId().value(), true, event.openedAt());
    }

    @EventHandler
    void on(CheckpointClosed event) {
        change(event.checkpointId().value(), false, event.closedAt());
    }

    private void change(String id, boolean open, Instant at) {
        Document doc = Documents.byId(checkpoints, id).orElseGet(() -> new Document("_id", id));
        Instant last = Documents.instant(doc, "changedAt");
        if (last != null && at.isBefore(last)) {
            return;
        }
        checkpoints.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("open", open),
                Updates.set("changedAt", at.toString())), new UpdateOptions().upsert(true));
    }

    public Optional<Site> find(String id) {
        return Documents.byId(checkpoints, id).filter(d -> d.containsKey("communityId")).map(CheckpointSites::site);
    }

    /** The checkpoints of a community, open or not. */
    public List<Site> ofCommunity(String communityId) {
        return Documents.byIds(checkpoints, index.members(communityId)).stream()
                .filter(d -> d.containsKey("communityId")).map(CheckpointSites::site).toList();
    }

    private static Site site(Document d) {
        return new Site(d.getString("_id"), d.getString("communityId"), d.getString("name"), d.getString("kind"),
                d.getString("location"), d.getString("compoundId"), d.getBoolean("open", false));
    }
}
