package dev.wireplug.adapters.nat.lab;

import dev.wireplug.application.port.out.MappingPublisher;
import dev.wireplug.application.port.out.Scheduler;
import dev.wireplug.application.service.PortMappingService;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.PortMapping;
import dev.wireplug.domain.nat.policy.MappingStatus;
import dev.wireplug.domain.nat.policy.PolicySettings;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpAddresses;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link PortMappingService} with the production adapters inside the lab's client namespace:
 * {@code LabServiceDriver METHODS PORT LIFETIME}; commands on stdin: start, observed ADDRESS,
 * status, shutdown, quit. Publications are printed as they happen.
 */
public final class LabServiceDriver {
    private LabServiceDriver() {}

    public static void main(String[] args) throws Exception {
        List<MappingMethod> methods = Arrays.stream(args[0].split(",")).map(MappingMethod::parse).toList();
        int port = Integer.parseInt(args[1]);
        long lifetime = Long.parseLong(args[2]);
        LabMapperDriver.LabComponent c = DaggerLabMapperDriver_LabComponent.factory().create(Instant::now);
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
        Scheduler scheduler = new Scheduler() {
            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                ScheduledFuture<?> f = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                return () -> f.cancel(false);
            }

            @Override
            public void execute(Runnable task) {
                executor.execute(task);
            }
        };
        MappingPublisher publisher = new MappingPublisher() {
            @Override
            public synchronized void publish(Optional<PortMapping> mapping, Optional<Endpoint> external) {
                System.out.println("publish external=" + external.map(Endpoint::toString).orElse("none"));
                System.out.flush();
            }

            @Override
            public synchronized void requestVerification(Endpoint candidate) {
                System.out.println("verify candidate=" + candidate);
                System.out.flush();
            }
        };
        PolicySettings settings = new PolicySettings(methods, Duration.ofSeconds(lifetime), Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ZERO);
        PortMappingService service = new PortMappingService(List.copyOf(c.portMappers()), c.gatewayFinder(), Instant::now,
                scheduler, publisher, settings, new Random(), port);
        c.gatewayAnnouncements().start((gateway, method, epoch) -> {
            synchronized (publisher) {
                System.out.println("announcement gateway=" + gateway.getHostAddress() + " method=" + method.configName()
                        + " epoch=" + epoch);
                System.out.flush();
            }
            service.epochObserved(gateway, method, epoch);
        });
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().split(" ");
            switch (words[0]) {
                case "start" -> service.start();
                case "observed" -> service.addressObserved(IpAddresses.parse(words[1]));
                case "status" -> {
                    MappingStatus s = service.status();
                    System.out.println("status phase=" + s.phase()
                            + " method=" + s.mapping().map(m -> m.method().configName()).orElse("none")
                            + " port=" + s.mapping().map(m -> Integer.toString(m.externalPort())).orElse("none")
                            + " granted_at=" + s.mapping().map(m -> Long.toString(m.grantedAt().getEpochSecond())).orElse("none")
                            + " expires_at=" + s.mapping().map(m -> Long.toString(m.expiresAt().getEpochSecond())).orElse("none")
                            + " trust=" + s.trust().map(Enum::name).orElse("none"));
                }
                case "shutdown" -> {
                    service.shutdown();
                    System.out.println("stopped");
                }
                case "quit" -> {
                    executor.shutdownNow();
                    return;
                }
                default -> System.out.println("error=unknown-command");
            }
            System.out.flush();
        }
        executor.shutdownNow();
    }
}
