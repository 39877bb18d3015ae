using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ShiftLeft.Signing.Bundle;
using ShiftLeft.Signing.Certificates;
using ShiftLeft.Signing.Keys;
using ShiftLeft.Signing.Timestamp;
using ShiftLeft.Signing.Transparency;
using ShiftLeft.Signing.TrustRoot;
using ShiftLeft.Signing.Verification;

namespace ShiftLeft.Signing.Keyless;

/// <summary>What the evidence steps established: verified log entries, verified timestamps, the signing times
/// they vouch for, and the certificate path built at those times.</summary>
public sealed class KeylessEvidence
{
    internal const string Key = "keyless.evidence";

    public List<VerifiedLogEntry> LogEntries { get; } = new();
    public List<VerifiedTimestamp> Timestamps { get; } = new();

    /// <summary>Integrated times vouched for by signed entry timestamps, then RFC 3161 times.</summary>
    public List<DateTimeOffset> SigningTimes { get; } = new();

    /// <summary>The Fulcio path [leaf, intermediates…, root] (keyless only).</summary>
    public X509Certificate2[] CertificatePath { get; set; } = Array.Empty<X509Certificate2>();

    public static KeylessEvidence Of(VerificationContext context)
    {
        if (!context.Properties.TryGetValue(Key, out object? o))
        {
            o = new KeylessEvidence();
            context.Properties[Key] = o;
        }

        return (KeylessEvidence)o;
    }

    internal static byte[] SignatureBytes(VerificationContext context) =>
        context.Bundle.MessageSignature?.Signature ?? context.Bundle.DsseEnvelope!.Signatures[0].Sig;
}

/// <summary>Keyless material: the bundle's Fulcio leaf (a single <c>certificate</c>, or the first of an
/// <c>x509CertificateChain</c> that must not carry a root) gives the signing key.</summary>
public sealed class FulcioCertificateMaterialStep : IVerificationStep
{
    public string Name => "fulcio-certificate-material";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        IReadOnlyList<Failure>? failure = BundleCertificates.Load(context, "a Fulcio certificate", out List<X509Certificate2> certs);
        if (failure is not null)
        {
            return failure;
        }

        for (int i = 1; i < certs.Count; i++)
        {
            if (CertificatePath.IsSelfSigned(certs[i]))
            {
                return Steps.Fail(ErrorCodes.CertificateUntrusted,
                    $"the bundle's certificate chain contains a root certificate ('{certs[i].Subject}'); roots come only from the trusted root");
            }
        }

        X509Certificate2 leaf = certs[0];
        if (!IsFulcioSigningCertificate(leaf))
        {
            return Steps.Fail(ErrorCodes.CertificateUsage,
                "the signing certificate lacks key usage digitalSignature or extended key usage codeSigning (both are required)");
        }

        ECDsa? key;
        try
        {
            key = leaf.GetECDsaPublicKey();
        }
        catch (CryptographicException)
        {
            key = null;
        }

        if (key is null || EcCurve.Of(key) is null)
        {
            key?.Dispose();
            return Steps.Fail(ErrorCodes.UnsupportedKey, "the signing certificate does not hold an ECDSA P-256/P-384/P-521 key");
        }

        context.SigningKey = context.Own(key);
        context.SigningCertificate = leaf;
        return Steps.Ok;
    }

    /// <summary>Fulcio issues leaves with KU digitalSignature and EKU codeSigning; keyless requires both.</summary>
    internal static bool IsFulcioSigningCertificate(X509Certificate2 leaf)
    {
        bool ku = false, eku = false;
        foreach (X509Extension ext in leaf.Extensions)
        {
            if (ext is X509KeyUsageExtension k)
            {
                ku = (k.KeyUsages & X509KeyUsageFlags.DigitalSignature) != 0;
            }
            else if (ext is X509EnhancedKeyUsageExtension e)
            {
                eku = e.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == "1.3.6.1.5.5.7.3.3");
            }
        }

        return ku && eku;
    }
}

