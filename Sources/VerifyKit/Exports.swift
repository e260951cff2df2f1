// The umbrella module: `import VerifyKit` brings in every public module.
@_exported public import Base64URL
@_exported public import CryptoPrimitives
@_exported public import HexCoding
@_exported public import JSONWebToken
@_exported public import RequestSigning
@_exported public import StrictJSON
