/// What a ``RemoteJWKSet``'s fetch returns when the key endpoint's caching headers should decide
/// how long the set is used: the body, and the response's `Cache-Control` and `Age` values.
///
/// With `Cache-Control: max-age=N` the set is fetched again after `N` seconds less the response's
/// `Age`, rather than after ``RemoteJWKSetConfiguration/maxAge``, kept within
/// ``RemoteJWKSetConfiguration/minimumHeaderLifetime`` (a minute, or `maxAge` if less) and
/// ``RemoteJWKSetConfiguration/maximumHeaderLifetime`` (a day) by default (Google's keys come with
/// `max-age` of about five hours, Microsoft's with a day). `no-store` or
/// `no-cache` make it the minimum. The rules, RFC 9111's for a private cache:
///
/// - Directive names are case-insensitive; `max-age`'s argument is a number of seconds, as a
///   token (`max-age=60`) or a quoted string (`max-age="60"`). A value too large for the clock
///   counts as 2³¹ seconds (RFC 9111 §1.2.2), so the cap applies.
/// - A `max-age` that is not a number (empty, signed, a fraction, spaces around `=`), or more than
///   one `max-age`, makes the response stale (RFC 9111 §4.2.1): the minimum applies, never a
///   longer life than the server may have meant.
/// - `Age` is read as a number of seconds (the first of a list); one that is not is ignored
///   (RFC 9111 §5.1). Past `max-age`, the response is stale: the minimum applies.
/// - A header without `max-age`, `no-store` or `no-cache` (or none at all) leaves
///   ``RemoteJWKSetConfiguration/maxAge`` in force.
/// - `s-maxage` is for shared caches, and this one is private: ignored. `must-revalidate`,
///   `stale-while-revalidate` and `stale-if-error` are ignored too: an old set serves while its
///   successor is fetched, and for ``RemoteJWKSetConfiguration/staleIfError`` past its life while
///   fetches fail, as the configuration says. `Expires` is not read.
public struct RemoteJWKSetResponse: Sendable, Hashable {
    /// The JWK Set's JSON.
    public var body: [UInt8]
    /// The response's `Cache-Control` value, or `nil` without one. Several header lines are one
    /// value joined with `,` (RFC 9110 §5.3), as most clients' header lookups give them.
    public var cacheControl: String?
    /// The response's `Age` value (seconds a cache in between has held the response), or `nil`
    /// without one.
    public var age: String?

    /// A response with the given body and headers.
    public init(body: [UInt8], cacheControl: String? = nil, age: String? = nil) {
        self.body = body
        self.cacheControl = cacheControl
        self.age = age
    }
}
