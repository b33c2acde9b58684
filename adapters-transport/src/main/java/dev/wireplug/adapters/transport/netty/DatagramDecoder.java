package dev.wireplug.adapters.transport.netty;

import dev.wireplug.adapters.transport.wire.WireCodec;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Copies each datagram into a byte array and lets the buffer go (MessageToMessageDecoder releases
 * it). Stateless, so one instance serves every channel. Datagrams over the protocol's maximum are
 * dropped here, before any parsing.
 */
@Sharable
final class DatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {
    DatagramDecoder() {
        super(DatagramPacket.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        if (packet.content().readableBytes() > WireCodec.MAX_DATAGRAM) {
            return;
        }
        out.add(new InboundDatagram(ByteBufUtil.getBytes(packet.content()), packet.sender(), packet.recipient()));
    }
}
