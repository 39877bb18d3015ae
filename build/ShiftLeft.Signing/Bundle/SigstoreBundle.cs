using System;
using System.Collections.Generic;
using ShiftLeft.Signing.Dsse;

namespace ShiftLeft.Signing.Bundle;

/// <summary>A Sigstore bundle (protobuf-specs <c>dev.sigstore.bundle.v1.Bundle</c>), content is one of
/// <see cref="MessageSignature"/> or <see cref="DsseEnvelope"/>.</summary>
public sealed class SigstoreBundle
{
    public SigstoreBundle(string mediaType, VerificationMaterial verificationMaterial,
        MessageSignature? messageSignature, DsseEnvelope? dsseEnvelope)
    {
        if ((messageSignature is null) == (dsseEnvelope is null))
        {
            throw new ArgumentException("exactly one of messageSignature and dsseEnvelope must be set");
        }

        MediaType = mediaType;
        VerificationMaterial = verificationMaterial;
        MessageSignature = messageSignature;
        DsseEnvelope = dsseEnvelope;
    }

    public string MediaType { get; }
    public VerificationMaterial VerificationMaterial { get; }
    public MessageSignature? MessageSignature { get; }
    public DsseEnvelope? DsseEnvelope { get; }
}

/// <summary>Which kind of verification material a bundle carries.</summary>
public enum MaterialKind
{
    PublicKey,
    X509CertificateChain,
    Certificate,
}

/// <summary>Verification material: exactly one of public key / certificate chain / certificate, plus
/// transparency-log entries and timestamps (empty for key and certificate-chain signing).</summary>
public sealed class VerificationMaterial
{
    public VerificationMaterial(MaterialKind kind)
    {
        Kind = kind;
    }

    public MaterialKind Kind { get; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="MaterialKind.PublicKey"/>.</summary>
    public PublicKeyIdentifier? PublicKey { get; init; }

    /// <summary>DER certificates [leaf, intermediates…] for <see cref="MaterialKind.X509CertificateChain"/>,
    /// or the single leaf for <see cref="MaterialKind.Certificate"/>.</summary>
    public IReadOnlyList<byte[]> Certificates { get; init; } = Array.Empty<byte[]>();

    public IReadOnlyList<TransparencyLogEntry> TlogEntries { get; init; } = Array.Empty<TransparencyLogEntry>();

    /// <summary>DER RFC 3161 <c>TimeStampResp</c> blobs (<c>timestampVerificationData.rfc3161Timestamps[].signedTimestamp</c>).</summary>
    public IReadOnlyList<byte[]> Rfc3161Timestamps { get; init; } = Array.Empty<byte[]>();

    /// <summary>True when the source carried a <c>timestampVerificationData</c> object (possibly empty).</summary>
    public bool HasTimestampVerificationData { get; init; }
}

/// <summary><c>publicKey</c>: the standard <c>hint</c>, or the non-standard <c>rawBytes</c> + <c>keyDetails</c>
/// older model_signing versions wrote.</summary>
public sealed record PublicKeyIdentifier(string? Hint, byte[]? LegacyRawBytes = null, string? LegacyKeyDetails = null);

/// <summary><c>messageSignature</c>: digest of the artifact and a signature over the artifact.</summary>
public sealed record MessageSignature(string? DigestAlgorithm, byte[]? Digest, byte[] Signature);

/// <summary>A transparency-log entry (Rekor). Parsed now so a later keyless verifier can check it.</summary>
public sealed class TransparencyLogEntry
{
    public long LogIndex { get; init; }
    public byte[]? LogId { get; init; }
    public string? Kind { get; init; }
    public string? Version { get; init; }
    public long IntegratedTime { get; init; }
    public byte[]? SignedEntryTimestamp { get; init; }
    public InclusionProof? InclusionProof { get; init; }
    public byte[]? CanonicalizedBody { get; init; }
}

/// <summary>RFC 6962 inclusion proof with its checkpoint (signed note).</summary>
public sealed class InclusionProof
{
    public long LogIndex { get; init; }
    public byte[] RootHash { get; init; } = Array.Empty<byte>();
    public long TreeSize { get; init; }
    public IReadOnlyList<byte[]> Hashes { get; init; } = Array.Empty<byte[]>();
    public string? Checkpoint { get; init; }
}
