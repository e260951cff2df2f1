/// ECDSA over P-256, P-384 and P-521 with the JWS hash binding (SHA-256/384/512), signatures
/// in the fixed-length r ‖ s form (IEEE P1363, RFC 7518 §3.4). Backed by OpenSSL 3.
public enum ECDSA {}
