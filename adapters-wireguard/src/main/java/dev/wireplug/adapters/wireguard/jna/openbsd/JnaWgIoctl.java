package dev.wireplug.adapters.wireguard.jna.openbsd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wireplug.adapters.wireguard.bsd.IoctlException;
import dev.wireplug.adapters.wireguard.bsd.WgIoctl;

/**
 * SIOCGWG and SIOCSWG through libc, on a datagram socket opened for the call (as wg(8) and
 * ifconfig(8) do). The native buffer is cleared before it is freed: it may hold the private key.
 */
public final class JnaWgIoctl implements WgIoctl {
    @Override
    public long get(String interfaceName, byte[] buffer) throws IoctlException {
        Memory memory = buffer.length > 0 ? new Memory(buffer.length) : null;
        try {
            if (memory != null) {
                memory.clear();
            }
            IfWg.WgDataIo io = new IfWg.WgDataIo(interfaceName, buffer.length, memory);
            call(IfWg.SIOCGWG, io, "SIOCGWG");
            long size = io.wgd_size;
            if (memory != null) {
                memory.read(0, buffer, 0, (int) Math.min(buffer.length, size));
            }
            return size;
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
            call(IfWg.SIOCSWG, new IfWg.WgDataIo(interfaceName, data.length, memory), "SIOCSWG");
        } finally {
            memory.clear();
            memory.close();
        }
    }

    private static void call(long request, IfWg.WgDataIo io, String what) throws IoctlException {
        int fd;
        try {
            fd = LibC.socket(Socket.AF_INET, Socket.SOCK_DGRAM, 0);
        } catch (LastErrorException e) {
            throw new IoctlException(e.getErrorCode(), "socket(AF_INET, SOCK_DGRAM) failed: " + e.getMessage());
        }
        try {
            io.write();
            Pointer argument = io.getPointer();
            LibC.ioctl(fd, request, argument);
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
