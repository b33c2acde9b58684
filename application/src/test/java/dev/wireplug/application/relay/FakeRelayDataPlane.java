package dev.wireplug.application.relay;

import dev.wireplug.application.port.out.RelayDataPlane;
import dev.wireplug.application.port.out.RelayException;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A data plane that records what it was asked and reports what the test sets. */
final class FakeRelayDataPlane implements RelayDataPlane {
    final Map<RelayAllocationId, Opening> open = new HashMap<>();
    final Map<RelayAllocationId, RelayState> states = new HashMap<>();
    final Map<RelayAllocationId, RelayCounters> counters = new HashMap<>();
    final List<RelayAllocationId> closed = new ArrayList<>();
    int nextPort = 40000;
    boolean refuse;

    @Override
    public int open(Opening opening) throws RelayException {
        if (refuse) {
            throw new RelayException("no free port");
        }
        open.put(opening.id(), opening);
        return nextPort++;
    }

    @Override
    public Optional<RelayState> learned(RelayAllocationId id) {
        return open.containsKey(id) ? Optional.of(states.getOrDefault(id, new RelayState.Pending())) : Optional.empty();
    }

    @Override
    public RelayCounters counters(RelayAllocationId id) {
        return counters.getOrDefault(id, RelayCounters.ZERO);
    }

    @Override
    public void close(RelayAllocationId id) {
        if (open.remove(id) != null) {
            closed.add(id);
        }
    }
}
