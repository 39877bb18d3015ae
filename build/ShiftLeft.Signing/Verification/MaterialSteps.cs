using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ShiftLeft.Signing.Bundle;
using ShiftLeft.Signing.Keys;

namespace ShiftLeft.Signing.Verification;

/// <summary>Key mode: the bundle must carry <c>publicKey</c>; the given key becomes the signing key. The hint
/// (hex or cosign style) and the legacy <c>rawBytes</c> are unauthenticated: they only turn a signature failure
/// into a "wrong key" diagnosis.</summary>
public sealed class PublicKeyMaterialStep : IVerificationStep
{
    private readonly ECDsa _key;

    public PublicKeyMaterialStep(ECDsa trustedKey)
    {
        _key = trustedKey;
    }

    public string Name => "public-key-material";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        VerificationMaterial vm = context.Bundle.VerificationMaterial;
        if (vm.Kind != MaterialKind.PublicKey)
        {
            return Steps.Fail(ErrorCodes.UnsupportedVerificationMaterial,
                $"the bundle is signed with {Describe(vm.Kind)}, not a public key; verify it with a certificate chain or trust root");
        }

        PublicKeyIdentifier pk = vm.PublicKey!;
        if (pk.Hint is { Length: > 0 } hint && !PublicKeyHints.Matches(hint, _key))
        {
            context.KeyMismatch = $"the bundle names key '{hint}', the given key is '{PublicKeyHints.Hex(_key)}'";
        }
        else if (pk.LegacyRawBytes is { } raw && LegacySpki(raw) is { } spki &&
                 !spki.AsSpan().SequenceEqual(_key.ExportSubjectPublicKeyInfo()))
        {
            context.KeyMismatch = "the bundle's publicKey.rawBytes is a different key";
        }

        context.SigningKey = _key;
        return Steps.Ok;
    }

    internal static string Describe(MaterialKind kind) => kind switch
    {
        MaterialKind.PublicKey => "a public key",
        MaterialKind.X509CertificateChain => "an X.509 certificate chain",
        _ => "a certificate (keyless)",
    };

    /// <summary>model_signing ≤ 1.0 wrote the SPKI PEM text (or DER) into <c>publicKey.rawBytes</c>.</summary>
    private static byte[]? LegacySpki(byte[] raw)
    {
        string text = Encoding.ASCII.GetString(raw);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            foreach ((string label, byte[] der) in KeyLoader.PemBlocks(text))
            {
                if (label == "PUBLIC KEY")
                {
                    return der;
                }
            }

            return null;
        }

        return raw;
    }
}

/// <summary>Certificate mode: the bundle's [leaf, intermediates…] must chain to one of the trust anchors at the
/// leaf's notBefore (as model_signing does), and the leaf must allow digitalSignature (KU) or codeSigning (EKU).</summary>
public sealed class CertificateChainMaterialStep : IVerificationStep
{
    private const string CodeSigningOid = "1.3.6.1.5.5.7.3.3";
    private readonly IReadOnlyList<X509Certificate2> _anchors;

    public CertificateChainMaterialStep(IReadOnlyList<X509Certificate2> trustAnchors)
    {
        _anchors = trustAnchors;
    }

    public string Name => "certificate-chain-material";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        IReadOnlyList<Failure>? failure = BundleCertificates.Load(context, "a certificate", out List<X509Certificate2> certs);
        if (failure is not null)
        {
            return failure;
        }

