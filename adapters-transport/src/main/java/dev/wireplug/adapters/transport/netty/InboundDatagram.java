package dev.wireplug.adapters.transport.netty;

import java.net.InetSocketAddress;

/** A datagram copied out of Netty's buffer: from here on, only plain Java. */
record InboundDatagram(byte[] bytes, InetSocketAddress sender, InetSocketAddress recipient) {}
