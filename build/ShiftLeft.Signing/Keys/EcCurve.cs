using System;
using System.Security.Cryptography;
using System.Text;

namespace ShiftLeft.Signing.Keys;

/// <summary>A supported ECDSA curve with its curve-matched hash and protobuf-specs key details name.</summary>
public sealed record EcCurve(string Name, string Oid, HashAlgorithmName Hash, string KeyDetails)
{
    public static readonly EcCurve P256 = new("P-256", "1.2.840.10045.3.1.7", HashAlgorithmName.SHA256, "PKIX_ECDSA_P256_SHA_256");
    public static readonly EcCurve P384 = new("P-384", "1.3.132.0.34", HashAlgorithmName.SHA384, "PKIX_ECDSA_P384_SHA_384");
    public static readonly EcCurve P521 = new("P-521", "1.3.132.0.35", HashAlgorithmName.SHA512, "PKIX_ECDSA_P521_SHA_512");

    public ECCurve ToECCurve() => ECCurve.CreateFromValue(Oid);

    /// <summary>Identifies the curve of <paramref name="key"/>; null when it is not P-256/P-384/P-521.</summary>
    public static EcCurve? Of(ECDsa key)
    {
        ECParameters p = key.ExportParameters(false);
        string? oid = p.Curve.Oid?.Value;
        string? name = p.Curve.Oid?.FriendlyName;
        if (oid == P256.Oid || name is "nistP256" or "ECDSA_P256" or "prime256v1" or "secp256r1")
        {
            return P256;
        }

        if (oid == P384.Oid || name is "nistP384" or "ECDSA_P384" or "secp384r1")
        {
            return P384;
        }

        if (oid == P521.Oid || name is "nistP521" or "ECDSA_P521" or "secp521r1")
        {
            return P521;
        }

        return null;
    }

    /// <summary>Parses a CLI curve name (p256, p384, p521; case-insensitive, dash optional).</summary>
    public static EcCurve? Parse(string name) => name.Replace("-", string.Empty).ToLowerInvariant() switch
    {
        "p256" or "secp256r1" or "prime256v1" => P256,
        "p384" or "secp384r1" => P384,
        "p521" or "secp521r1" => P521,
        _ => null,
    };
}

/// <summary>Public-key identities used in bundles.</summary>
public static class PublicKeyHints
{
    /// <summary>SPKI PEM exactly as model_signing hashes it: 64-column base64, "\n" line ends, trailing "\n".</summary>
    public static string SpkiPem(ECDsa key) => key.ExportSubjectPublicKeyInfoPem().Replace("\r\n", "\n") + "\n";

    /// <summary>model_signing ≥ 1.1 hint: lowercase hex SHA-256 of the SPKI PEM including its trailing newline.</summary>
    public static string Hex(ECDsa key) =>
        Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(SpkiPem(key)))).ToLowerInvariant();

    /// <summary>cosign-style hint: base64 of SHA-256 of the DER SPKI.</summary>
    public static string Cosign(ECDsa key) =>
        Convert.ToBase64String(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    /// <summary>True when <paramref name="hint"/> names <paramref name="key"/> in either style.</summary>
    public static bool Matches(string hint, ECDsa key) =>
        string.Equals(hint, Hex(key), StringComparison.OrdinalIgnoreCase) ||
        string.Equals(hint, Cosign(key), StringComparison.Ordinal);
}
