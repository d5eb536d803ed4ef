package org.lianfang.registry.countylist.command;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Pulls the county's list every {@code pull-interval} when {@code lianfang.registry.county-lists.enabled}. */
@Component
@ConditionalOnProperty(name = "lianfang.registry.county-lists.enabled", havingValue = "true")
public class CountyListSchedule {

    private static final Logger log = LoggerFactory.getLogger(CountyListSchedule.class);

    private final CountyListImport imports;

    public CountyListSchedule(CountyListImport imports) {
        this.imports = imports;
    }

    @Scheduled(initialDelayString = "${lianfang.registry.county-lists.pull-interval:10m}",
            fixedDelayString = "${lianfang.registry.county-lists.pull-interval:10m}")
    public void pull() {
        CountyListImport.PullResult result = imports.pull();
        log.info("County list pull: {} ({} pages, entries {}){}", result.outcome(), result.pages(), result.entries(),
                result.problem() == null ? "" : ": " + result.problem());
    }
}
