internal import CLibcrypto

/// An owned OpenSSL `EVP_PKEY`, parsed or built once and freed exactly once in `deinit`.
///
/// `@unchecked Sendable`: after construction the key is never modified. OpenSSL 3 allows one
/// `EVP_PKEY` to back contexts on many threads at once (reference counts are atomic and the
/// provider key data is read-only), and the pointer is only lent inside `withPointer`.
final class PKey: @unchecked Sendable {
    private let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    func withPointer<R, E: Error>(_ body: (OpaquePointer) throws(E) -> R) throws(E) -> R {
        try body(pointer)
    }

    /// The key's type as an OpenSSL NID (`NID_rsaEncryption`, `NID_X9_62_id_ecPublicKey`, …).
    var baseID: Int32 { EVP_PKEY_get_base_id(pointer) }

    /// Key size in bits (the modulus for RSA, the group order for EC).
    var bitCount: Int { Int(EVP_PKEY_get_bits(pointer)) }

    /// A big-number parameter of the key (`vk_param_rsa_n()`, …).
    func bigNumber(_ name: UnsafePointer<CChar>) throws(CryptoError) -> BigNumber {
        var value: OpaquePointer? = nil
        guard EVP_PKEY_get_bn_param(pointer, name, &value) == 1, let value else {
            throw CryptoError.openSSL(.invalidKey, "key lacks the parameter \(String(cString: name))")
        }
        return BigNumber(taking: value)
    }

    /// A short UTF-8 string parameter (`vk_param_group_name()`, …), or `nil` if absent.
    func string(_ name: UnsafePointer<CChar>) -> String? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 80) { buffer in
            var length = 0
            guard EVP_PKEY_get_utf8_string_param(pointer, name, buffer.baseAddress, buffer.count, &length) == 1
            else {
                clearOpenSSLErrors()
                return nil
            }
            return String(
                decoding: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[..<length]),
                as: UTF8.self
            )
        }
    }

    /// PKCS#8 `PrivateKeyInfo` DER. OpenSSL's scratch copies are wiped before they are freed.
    func privateKeyInfoDER() throws(CryptoError) -> [UInt8] {
        guard let info = EVP_PKEY2PKCS8(pointer) else {
            throw CryptoError.openSSL(.libraryFailure, "cannot encode the private key")
        }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        var output: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_PKCS8_PRIV_KEY_INFO(info, &output)
        guard length > 0, let output else {
            throw CryptoError.openSSL(.libraryFailure, "cannot encode the private key")
        }
        defer { vk_openssl_clear_free(output, Int(length)) }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }

    /// Runs OpenSSL's full key check (for a key pair: ranges, primality or point order, and that the
    /// private part matches the public part).
    func passesConsistencyCheck() -> Bool {
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, pointer, nil) else {
            clearOpenSSLErrors()
            return false
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_check(context) == 1 else {
            clearOpenSSLErrors()
            return false
        }
        return true
    }

    /// A parameter for ``fromData(keyType:selection:parameters:)``. Names must be C literals from the
    /// shim: the OpenSSL builder keeps the name pointers until the parameters are materialised.
    enum Parameter {
        case bigNumber(UnsafePointer<CChar>, BigNumber)
        case string(UnsafePointer<CChar>, UnsafePointer<CChar>)
        case octets(UnsafePointer<CChar>, [UInt8])
    }

    /// Builds a key from parameters with `EVP_PKEY_fromdata`.
    static func fromData(
        keyType: UnsafePointer<CChar>,
        selection: Int32,
        parameters: [Parameter]
    ) throws(CryptoError) -> PKey {
        guard let builder = OSSL_PARAM_BLD_new() else {
            throw CryptoError.openSSL(.libraryFailure, "cannot allocate a parameter builder")
        }
        defer { OSSL_PARAM_BLD_free(builder) }
        // The builder references octet strings without copying until OSSL_PARAM_BLD_to_param, so
        // they live in buffers owned by this frame rather than in a closure-scoped array view.
        var buffers: [UnsafeMutableRawBufferPointer] = []
        defer {
            for buffer in buffers {
                buffer.initializeMemory(as: UInt8.self, repeating: 0)
                buffer.deallocate()
            }
        }
        for parameter in parameters {
            let pushed: Int32
            switch parameter {
            case .bigNumber(let name, let number):
                pushed = number.withPointer { OSSL_PARAM_BLD_push_BN(builder, name, $0) }
            case .string(let name, let value):
                pushed = OSSL_PARAM_BLD_push_utf8_string(builder, name, value, 0)
            case .octets(let name, let bytes):
                let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
                buffer.initializeMemory(as: UInt8.self, repeating: 0)
                buffers.append(buffer)
                bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
                pushed = OSSL_PARAM_BLD_push_octet_string(builder, name, buffer.baseAddress, bytes.count)
            }
            guard pushed == 1 else {
                throw CryptoError.openSSL(.libraryFailure, "cannot build key parameters")
            }
        }
        guard let params = OSSL_PARAM_BLD_to_param(builder) else {
            throw CryptoError.openSSL(.libraryFailure, "cannot build key parameters")
        }
        defer { OSSL_PARAM_free(params) }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, keyType, nil) else {
            throw CryptoError.openSSL(.libraryFailure, "cannot create a key context")
        }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer? = nil
        guard EVP_PKEY_fromdata_init(context) == 1,
            EVP_PKEY_fromdata(context, &key, selection, params) == 1,
            let key
        else {
            throw CryptoError.openSSL(.invalidKey, "OpenSSL rejected the key parameters")
        }
        return PKey(taking: key)
    }

    /// Generates a key of `keyType`, with `configure` setting the generation parameters.
    static func generate(
        keyType: UnsafePointer<CChar>,
        configure: (OpaquePointer) -> Bool
    ) throws(CryptoError) -> PKey {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, keyType, nil) else {
            throw CryptoError.openSSL(.libraryFailure, "cannot create a key generation context")
        }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer? = nil
        guard EVP_PKEY_keygen_init(context) == 1, configure(context), EVP_PKEY_generate(context, &key) == 1,
            let key
        else {
            throw CryptoError.openSSL(.libraryFailure, "key generation failed")
        }
        return PKey(taking: key)
    }
}
