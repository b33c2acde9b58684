package dev.wireplug.adapters.transport.relay;

import dev.wireplug.application.port.out.RelayDataPlane.Opening;
import dev.wireplug.domain.relay.RelayAllocation;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCounters;

/**
 * Moves the forwarding of an active allocation out of user space (into the kernel). Learning stays
 * in user space; whatever still reaches the relay socket from a learned address is forwarded there
 * as before, so an offload that is late or fails costs speed, never connectivity.
 */
interface RelayOffload {

    /** Called once the port is bound, before any peer knows it. */
    void opened(Opening opening, int port) throws Exception;

    /** Both sides are learned (or a side was relearned): forward between these addresses. */
    void activated(RelayAllocation allocation, int port);

    /** What the offloaded path forwarded and dropped. */
    RelayCounters counters(RelayAllocationId id);

    /** The allocation is gone: remove everything installed for it. */
    void closed(RelayAllocationId id);

    /** For the portable plane: nothing leaves user space. */
    RelayOffload NONE = new RelayOffload() {
        @Override
        public void opened(Opening opening, int port) {}

        @Override
        public void activated(RelayAllocation allocation, int port) {}

        @Override
        public RelayCounters counters(RelayAllocationId id) {
            return RelayCounters.ZERO;
        }

        @Override
        public void closed(RelayAllocationId id) {}
    };
}
