package dev.wireplug.adapters.transport.netty;

import dev.wireplug.adapters.transport.server.Outbox;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Sends each answer through the channel bound to the local socket the protocol chose. */
final class NettyOutbox implements Outbox {
    private final Map<InetSocketAddress, Channel> channels = new ConcurrentHashMap<>();
    private volatile Channel fallback;

    void add(InetSocketAddress local, Channel channel) {
        channels.put(local, channel);
        if (fallback == null) {
            fallback = channel;
        }
    }

    @Override
    public void send(byte[] datagram, InetSocketAddress to, InetSocketAddress from) {
        Channel channel = channels.getOrDefault(from, fallback);
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to), channel.voidPromise());
        }
    }
}
