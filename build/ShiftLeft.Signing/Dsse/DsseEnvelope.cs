using System;
using System.Collections.Generic;

namespace ShiftLeft.Signing.Dsse;

/// <summary>A DSSE envelope (payload bytes exactly as signed, payload type, signatures).</summary>
public sealed class DsseEnvelope
{
    public DsseEnvelope(byte[] payload, string payloadType, IReadOnlyList<DsseSignature> signatures)
    {
        Payload = payload ?? throw new ArgumentNullException(nameof(payload));
        PayloadType = payloadType ?? throw new ArgumentNullException(nameof(payloadType));
        Signatures = signatures ?? throw new ArgumentNullException(nameof(signatures));
    }

    /// <summary>The payload exactly as carried in the envelope; never re-serialized.</summary>
    public byte[] Payload { get; }

    public string PayloadType { get; }

    public IReadOnlyList<DsseSignature> Signatures { get; }
}

/// <summary>One DSSE signature. <see cref="KeyId"/> is null when absent (or JSON null) in the source.</summary>
public sealed record DsseSignature(byte[] Sig, string? KeyId);
