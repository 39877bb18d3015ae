using System;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using ShiftLeft.Signing.TrustRoot;

namespace ShiftLeft.Signing.Transparency;

/// <summary>A public key from the trusted root (Rekor log, CT log) that verifies signatures: ECDSA (DER, hash
/// matched to the curve or the key details), Ed25519 (BouncyCastle; .NET has none) or RSA PKCS#1 v1.5.</summary>
public sealed class LogKey
{
    private const string Ed25519Oid = "1.3.101.112";
    private readonly byte[] _keyBytes;

    private LogKey(Kind kind, byte[] keyBytes, HashAlgorithmName hash, byte[] spki)
    {
        KeyKind = kind;
        _keyBytes = keyBytes;
        Hash = hash;
        Spki = spki;
    }

    public enum Kind
    {
        Ecdsa,
        Ed25519,
        Rsa,
    }

    public Kind KeyKind { get; }
    public HashAlgorithmName Hash { get; }

    /// <summary>DER SubjectPublicKeyInfo (for Ed25519: the 32-byte raw key is its last 32 bytes).</summary>
    public byte[] Spki { get; }

    /// <summary>The raw Ed25519 key (32 bytes); only for <see cref="Kind.Ed25519"/>.</summary>
    public ReadOnlySpan<byte> Ed25519Raw => KeyKind == Kind.Ed25519 ? _keyBytes : throw new InvalidOperationException("not Ed25519");

    /// <summary>Imports a trusted-root key; throws <see cref="SigningException"/> (<see cref="ErrorCodes.TrustedRootInvalid"/>)
    /// when it is of an unsupported kind or malformed.</summary>
    public static LogKey From(TransparencyLogInstance log)
    {
        try
        {
            return Import(log.PublicKeyBytes, log.KeyDetails);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw new SigningException(ErrorCodes.TrustedRootInvalid,
                $"the trusted root's key for log '{log.BaseUrl}' ({log.KeyDetails}) cannot be used: {e.Message}", null, e);
        }
    }

    public static LogKey Import(byte[] der, string keyDetails)
    {
        if (keyDetails.StartsWith("PKCS1_RSA", StringComparison.Ordinal) || keyDetails.StartsWith("PKIX_RSA", StringComparison.Ordinal))
        {
            using RSA rsa = RSA.Create();
            try
            {
                rsa.ImportSubjectPublicKeyInfo(der, out _);
            }
            catch (CryptographicException)
            {
                rsa.ImportRSAPublicKey(der, out _);
            }

            HashAlgorithmName h = keyDetails.Contains("SHA384", StringComparison.Ordinal) ? HashAlgorithmName.SHA384
                : keyDetails.Contains("SHA512", StringComparison.Ordinal) ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
            return new LogKey(Kind.Rsa, rsa.ExportSubjectPublicKeyInfo(), h, rsa.ExportSubjectPublicKeyInfo());
        }

        var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER);
        var spki = reader.ReadSequence();
        var alg = spki.ReadSequence();
        string oid = alg.ReadObjectIdentifier();
        if (oid == Ed25519Oid)
        {
            byte[] raw = spki.ReadBitString(out int unused);
            if (unused != 0 || raw.Length != 32)
            {
                throw new CryptographicException("malformed Ed25519 public key");
            }

            return new LogKey(Kind.Ed25519, raw, default, der);
        }

        using ECDsa ec = ECDsa.Create();
        ec.ImportSubjectPublicKeyInfo(der, out _);
        HashAlgorithmName hash = keyDetails switch
        {
            "PKIX_ECDSA_P384_SHA_384" => HashAlgorithmName.SHA384,
            "PKIX_ECDSA_P521_SHA_512" => HashAlgorithmName.SHA512,
            "PKIX_ECDSA_P256_SHA_256" => HashAlgorithmName.SHA256,
            _ => ec.KeySize switch { 384 => HashAlgorithmName.SHA384, 521 => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 },
        };
        return new LogKey(Kind.Ecdsa, der, hash, der);
    }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="data"/>; false on any malformed input.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            switch (KeyKind)
            {
                case Kind.Ed25519:
                    if (signature.Length != 64)
                    {
                        return false;
                    }

                    var signer = new Ed25519Signer();
                    signer.Init(false, new Ed25519PublicKeyParameters(_keyBytes, 0));
                    byte[] d = data.ToArray();
                    signer.BlockUpdate(d, 0, d.Length);
                    return signer.VerifySignature(signature.ToArray());
                case Kind.Rsa:
                    using (RSA rsa = RSA.Create())
                    {
                        rsa.ImportSubjectPublicKeyInfo(_keyBytes, out _);
                        return rsa.VerifyData(data, signature, Hash, RSASignaturePadding.Pkcs1);
                    }

                default:
                    using (ECDsa ec = ECDsa.Create())
                    {
                        ec.ImportSubjectPublicKeyInfo(_keyBytes, out _);
                        return ec.VerifyData(data, signature, Hash, DSASignatureFormat.Rfc3279DerSequence);
                    }
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException)
        {
            return false;
        }
    }

    /// <summary>Verifies with an explicit hash (SCTs name theirs).</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        if (KeyKind == Kind.Ed25519 || hash == Hash)
        {
            return Verify(data, signature);
        }

        return new LogKey(KeyKind, _keyBytes, hash, Spki).Verify(data, signature);
    }
}
