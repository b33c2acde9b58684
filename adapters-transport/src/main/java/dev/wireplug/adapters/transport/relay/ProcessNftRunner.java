package dev.wireplug.adapters.transport.relay;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code nft} binary. Needs CAP_NET_ADMIN in the relay's network namespace. */
final class ProcessNftRunner implements NftRunner {
    private static final long TIMEOUT_SECONDS = 10;
    private final String nft;

    ProcessNftRunner(String nft) {
        this.nft = nft;
    }

    @Override
    public String apply(String script) throws IOException {
        return run(List.of(nft, "-f", "-"), script);
    }

    @Override
    public String list(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(nft);
        command.addAll(List.of(args));
        return run(command, "");
    }

    private static String run(List<String> command, String input) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running nft", e);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                    + text.strip());
        }
        return text;
    }
}
