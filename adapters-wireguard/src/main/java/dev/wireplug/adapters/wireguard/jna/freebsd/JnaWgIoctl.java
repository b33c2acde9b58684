package dev.wireplug.adapters.wireguard.jna.freebsd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import dev.wireplug.adapters.wireguard.bsd.IoctlException;
import dev.wireplug.adapters.wireguard.bsd.WgIoctl;

/**
 * SIOCGWG and SIOCSWG through libc on an AF_LOCAL datagram socket, as wireguard-tools does on
 * FreeBSD. Native buffers are cleared before they are freed: the nvlist may hold the private key.
 */
public final class JnaWgIoctl implements WgIoctl {
    @Override
    public long get(String interfaceName, byte[] buffer) throws IoctlException {
        Memory memory = buffer.length > 0 ? new Memory(buffer.length) : null;
        try {
            if (memory != null) {
                memory.clear();
            }
            IfWg.WgDataIo io = new IfWg.WgDataIo(interfaceName, memory, buffer.length);
            call(IfWg.SIOCGWG, io, "SIOCGWG");
            if (memory != null) {
                memory.read(0, buffer, 0, (int) Math.min(buffer.length, io.wgd_size));
            }
            return io.wgd_size;
        } finally {
            if (memory != null) {
                memory.clear();
                memory.close();
            }
        }
    }

    @Override
    public void set(String interfaceName, byte[] data) throws IoctlException {
        Memory memory = new Memory(Math.max(1, data.length));
        try {
            memory.write(0, data, 0, data.length);
            call(IfWg.SIOCSWG, new IfWg.WgDataIo(interfaceName, memory, data.length), "SIOCSWG");
        } finally {
            memory.clear();
            memory.close();
        }
    }

    private static void call(long request, IfWg.WgDataIo io, String what) throws IoctlException {
        int fd;
        try {
            fd = LibC.socket(IfWg.AF_LOCAL, IfWg.SOCK_DGRAM, 0);
        } catch (LastErrorException e) {
            throw new IoctlException(e.getErrorCode(), "socket(AF_LOCAL, SOCK_DGRAM) failed: " + e.getMessage());
        }
        try {
            io.write();
            LibC.ioctl(fd, request, io.getPointer());
            io.read();
        } catch (LastErrorException e) {
            throw new IoctlException(e.getErrorCode(), what + " failed: " + e.getMessage());
        } finally {
            try {
                LibC.close(fd);
            } catch (LastErrorException ignored) {
                // Nothing to do about a failed close of a socket that carried one ioctl.
            }
        }
    }
}
