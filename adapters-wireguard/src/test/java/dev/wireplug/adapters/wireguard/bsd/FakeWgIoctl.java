package dev.wireplug.adapters.wireguard.bsd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A kernel stand-in for SIOCGWG/SIOCSWG. Each {@code get} answers the next queued image the way both
 * BSD kernels do: it reports the image's size, and copies the image only when the caller's buffer
 * can hold it. An empty queue keeps answering with the last image.
 */
public final class FakeWgIoctl implements WgIoctl {
    private final Deque<byte[]> images = new ArrayDeque<>();
    private final List<Integer> getBufferSizes = new ArrayList<>();
    private final List<byte[]> sets = new ArrayList<>();
    private byte[] last = new byte[0];
    private IoctlException failure;
    private boolean failWhenTooSmall;

    public FakeWgIoctl answer(byte[]... answers) {
        images.addAll(List.of(answers));
        return this;
    }

    public FakeWgIoctl failWith(int errno) {
        failure = new IoctlException(errno, "ioctl failed with errno " + errno);
        return this;
    }

    /** FreeBSD's wgc_get answers ENOSPC to a non-empty buffer that is too small. */
    public FakeWgIoctl enospcWhenTooSmall() {
        failWhenTooSmall = true;
        return this;
    }

    @Override
    public long get(String interfaceName, byte[] buffer) throws IoctlException {
        getBufferSizes.add(buffer.length);
        if (failure != null) {
            throw failure;
        }
        if (!images.isEmpty()) {
            last = images.poll();
        }
        if (buffer.length >= last.length) {
            System.arraycopy(last, 0, buffer, 0, last.length);
        } else if (failWhenTooSmall && buffer.length > 0) {
            throw new IoctlException(BsdErrno.ENOSPC, "ENOSPC");
        }
        return last.length;
    }

    @Override
    public void set(String interfaceName, byte[] data) throws IoctlException {
        if (failure != null) {
            throw failure;
        }
        sets.add(data.clone());
    }

    public List<Integer> getBufferSizes() {
        return getBufferSizes;
    }

    public List<byte[]> sets() {
        return sets;
    }
}
