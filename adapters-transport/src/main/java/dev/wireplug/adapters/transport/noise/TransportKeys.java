package dev.wireplug.adapters.transport.noise;

/**
 * What a finished handshake leaves: one key per direction, and the handshake hash (a value both
 * sides share and nobody else can compute, usable as a session identifier).
 */
public record TransportKeys(byte[] sendKey, byte[] receiveKey, byte[] handshakeHash) {
    public TransportKeys {
        sendKey = sendKey.clone();
        receiveKey = receiveKey.clone();
        handshakeHash = handshakeHash.clone();
    }

    @Override
    public byte[] sendKey() {
        return sendKey.clone();
    }

    @Override
    public byte[] receiveKey() {
        return receiveKey.clone();
    }

    @Override
    public byte[] handshakeHash() {
        return handshakeHash.clone();
    }

    @Override
    public String toString() {
        return "TransportKeys[hidden]";
    }
}