/// <summary>Verifies every transparency-log entry (known log, body cross-check, promise and/or proof with
/// checkpoint). With <c>required</c>, at least one entry must be present.</summary>
public sealed class TransparencyLogStep : IVerificationStep
{
    private readonly TrustedRoot _root;
    private readonly bool _required;

    public TransparencyLogStep(TrustedRoot root, bool required)
    {
        _root = root;
        _required = required;
    }

    public string Name => "transparency-log";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        SigstoreBundle b = context.Bundle;
        IReadOnlyList<TransparencyLogEntry> entries = b.VerificationMaterial.TlogEntries;
        if (entries.Count == 0)
        {
            return _required
                ? Steps.Fail(ErrorCodes.TransparencyLogEntryMissing, "the bundle has no transparency-log entry (keyless signatures must be logged)")
                : Steps.Ok;
        }

        var content = new LoggedContent
        {
            ArtifactSha256 = b.MessageSignature is not null ? context.Artifact?.Sha256() : null,
            Envelope = b.DsseEnvelope,
            Signature = KeylessEvidence.SignatureBytes(context),
            CertificateDer = context.SigningCertificate?.RawData,
            PublicKeySpki = context.SigningCertificate is null ? context.SigningKey?.ExportSubjectPublicKeyInfo() : null,
        };
        int version = MediaTypes.BundleVersion(b.MediaType) ?? 3;
        KeylessEvidence evidence = KeylessEvidence.Of(context);
        foreach (TransparencyLogEntry e in entries)
        {
            VerifiedLogEntry v = TlogEntryVerifier.Verify(e, version, _root, content);
            evidence.LogEntries.Add(v);
            if (v.IntegratedTime is { } t)
            {
                evidence.SigningTimes.Add(t);
            }
        }

        return Steps.Ok;
    }
}

/// <summary>Verifies every RFC 3161 timestamp over the signature against the trusted root's timestamp authorities.</summary>
public sealed class TimestampStep : IVerificationStep
{
    private readonly TrustedRoot _root;

    public TimestampStep(TrustedRoot root)
    {
        _root = root;
    }

    public string Name => "rfc3161-timestamps";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        KeylessEvidence evidence = KeylessEvidence.Of(context);
        byte[] signature = KeylessEvidence.SignatureBytes(context);
        foreach (byte[] ts in context.Bundle.VerificationMaterial.Rfc3161Timestamps)
        {
            VerifiedTimestamp v = TimestampVerifier.Verify(ts, signature, _root);
            evidence.Timestamps.Add(v);
            evidence.SigningTimes.Add(v.Time);
        }

        return Steps.Ok;
    }
}

/// <summary>At least one verified signing time is required (Rekor v2 has no integrated time, so it needs a TSA
/// timestamp); logs of entries without an integrated time must be valid at the timestamp times.</summary>
public sealed class SigningTimeStep : IVerificationStep
{
    private readonly bool _required;

    public SigningTimeStep(bool required)
    {
        _required = required;
    }

    public string Name => "signing-time";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        KeylessEvidence evidence = KeylessEvidence.Of(context);
        if (_required && evidence.SigningTimes.Count == 0)
        {
            return Steps.Fail(ErrorCodes.MissingTimestamp,
                "no verified signing time: the log entry has no signed integrated time (Rekor v2) and the bundle has no RFC 3161 timestamp");
        }

        foreach (VerifiedLogEntry e in evidence.LogEntries.Where(e => e.IntegratedTime is null))
        {
            foreach (VerifiedTimestamp ts in evidence.Timestamps)
            {
                if (!e.Log.ValidFor.Contains(ts.Time))
                {
                    return Steps.Fail(ErrorCodes.UnknownTransparencyLog,
                        $"the key of log '{e.Log.BaseUrl}' is not valid at the timestamp {ts.Time:O} (valid {e.Log.ValidFor})");
                }
            }
        }

