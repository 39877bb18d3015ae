using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ShiftLeft.Signing.Certificates;

/// <summary>Path validation of a certificate to a trusted-root chain (Fulcio CA or TSA) at a given time: the
/// chain's last certificate is the only trust anchor, the others (and any <c>extra</c> certificates) may serve
/// as intermediates; every certificate on the path must be valid at that time. No network, no revocation.</summary>
public static class CertificatePath
{
    public static X509Certificate2? TryLoad(byte[] der)
    {
        try
        {
#if NET9_0_OR_GREATER
            return X509CertificateLoader.LoadCertificate(der);
#else
            return new X509Certificate2(der);
#endif
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Returns null when <paramref name="leaf"/> chains to the anchor of <paramref name="trustedChain"/> at
    /// <paramref name="time"/>, with the built path in <paramref name="path"/> (leaf first; caller disposes);
    /// otherwise the reason.</summary>
    public static string? Validate(X509Certificate2 leaf, IReadOnlyList<byte[]> trustedChain, IEnumerable<X509Certificate2> extra,
        DateTimeOffset time, out X509Certificate2[] path)
    {
        path = Array.Empty<X509Certificate2>();
        var owned = new List<X509Certificate2>();
        try
        {
            foreach (byte[] der in trustedChain)
            {
                X509Certificate2? c = TryLoad(der);
                if (c is null)
                {
                    return "the trusted root holds a malformed certificate";
                }

                owned.Add(c);
            }

            if (owned.Count == 0)
            {
                return "the trusted chain is empty";
            }

            using var chain = new X509Chain();
            X509ChainPolicy policy = chain.ChainPolicy;
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.Add(owned[^1]);
            policy.ExtraStore.AddRange(owned.Take(owned.Count - 1).ToArray());
            policy.ExtraStore.AddRange(extra.ToArray());
            policy.RevocationMode = X509RevocationMode.NoCheck;
            policy.DisableCertificateDownloads = true;
            policy.VerificationTime = time.UtcDateTime;
            bool ok = chain.Build(leaf);
            X509Certificate2[] built = chain.ChainElements.Cast<X509ChainElement>().Select(e => e.Certificate).ToArray();
            if (!ok)
            {
                foreach (X509Certificate2 c in built)
                {
                    c.Dispose();
                }

                return string.Join("; ", chain.ChainStatus
                    .Where(s => s.Status != X509ChainStatusFlags.NoError)
                    .Select(s => s.StatusInformation.Trim())
                    .Distinct());
            }

            path = built;
            return null;
        }
        finally
        {
            foreach (X509Certificate2 c in owned)
            {
                c.Dispose();
            }
        }
    }

    /// <summary>True when the certificate's subject equals its issuer and it verifies under its own key (a root).</summary>
    public static bool IsSelfSigned(X509Certificate2 cert)
    {
        if (!cert.SubjectName.RawData.AsSpan().SequenceEqual(cert.IssuerName.RawData))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(cert);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return chain.Build(cert) || cert.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);
    }
}
