using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ShiftLeft.Signing.Bundle;
using ShiftLeft.Signing.Dsse;
using ShiftLeft.Signing.Keys;

namespace ShiftLeft.Signing.Signing;

/// <summary>Base for signers holding a local ECDSA private key: DER signatures, curve-matched hash.</summary>
public abstract class EcdsaBundleSigner : IBundleSigner
{
    private readonly bool _ownsKey;

    protected EcdsaBundleSigner(ECDsa privateKey, bool ownsKey)
    {
        Key = privateKey ?? throw new ArgumentNullException(nameof(privateKey));
        Curve = EcCurve.Of(privateKey) ?? throw new SigningException(ErrorCodes.UnsupportedKey,
            "only ECDSA P-256, P-384 and P-521 keys are supported");
        _ownsKey = ownsKey;
    }

    protected ECDsa Key { get; }
    public EcCurve Curve { get; }

    public abstract VerificationMaterial Material { get; }

    public byte[] SignData(ReadOnlySpan<byte> data) =>
        Key.SignData(data, Curve.Hash, DSASignatureFormat.Rfc3279DerSequence);

    public bool VerifyOwnSignature(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            return Key.VerifyData(data, signature, Curve.Hash, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public SigstoreBundle SignDsse(string payloadType, byte[] payload)
    {
        byte[] sig = SignData(Pae.Encode(payloadType, payload));
        var envelope = new DsseEnvelope(payload, payloadType, new[] { new DsseSignature(sig, string.Empty) });
        return new SigstoreBundle(MediaTypes.BundleV03, Material, null, envelope);
    }

    public void Dispose()
    {
        if (_ownsKey)
        {
            Key.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Key mode: <c>publicKey.hint</c> = hex SHA-256 of the SPKI PEM (with trailing "\n"), no tlog.</summary>
public sealed class KeyBundleSigner : EcdsaBundleSigner
{
    public KeyBundleSigner(ECDsa privateKey, bool ownsKey = true)
        : base(privateKey, ownsKey)
    {
        Material = new VerificationMaterial(MaterialKind.PublicKey)
        {
            PublicKey = new PublicKeyIdentifier(PublicKeyHints.Hex(privateKey)),
        };
    }

    public override VerificationMaterial Material { get; }
}

/// <summary>Certificate mode: <c>x509CertificateChain</c> = [leaf, intermediates…]; the leaf must hold the
/// signing key's public key.</summary>
public sealed class CertificateBundleSigner : EcdsaBundleSigner
{
    public CertificateBundleSigner(ECDsa privateKey, IReadOnlyList<X509Certificate2> chain, bool ownsKey = true,
        string? chainPath = null)
        : base(privateKey, ownsKey)
    {
        if (chain.Count == 0)
        {
            throw new SigningException(ErrorCodes.CertificateUnreadable, "the certificate chain is empty", chainPath);
        }

        using ECDsa? leafKey = chain[0].GetECDsaPublicKey();
        if (leafKey is null ||
            !leafKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(privateKey.ExportSubjectPublicKeyInfo()))
        {
            throw new SigningException(ErrorCodes.CertificateUnreadable,
                "the first certificate of the chain does not hold the signing key's public key", chainPath);
        }

        Material = new VerificationMaterial(MaterialKind.X509CertificateChain)
        {
            Certificates = chain.Select(c => c.RawData).ToArray(),
        };
    }

    public override VerificationMaterial Material { get; }
}
