using System.Collections.Generic;
using System.Security.Cryptography;
using ShiftLeft.Signing.Certificates;
using ShiftLeft.Signing.TrustRoot;
using ShiftLeft.Signing.Verification;

namespace ShiftLeft.Signing.Keyless;

/// <summary>Keyless (Sigstore Fulcio + Rekor [+ TSA]) verification, fully offline from a trusted root.
/// Material: the Fulcio leaf's key. Evidence, after the signature check: every transparency-log entry and RFC 3161
/// timestamp verifies; at least one verified signing time; the leaf is valid and chains to a trusted CA at each
/// signing time; an embedded SCT verifies; the SAN and OIDC issuer match <see cref="Identity"/>.</summary>
public sealed class KeylessTrust : IVerificationTrust
{
    public KeylessTrust(CertificateIdentity identity, TrustedRoot? trustedRoot = null)
    {
        Identity = identity;
        TrustedRoot = trustedRoot ?? TrustedRoot.Production;
    }

    public CertificateIdentity Identity { get; }
    public TrustedRoot TrustedRoot { get; }

    /// <summary>Builds the trust from tool/task options: exactly one of <paramref name="identity"/> and
    /// <paramref name="identityRegex"/>, the OIDC issuer, and a trusted-root path (null/empty: the embedded
    /// production root). Throws <see cref="SigningException"/> (SL9001 / SL9024) on bad options.</summary>
    public static KeylessTrust Create(string? identity, string? identityRegex, string? oidcIssuer, string? trustedRootPath = null)
    {
        bool exact = !string.IsNullOrEmpty(identity);
        bool regex = !string.IsNullOrEmpty(identityRegex);
        if (exact == regex)
        {
            throw new SigningException(ErrorCodes.InvalidArguments,
                "keyless verification needs exactly one of the certificate identity and the certificate identity regex");
        }

        if (string.IsNullOrEmpty(oidcIssuer))
        {
            throw new SigningException(ErrorCodes.InvalidArguments, "keyless verification needs the certificate OIDC issuer");
        }

        CertificateIdentity policy = exact ? CertificateIdentity.Exact(identity!, oidcIssuer!) : CertificateIdentity.Matching(identityRegex!, oidcIssuer!);
        TrustedRoot root = string.IsNullOrEmpty(trustedRootPath) ? TrustedRoot.Production : TrustedRoot.LoadFile(trustedRootPath!);
        return new KeylessTrust(policy, root);
    }

    public IEnumerable<IVerificationStep> MaterialSteps() => new IVerificationStep[] { new FulcioCertificateMaterialStep() };

    public IEnumerable<IVerificationStep> EvidenceSteps() => new IVerificationStep[]
    {
        new TransparencyLogStep(TrustedRoot, required: true),
        new TimestampStep(TrustedRoot),
        new SigningTimeStep(required: true),
        new FulcioCertificatePathStep(TrustedRoot),
        new SctStep(TrustedRoot),
        new CertificateIdentityStep(Identity),
    };
}

/// <summary>Key mode with transparency evidence (Sigstore "managed key"): the given public key is the signing key,
/// and any transparency-log entries and RFC 3161 timestamps the bundle carries must verify against the trusted
/// root. A bundle without them verifies as in plain key mode (model_signing writes none).</summary>
public sealed class PublicKeyTransparencyTrust : IVerificationTrust
{
    public PublicKeyTransparencyTrust(ECDsa publicKey, TrustedRoot? trustedRoot = null)
    {
        PublicKey = publicKey;
        TrustedRoot = trustedRoot ?? TrustedRoot.Production;
    }

    public ECDsa PublicKey { get; }
    public TrustedRoot TrustedRoot { get; }

    public IEnumerable<IVerificationStep> MaterialSteps() => new IVerificationStep[] { new PublicKeyMaterialStep(PublicKey) };

    public IEnumerable<IVerificationStep> EvidenceSteps() => new IVerificationStep[]
    {
        new TransparencyLogStep(TrustedRoot, required: false),
        new TimestampStep(TrustedRoot),
        new SigningTimeStep(required: false),
    };
}
