package dev.wireplug.adapters.nat.lab;

import dagger.Component;
import dev.wireplug.adapters.nat.stun.StunModule;
import dev.wireplug.application.port.out.NatProber;
import dev.wireplug.domain.nat.NatProbeResult;
import dev.wireplug.domain.net.Endpoint;

/**
 * Runs the production NatProber once inside a lab namespace:
 * {@code LabStunDriver SERVER:PORT LOCAL_PORT}; prints behaviour, NAT kind, mapped endpoint, time.
 */
public final class LabStunDriver {
    @Component(modules = StunModule.class)
    interface StunComponent {
        NatProber natProber();
    }

    private LabStunDriver() {}

    public static void main(String[] args) {
        NatProber prober = DaggerLabStunDriver_StunComponent.create().natProber();
        long t0 = System.nanoTime();
        NatProbeResult r = prober.probe(Integer.parseInt(args[1]), Endpoint.parse(args[0]));
        System.out.println("probe behaviour=" + r.behaviour() + " kind=" + r.natKind()
                + " mapped=" + r.mapped().map(Endpoint::toString).orElse("none")
                + " ms=" + (System.nanoTime() - t0) / 1_000_000);
    }
}
