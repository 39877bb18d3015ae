using System;
using ShiftLeft.Signing.Bundle;
using ShiftLeft.Signing.Dsse;

namespace ShiftLeft.Signing.Signing;

/// <summary>Signs payloads into Sigstore bundles. One implementation per key source: a local key
/// (<see cref="KeyBundleSigner"/>), a local key with an X.509 chain (<see cref="CertificateBundleSigner"/>);
/// a keyless (Fulcio + Rekor) signer can be added behind the same interface.</summary>
public interface IBundleSigner : IDisposable
{
    /// <summary>Signs <paramref name="payload"/> as a DSSE envelope and wraps it in a v0.3 bundle.</summary>
    SigstoreBundle SignDsse(string payloadType, byte[] payload);

    /// <summary>The verification material this signer puts into bundles (used to detect unchanged signatures).</summary>
    VerificationMaterial Material { get; }

    /// <summary>Verifies a signature over <paramref name="data"/> with this signer's public key.</summary>
    bool VerifyOwnSignature(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);
}