        X509Certificate2 leaf = certs[0];
        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(_anchors.ToArray());
            chain.ChainPolicy.ExtraStore.AddRange(certs.Skip(1).ToArray());
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            chain.ChainPolicy.VerificationTime = leaf.NotBefore;
            if (!chain.Build(leaf))
            {
                string status = string.Join("; ", chain.ChainStatus
                    .Where(s => s.Status != X509ChainStatusFlags.NoError)
                    .Select(s => s.StatusInformation.Trim()).Distinct());
                return Steps.Fail(ErrorCodes.CertificateUntrusted,
                    $"the signing certificate '{leaf.Subject}' does not chain to a trusted certificate: {status}");
            }
        }

        if (!AllowsSigning(leaf))
        {
            return Steps.Fail(ErrorCodes.CertificateUsage,
                $"the signing certificate '{leaf.Subject}' has neither key usage digitalSignature nor extended key usage codeSigning");
        }

        ECDsa? key = leaf.GetECDsaPublicKey();
        if (key is null || EcCurve.Of(key) is null)
        {
            key?.Dispose();
            return Steps.Fail(ErrorCodes.UnsupportedKey,
                "the signing certificate does not hold an ECDSA P-256/P-384/P-521 key");
        }

        context.SigningKey = context.Own(key);
        context.SigningCertificate = leaf;
        return Steps.Ok;
    }

    internal static bool AllowsSigning(X509Certificate2 leaf)
    {
        foreach (X509Extension ext in leaf.Extensions)
        {
            if (ext is X509KeyUsageExtension ku && (ku.KeyUsages & X509KeyUsageFlags.DigitalSignature) != 0)
            {
                return true;
            }

            if (ext is X509EnhancedKeyUsageExtension eku)
            {
                foreach (Oid oid in eku.EnhancedKeyUsages)
                {
                    if (oid.Value == CodeSigningOid)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}

/// <summary>Verify with a public key (key mode).</summary>
public sealed class PublicKeyTrust : IVerificationTrust
{
    public PublicKeyTrust(ECDsa publicKey)
    {
        PublicKey = publicKey;
    }

    public ECDsa PublicKey { get; }

    public IEnumerable<IVerificationStep> MaterialSteps() => new[] { new PublicKeyMaterialStep(PublicKey) };

    public IEnumerable<IVerificationStep> EvidenceSteps() => Array.Empty<IVerificationStep>();
}

/// <summary>Verify with trusted CA certificates (certificate mode).</summary>
public sealed class CertificateChainTrust : IVerificationTrust
{
    public CertificateChainTrust(IReadOnlyList<X509Certificate2> trustAnchors)
    {
        if (trustAnchors.Count == 0)
        {
            throw new SigningException(ErrorCodes.CertificateUnreadable, "no trusted certificates given");
        }

        TrustAnchors = trustAnchors;
    }

    public IReadOnlyList<X509Certificate2> TrustAnchors { get; }

    public IEnumerable<IVerificationStep> MaterialSteps() => new[] { new CertificateChainMaterialStep(TrustAnchors) };

    public IEnumerable<IVerificationStep> EvidenceSteps() => Array.Empty<IVerificationStep>();
}

/// <summary>The bundle's certificates (leaf first), loaded once for the certificate and keyless material steps.</summary>
public static class BundleCertificates
{
    /// <summary>Null on success; otherwise the failure: the material is a public key (SL9011), or a certificate is
    /// not DER X.509 (SL9008, naming its field). Loaded certificates are owned by the context.</summary>
    public static IReadOnlyList<Failure>? Load(VerificationContext context, string expected, out List<X509Certificate2> certificates)
    {
        certificates = new List<X509Certificate2>();
        VerificationMaterial vm = context.Bundle.VerificationMaterial;
        if (vm.Kind == MaterialKind.PublicKey)
        {
            return Steps.Fail(ErrorCodes.UnsupportedVerificationMaterial,
                $"the bundle is signed with a public key, not {expected}; verify it with the public key");
        }

        for (int i = 0; i < vm.Certificates.Count; i++)
        {
            string field = vm.Kind == MaterialKind.Certificate
                ? "verificationMaterial.certificate.rawBytes"
                : $"verificationMaterial.x509CertificateChain.certificates[{i}].rawBytes";
            try
            {
                certificates.Add(context.Own(KeyLoader.LoadCertificate(vm.Certificates[i], field)));
            }
            catch (SigningException)
            {
                return Steps.Fail(ErrorCodes.MalformedBundle, $"malformed bundle: field '{field}': not a DER X.509 certificate");
            }
        }

        return null;
    }
}
