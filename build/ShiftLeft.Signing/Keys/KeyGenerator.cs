using System;
using System.Security.Cryptography;

namespace ShiftLeft.Signing.Keys;

/// <summary>A freshly generated key pair as PEM text (private PKCS#8, public SPKI; both end with "\n").</summary>
public sealed record GeneratedKeyPair(string PrivateKeyPem, string PublicKeyPem);

public static class KeyGenerator
{
    /// <summary>Generates an ECDSA key pair. With a <paramref name="password"/>, the private key is written as
    /// encrypted PKCS#8 (AES-256-CBC, PBKDF2-SHA256, 600,000 iterations).</summary>
    public static GeneratedKeyPair Generate(EcCurve curve, string? password = null)
    {
        using var key = ECDsa.Create(curve.ToECCurve());
        string priv = password is null
            ? key.ExportPkcs8PrivateKeyPem()
            : key.ExportEncryptedPkcs8PrivateKeyPem(password.AsSpan(),
                new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 600_000));
        return new GeneratedKeyPair(priv.Replace("\r\n", "\n") + "\n", PublicKeyHints.SpkiPem(key));
    }
}
