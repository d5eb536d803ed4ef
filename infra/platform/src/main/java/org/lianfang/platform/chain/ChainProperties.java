package org.lianfang.platform.chain;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the service's hash chain over its own event store is kept, under {@code lianfang.chain.*}.
 *
 * @param interval   pause between two rounds of the background chainer; {@code 0} switches the
 *                   background off (tests then drive {@link EventChainer#runOnce()} themselves)
 * @param batchSize  events read and hashed per round trip
 * @param gapTimeout a global index still missing when the event after it was stored longer ago than
 *                   this is recorded in the chain as a permanent hole (its writer died or gave up)
 * @param lease      how long one instance holds the right to extend the chain without renewing it
 */
@Validated
@ConfigurationProperties("lianfang.chain")
public record ChainProperties(
        @NotNull @DefaultValue("1s") Duration interval,
        @Min(1) @Max(5000) @DefaultValue("500") int batchSize,
        @NotNull @DefaultValue("60s") Duration gapTimeout,
        @NotNull @DefaultValue("30s") Duration lease) {
}
