using System;
using System.Globalization;
using System.Text;
using ShiftLeft.Signing.Bundle;
using ShiftLeft.Signing.TrustRoot;

namespace ShiftLeft.Signing.Transparency;

/// <summary>A transparency-log entry that verified: its log, and the integrated time when a signed entry
/// timestamp vouches for it (Rekor v1). Rekor v2 entries carry no time.</summary>
public sealed record VerifiedLogEntry(TransparencyLogInstance Log, DateTimeOffset? IntegratedTime);

/// <summary>Verifies one Rekor entry offline against the trusted root: known log, body matches the bundle, signed
/// entry timestamp (Rekor v1), RFC 9162 inclusion proof, and a checkpoint signed by the log for the proof's root
/// and size. Bundle v0.1 requires the promise, v0.2+ the proof.</summary>
public static class TlogEntryVerifier
{
    public static VerifiedLogEntry Verify(TransparencyLogEntry entry, int bundleVersion, TrustedRoot root, LoggedContent content)
    {
        if (entry.LogIndex < 0 || entry.InclusionProof is { } p0 && (p0.LogIndex < 0 || p0.TreeSize < 0))
        {
            throw Fail(ErrorCodes.MalformedBundle, "malformed bundle: the transparency-log entry has a negative log index or tree size");
        }

        if (entry.LogId is not { Length: > 0 } logId)
        {
            throw Fail(ErrorCodes.UnknownTransparencyLog, "the transparency-log entry names no log (logId.keyId)");
        }

        TransparencyLogInstance log = root.FindTransparencyLog(logId)
            ?? throw Fail(ErrorCodes.UnknownTransparencyLog,
                $"the transparency-log entry comes from log {Convert.ToBase64String(logId)}, which is not in the trusted root ({root.Source})");
        if (log.ValidFor.Start is null)
        {
            throw Fail(ErrorCodes.TrustedRootInvalid,
                $"the trusted root's key for log '{log.BaseUrl}' has no validity start (validFor.start is required)");
        }

        if (entry.CanonicalizedBody is not { Length: > 0 } body)
        {
            throw Fail(ErrorCodes.MalformedBundle, "malformed bundle: the transparency-log entry has no canonicalizedBody");
        }

        if (RekorBody.Check(body, entry.Kind, entry.Version, content) is { } mismatch)
        {
            throw Fail(ErrorCodes.TransparencyLogEntryMismatch, $"the transparency-log entry does not match the bundle: {mismatch}");
        }

        if (bundleVersion <= 1 && entry.SignedEntryTimestamp is null)
        {
            throw Fail(ErrorCodes.TransparencyLogEntryMissing, "a v0.1 bundle's log entry needs an inclusion promise (signed entry timestamp)");
        }

        if (bundleVersion >= 2 && entry.InclusionProof is null)
        {
            throw Fail(ErrorCodes.TransparencyLogEntryMissing, "the log entry has no inclusion proof (required from bundle v0.2)");
        }

        LogKey key = LogKey.From(log);
        DateTimeOffset? integrated = null;
        if (entry.SignedEntryTimestamp is { } set)
        {
            if (entry.IntegratedTime <= 0)
            {
                throw Fail(ErrorCodes.InvalidSignedEntryTimestamp, "the log entry has a signed entry timestamp but no integrated time");
            }

            if (!key.Verify(Encoding.UTF8.GetBytes(SetPayload(body, entry.IntegratedTime, logId, entry.LogIndex)), set))
            {
                throw Fail(ErrorCodes.InvalidSignedEntryTimestamp, $"the signed entry timestamp does not verify with the key of log '{log.BaseUrl}'");
            }

            integrated = DateTimeOffset.FromUnixTimeSeconds(entry.IntegratedTime);
            if (!log.ValidFor.Contains(integrated.Value))
            {
                throw Fail(ErrorCodes.UnknownTransparencyLog,
                    $"the key of log '{log.BaseUrl}' is not valid at the integrated time {integrated.Value:O} (valid {log.ValidFor})");
            }
        }

        if (entry.InclusionProof is { } proof)
        {
            VerifyProof(proof, body, key, log);
        }

        return new VerifiedLogEntry(log, integrated);
    }

    /// <summary>Compact, key-sorted JSON the log signs as the signed entry timestamp.</summary>
    public static string SetPayload(byte[] body, long integratedTime, byte[] logId, long logIndex) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{{\"body\":\"{Convert.ToBase64String(body)}\",\"integratedTime\":{integratedTime},\"logID\":\"{Convert.ToHexString(logId).ToLowerInvariant()}\",\"logIndex\":{logIndex}}}");

    private static void VerifyProof(InclusionProof proof, byte[] body, LogKey key, TransparencyLogInstance log)
    {
        if (!MerkleTree.VerifyInclusion(proof.LogIndex, proof.TreeSize, MerkleTree.LeafHash(body), proof.Hashes, proof.RootHash))
        {
            throw Fail(ErrorCodes.InvalidInclusionProof, string.Create(CultureInfo.InvariantCulture,
                $"the inclusion proof (index {proof.LogIndex}, tree size {proof.TreeSize}) does not lead to the root hash"));
        }

        if (string.IsNullOrEmpty(proof.Checkpoint))
        {
            throw Fail(ErrorCodes.InvalidCheckpoint, "the inclusion proof has no checkpoint");
        }

        Checkpoint cp = Checkpoint.TryParse(proof.Checkpoint, out string? error)
            ?? throw Fail(ErrorCodes.InvalidCheckpoint, $"malformed checkpoint: {error}");
        if (cp.TreeSize != proof.TreeSize || !cp.RootHash.AsSpan().SequenceEqual(proof.RootHash))
        {
            throw Fail(ErrorCodes.InvalidCheckpoint, string.Create(CultureInfo.InvariantCulture,
                $"the checkpoint (size {cp.TreeSize}) is not for the proof's root hash and tree size {proof.TreeSize}"));
        }

        if (!cp.IsSignedBy(key))
        {
            throw Fail(ErrorCodes.InvalidCheckpoint, $"the checkpoint carries no valid signature of log '{log.BaseUrl}'");
        }
    }

    private static SigningException Fail(string code, string message) => new(code, message);
}
