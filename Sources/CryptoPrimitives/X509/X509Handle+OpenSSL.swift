internal import CLibcrypto

/// Owns one parsed OpenSSL `X509` and frees it exactly once, when the last
/// ``X509Certificate`` sharing it goes away.
///
/// `@unchecked Sendable`: the pointer never changes, and OpenSSL 3 guards the one lazily filled
/// part of an `X509` (its cached extension flags) with the certificate's own lock; everything
/// else is read-only after parsing, which also fills that cache.
final class X509Handle: @unchecked Sendable {
    let pointer: OpaquePointer
    let der: [UInt8]
    let subject: String
    let notBefore: Int64
    let notAfter: Int64
    let permitsDigitalSignature: Bool
    let isCertificateAuthority: Bool
    let isSelfIssued: Bool
    let extendedKeyUsages: [String]?

    init(der: [UInt8]) throws(CryptoError) {
        guard !der.isEmpty else { throw CryptoError(.invalidCertificate, "empty certificate") }
        guard der.count <= X509Certificate.maxDERBytes else {
            throw CryptoError(
                .invalidCertificate,
                "the certificate is \(der.count) bytes; at most \(X509Certificate.maxDERBytes) are read"
            )
        }
        let parsed = try withContiguousBytes(der) { (raw) throws(CryptoError) -> OpaquePointer in
            try parseStrictCertificate(raw, invalid: .invalidCertificate, explicitCurve: .invalidCertificate)
        }
        // Every check that can fail runs before `self` is whole: a class whose init throws early
        // never runs deinit, so `parsed` is freed here on those paths.
        // X509_check_purpose fills OpenSSL's extension cache now, so that concurrent validations
        // only read it, and fails for extensions OpenSSL cannot decode (EXFLAG_INVALID).
        guard X509_check_purpose(parsed, -1, 0) == 1 else {
            X509_free(parsed)
            throw CryptoError.openSSL(.invalidCertificate, "the certificate's extensions do not decode")
        }
        guard let start = Self.seconds(X509_get0_notBefore(parsed)),
            let end = Self.seconds(X509_get0_notAfter(parsed))
        else {
            X509_free(parsed)
            throw CryptoError(.invalidCertificate, "the certificate's validity dates do not decode")
        }
        guard let purposes = Self.extendedKeyUsages(parsed) else {
            X509_free(parsed)
            throw CryptoError(.invalidCertificate, "the certificate's extended key usage does not decode")
        }
        let usage = X509_get_key_usage(parsed)
        isCertificateAuthority = vk_x509_has_ca_flag(parsed) != 0 || X509_check_ca(parsed) != 0
        isSelfIssued = vk_x509_is_self_issued(parsed) != 0
        extendedKeyUsages = purposes.isAbsent ? nil : purposes.oids
        pointer = parsed
        self.der = der
        permitsDigitalSignature = usage == UInt32.max || usage & UInt32(KU_DIGITAL_SIGNATURE) != 0
        subject = Self.subjectText(parsed)
        notBefore = start
        notAfter = end
    }

    deinit { X509_free(pointer) }

    /// The certificate's SubjectPublicKeyInfo, re-encoded from the parsed certificate: reading the
    /// DER again would cost another OpenSSL 3.0 key decoder set-up (~1.5 M instructions).
    func publicKeyInfoDER() throws(CryptoError) -> [UInt8] {
        try encodedPublicKeyInfo(of: pointer)
    }

    func hasExtension(oid: String) -> Bool {
        let found = vk_x509_has_extension(pointer, oid)
        if found < 0 { clearOpenSSLErrors() }
        return found == 1
    }

    /// The extended key usage purposes as dotted OIDs (`isAbsent` without the extension), or nil
    /// if OpenSSL cannot read them. The extension is decoded once (a certificate may list
    /// thousands of purposes), and each OID is read whole, however long.
    private static func extendedKeyUsages(_ certificate: OpaquePointer) -> (isAbsent: Bool, oids: [String])? {
        var status: Int32 = 0
        guard let usages = vk_x509_eku_get(certificate, &status) else {
            if status == -1 { return (true, []) }
            clearOpenSSLErrors()
            return nil
        }
        defer { vk_x509_eku_free(usages) }
        let count = vk_x509_eku_count(usages)
        guard count >= 0 else { return nil }
        var oids: [String] = []
        oids.reserveCapacity(Int(count))
        var buffer = [CChar](repeating: 0, count: 128)
        for index in 0..<count {
            var length = buffer.withUnsafeMutableBufferPointer {
                vk_x509_eku_oid(usages, index, $0.baseAddress, Int32($0.count))
            }
            if length >= Int32(buffer.count) {
                buffer = [CChar](repeating: 0, count: Int(length) + 1)
                length = buffer.withUnsafeMutableBufferPointer {
                    vk_x509_eku_oid(usages, index, $0.baseAddress, Int32($0.count))
                }
            }
            guard length > 0, length < Int32(buffer.count) else {
                clearOpenSSLErrors()
                return nil
            }
            oids.append(String(decoding: buffer[..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return (false, oids)
    }

    private static func subjectText(_ certificate: OpaquePointer) -> String {
        var buffer = [CChar](repeating: 0, count: 1024)
        let written = buffer.withUnsafeMutableBufferPointer {
            vk_x509_subject_rfc2253(certificate, $0.baseAddress, Int32($0.count))
        }
        guard written > 0 else {
            clearOpenSSLErrors()
            return ""
        }
        let bytes = buffer[..<Int(written)].map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An ASN1_TIME as seconds since 1970, or nil if OpenSSL cannot read it.
    private static func seconds(_ time: UnsafePointer<ASN1_TIME>?) -> Int64? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else {
            clearOpenSSLErrors()
            return nil
        }
        let days = daysSinceEpoch(
            year: Int64(parts.tm_year) + 1900,
            month: Int64(parts.tm_mon) + 1,
            day: Int64(parts.tm_mday)
        )
        return days * 86_400 + Int64(parts.tm_hour) * 3_600 + Int64(parts.tm_min) * 60 + Int64(parts.tm_sec)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (the civil-from-days inverse, by eras of
    /// 400 years so that it is exact for any year an ASN1_TIME can hold).
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
