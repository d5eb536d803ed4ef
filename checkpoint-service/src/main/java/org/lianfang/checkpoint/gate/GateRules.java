package org.lianfang.checkpoint.gate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gate's rules in the order they are tried; the first refusal is the one the operator sees.
 * Every decision carries {@link #version()} so it can be re-checked against the rules of its day:
 * change the version with any rule or parameter.
 */
public final class GateRules {

    private final String version;
    private final QuarantineExitPolicy quarantine = new QuarantineExitPolicy();
    private final RedExitPolicy red = new RedExitPolicy();
    private final GateFeverPolicy fever;
    private final ClosedCompoundPassPolicy pass = new ClosedCompoundPassPolicy();
    private final UnregisteredArrivalPolicy arrival = new UnregisteredArrivalPolicy();

    public GateRules(String version, BigDecimal feverThreshold) {
        this.version = Objects.requireNonNull(version, "version");
        this.fever = new GateFeverPolicy(feverThreshold);
    }

    public String version() {
        return version;
    }

    public GateDecision decide(GateFacts facts) {
        Optional<GateDenial> denial = quarantine.judge(facts)
                .or(() -> red.judge(facts))
                .or(() -> fever.judge(facts))
                .or(() -> pass.judge(facts));
        Optional<UnregisteredArrivalPolicy.Finding> finding = arrival.judge(facts);
        List<String> flags = new ArrayList<>();
        if (fever.isFever(facts.temperature())) {
            flags.add(GateFeverPolicy.FLAG);
        }
        finding.ifPresent(f -> flags.add(UnregisteredArrivalPolicy.FLAG));
        return new GateDecision(denial, flags, quarantine.breach(facts), finding,
                denial.isEmpty() && pass.spendsPass(facts), version);
    }
}
