package dev.wireplug.adapters.transport.netty;

import dev.wireplug.adapters.transport.server.CoordinatorDispatcher;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/** Hands every decoded datagram to the dispatcher; nothing else. A failure never closes the socket. */
@Sharable
final class DispatchHandler extends SimpleChannelInboundHandler<InboundDatagram> {
    private static final System.Logger LOG = System.getLogger(DispatchHandler.class.getName());
    private final CoordinatorDispatcher dispatcher;

    DispatchHandler(CoordinatorDispatcher dispatcher) {
        super(InboundDatagram.class);
        this.dispatcher = dispatcher;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, InboundDatagram datagram) {
        dispatcher.handle(datagram.bytes(), datagram.sender(), datagram.recipient());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP socket has no peer to lose: log one line and keep serving.
        LOG.log(System.Logger.Level.WARNING, "event=handler-error error={0}", cause.toString());
    }
}
