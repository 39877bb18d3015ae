using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using ShiftLeft.Signing.Bundle;
using ShiftLeft.Signing.Dsse;
using ShiftLeft.Signing.Keys;
using ShiftLeft.Signing.Manifest;

namespace ShiftLeft.Signing.Verification;

/// <summary>Checks the bundle's content kind: a DSSE envelope with exactly one signature (and, when required, an
/// in-toto payload), or a message signature where allowed.</summary>
public sealed class BundleContentStep : IVerificationStep
{
    private readonly bool _allowMessageSignature;

    public BundleContentStep(bool allowMessageSignature)
    {
        _allowMessageSignature = allowMessageSignature;
    }

    public string Name => "bundle-content";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        SigstoreBundle b = context.Bundle;
        if (b.MessageSignature is not null)
        {
            return _allowMessageSignature
                ? Steps.Ok
                : Steps.Fail(ErrorCodes.UnsupportedMediaType,
                    "the bundle holds a message signature; a model signature must be a DSSE envelope");
        }

        DsseEnvelope env = b.DsseEnvelope!;
        if (env.Signatures.Count != 1)
        {
            return Steps.Fail(ErrorCodes.MalformedBundle,
                $"malformed bundle: field 'dsseEnvelope.signatures': expected exactly one signature, found {env.Signatures.Count}");
        }

        if (env.PayloadType != MediaTypes.InTotoPayload)
        {
            return Steps.Fail(ErrorCodes.UnsupportedMediaType,
                $"unsupported DSSE payload type '{env.PayloadType}' (expected '{MediaTypes.InTotoPayload}')");
        }

        return Steps.Ok;
    }
}

/// <summary>ECDSA verification helpers (DER signatures).</summary>
internal static class Ecdsa
{
    public static bool VerifyData(ECDsa key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> sig, HashAlgorithmName hash)
    {
        try
        {
            return key.VerifyData(data, sig, hash, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static bool VerifyHash(ECDsa key, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> sig)
    {
        try
        {
            return key.VerifyHash(digest, sig, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static HashAlgorithmName CurveHash(ECDsa key) =>
        (EcCurve.Of(key) ?? throw new SigningException(ErrorCodes.UnsupportedKey, "unsupported ECDSA curve")).Hash;

    public static IReadOnlyList<Failure> SignatureFailure(VerificationContext context, string what) =>
        context.KeyMismatch is { } mismatch
            ? Steps.Fail(ErrorCodes.WrongKey, $"{what} does not verify with the given key: {mismatch}")
            : Steps.Fail(ErrorCodes.BadSignature, $"{what} does not verify");
}

/// <summary>Verifies the DSSE signature over the PAE of the exact payload bytes, with the curve-matched hash.
/// For the legacy <c>Digests/v0.1</c> predicate it also accepts model_signing 0.2's mistaken encoding.</summary>
public sealed class DsseSignatureStep : IVerificationStep
{
    public string Name => "dsse-signature";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        ECDsa key = context.SigningKey ?? throw new InvalidOperationException("no material step established a key");
        DsseEnvelope env = context.Bundle.DsseEnvelope ?? throw new InvalidOperationException("not a DSSE bundle");
        byte[] sig = env.Signatures[0].Sig;
        bool ok = Ecdsa.VerifyData(key, Pae.Encode(env.PayloadType, env.Payload), sig, Ecdsa.CurveHash(key));
        if (!ok && IsLegacyPayload(env.Payload))
        {
            byte[] legacy = Pae.EncodeLegacyPythonRepr(env.PayloadType, env.Payload);
            ok = Ecdsa.VerifyData(key, legacy, sig, HashAlgorithmName.SHA256) ||
                 Ecdsa.VerifyData(key, legacy, sig, Ecdsa.CurveHash(key));
        }

        if (!ok)
        {
            return Ecdsa.SignatureFailure(context, "the DSSE signature");
        }

        context.SignatureVerified = true;
        return Steps.Ok;
    }

    private static bool IsLegacyPayload(byte[] payload)
    {
        // Only a peek to pick the compat encoding; the statement is parsed properly by a later step.
        return payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes(ModelSigningPayload.PredicateTypeDigestsV01)) >= 0;
    }
}

/// <summary>Verifies a <c>messageSignature</c> against the artifact (file or SHA-256 digest).</summary>
public sealed class MessageSignatureStep : IVerificationStep
{
    public string Name => "message-signature";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        ECDsa key = context.SigningKey ?? throw new InvalidOperationException("no material step established a key");
        MessageSignature ms = context.Bundle.MessageSignature ?? throw new InvalidOperationException("not a message-signature bundle");
        ArtifactInput artifact = context.Artifact ?? throw new InvalidOperationException("no artifact");
        byte[] sha256 = artifact.Sha256();
        if (ms.Digest is not null)
        {
            if (ms.DigestAlgorithm is not null and not "SHA2_256")
            {
                return Steps.Fail(ErrorCodes.UnsupportedPredicate,
                    $"unsupported message digest algorithm '{ms.DigestAlgorithm}'");
            }

            if (!ms.Digest.AsSpan().SequenceEqual(sha256))
            {
                return Steps.Fail(ErrorCodes.DigestMismatch,
                    $"artifact digest sha256:{artifact.Sha256Hex} does not match the bundle's message digest " +
                    $"sha256:{Convert.ToHexString(ms.Digest).ToLowerInvariant()}", artifact.FilePath);
            }
        }

        HashAlgorithmName hash = Ecdsa.CurveHash(key);
        bool ok = Ecdsa.VerifyHash(key, sha256, ms.Signature);
        if (!ok && hash != HashAlgorithmName.SHA256 && artifact.FilePath is not null)
        {
            using FileStream fs = File.OpenRead(artifact.FilePath);
            try
            {
                ok = key.VerifyData(fs, ms.Signature, hash, DSASignatureFormat.Rfc3279DerSequence);
            }
            catch (CryptographicException)
            {
                ok = false;
            }
        }

        if (!ok)
        {
            return Ecdsa.SignatureFailure(context, "the message signature");
        }

        context.SignatureVerified = true;
        return Steps.Ok;
    }
}
