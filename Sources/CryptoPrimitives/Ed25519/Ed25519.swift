/// Ed25519 signatures (RFC 8032), backed by libsodium.
public enum Ed25519 {}