        return Steps.Ok;
    }
}

/// <summary>The Fulcio leaf is valid at every signing time (closed interval) and chains, at that time, to a
/// certificate authority of the trusted root whose validity period contains it.</summary>
public sealed class FulcioCertificatePathStep : IVerificationStep
{
    private readonly TrustedRoot _root;

    public FulcioCertificatePathStep(TrustedRoot root)
    {
        _root = root;
    }

    public string Name => "fulcio-certificate-path";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        X509Certificate2 leaf = context.SigningCertificate ?? throw new InvalidOperationException("no signing certificate");
        KeylessEvidence evidence = KeylessEvidence.Of(context);
        foreach (DateTimeOffset t in evidence.SigningTimes)
        {
            DateTimeOffset notBefore = new(leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero);
            DateTimeOffset notAfter = new(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            if (t < notBefore || t > notAfter)
            {
                return Steps.Fail(ErrorCodes.CertificateNotValidAtSigningTime, string.Create(CultureInfo.InvariantCulture,
                    $"the signing certificate is not valid at the signing time {t:O} (valid {notBefore:O} to {notAfter:O})"));
            }

            var candidates = _root.CertificateAuthorities.Where(ca => ca.ValidFor.Contains(t)).ToList();
            if (candidates.Count == 0)
            {
                return Steps.Fail(ErrorCodes.CertificateNotValidAtSigningTime, string.Create(CultureInfo.InvariantCulture,
                    $"no certificate authority of the trusted root is valid at the signing time {t:O}"));
            }

            string? error = null;
            X509Certificate2[]? path = null;
            foreach (CertificateAuthorityInstance ca in candidates)
            {
                error = CertificatePath.Validate(leaf, ca.Chain, Array.Empty<X509Certificate2>(), t, out X509Certificate2[] built);
                if (error is null)
                {
                    path = built;
                    break;
                }
            }

            if (path is null)
            {
                return Steps.Fail(ErrorCodes.CertificateUntrusted, string.Create(CultureInfo.InvariantCulture,
                    $"the signing certificate does not chain to a certificate authority of the trusted root at {t:O}: {error}"));
            }

            foreach (X509Certificate2 c in path)
            {
                context.Own(c);
            }

            if (evidence.CertificatePath.Length == 0)
            {
                evidence.CertificatePath = path;
            }
        }

        if (evidence.CertificatePath.Length == 0)
        {
            return Steps.Fail(ErrorCodes.MissingTimestamp, "no verified signing time to check the signing certificate at");
        }

        return Steps.Ok;
    }
}

/// <summary>At least one embedded SCT verifies with a CT log of the trusted root (issuer key hash from the built path).</summary>
public sealed class SctStep : IVerificationStep
{
    private readonly TrustedRoot _root;

    public SctStep(TrustedRoot root)
    {
        _root = root;
    }

    public string Name => "signed-certificate-timestamp";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        X509Certificate2[] path = KeylessEvidence.Of(context).CertificatePath;
        if (path.Length < 2)
        {
            return Steps.Fail(ErrorCodes.InvalidSct, "the signing certificate has no issuer to check its SCT against");
        }

        string? error = SctVerifier.Verify(context.SigningCertificate!, path[1], _root);
        return error is null ? Steps.Ok : Steps.Fail(ErrorCodes.InvalidSct, error);
    }
}

/// <summary>The certificate's SAN and OIDC issuer satisfy the identity policy.</summary>
public sealed class CertificateIdentityStep : IVerificationStep
{
    private readonly CertificateIdentity _identity;

    public CertificateIdentityStep(CertificateIdentity identity)
    {
        _identity = identity;
    }

    public string Name => "certificate-identity";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        X509Certificate2 leaf = context.SigningCertificate ?? throw new InvalidOperationException("no signing certificate");
        Failure? f = _identity.Check(FulcioIdentity.Read(leaf));
        return f is null ? Steps.Ok : new[] { f };
    }
}
