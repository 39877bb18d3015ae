using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using ShiftLeft.Signing.Certificates;
using ShiftLeft.Signing.TrustRoot;

namespace ShiftLeft.Signing.Timestamp;

/// <summary>A verified RFC 3161 timestamp: its generation time and the trusted-root authority that issued it.</summary>
public sealed record VerifiedTimestamp(DateTimeOffset Time, CertificateAuthorityInstance Authority);

/// <summary>Verifies an RFC 3161 <c>TimeStampResp</c> (or bare token) offline: the message imprint is the hash of the
/// bundle's signature bytes, the CMS signature verifies, and the signer chains to a timestamp authority of the
/// trusted root whose validity period (closed interval) contains the generation time, with the chain valid at
/// that time.</summary>
public static class TimestampVerifier
{
    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";

    public static VerifiedTimestamp Verify(byte[] signedTimestamp, ReadOnlySpan<byte> signature, TrustedRoot root)
    {
        byte[] tokenBytes = ExtractToken(signedTimestamp);
        if (!Rfc3161TimestampToken.TryDecode(tokenBytes, out Rfc3161TimestampToken? token, out _) || token is null)
        {
            throw DiagnoseUndecodable(tokenBytes);
        }

        Rfc3161TimestampTokenInfo info = token.TokenInfo;
        HashAlgorithmName? hash = HashFromOid(info.HashAlgorithmId.Value);
        if (hash is null)
        {
            throw Fail(ErrorCodes.InvalidTimestamp, $"unsupported timestamp imprint algorithm {info.HashAlgorithmId.Value}");
        }

        byte[] imprint = Hash(hash.Value, signature);
        if (!info.GetMessageHash().Span.SequenceEqual(imprint))
        {
            throw Fail(ErrorCodes.InvalidTimestamp, "the timestamp is not over the bundle's signature (message imprint mismatch)");
        }

        List<X509Certificate2> trustedCerts = new();
        foreach (CertificateAuthorityInstance tsa in root.TimestampAuthorities)
        {
            foreach (byte[] der in tsa.Chain)
            {
                if (CertificatePath.TryLoad(der) is { } c)
                {
                    trustedCerts.Add(c);
                }
            }
        }

        try
        {
            X509Certificate2? signer;
            bool ok;
            try
            {
                ok = token.VerifySignatureForData(signature, out signer, new X509Certificate2Collection(trustedCerts.ToArray()));
            }
            catch (CryptographicException)
            {
                ok = false;
                signer = null;
            }

            X509Certificate2Collection embedded = token.AsSignedCms().Certificates;
            if (!ok || signer is null)
            {
                throw embedded.Count == 0
                    ? Fail(ErrorCodes.UntrustedTimestampAuthority, "the timestamp's signer is not a timestamp authority of the trusted root")
                    : Fail(ErrorCodes.InvalidTimestamp, "the timestamp's signature does not verify");
            }

            DateTimeOffset time = info.Timestamp;
            if (!HasTimeStampingEku(signer))
            {
                throw Fail(ErrorCodes.UntrustedTimestampAuthority, $"the timestamp signer '{signer.Subject}' is not a timestamping certificate");
            }

            string? lastError = null;
            foreach (CertificateAuthorityInstance tsa in root.TimestampAuthorities)
            {
                if (!tsa.ValidFor.Contains(time))
                {
                    lastError ??= $"no timestamp authority of the trusted root is valid at {time:O} (authority '{tsa.Subject}' valid {tsa.ValidFor})";
                    continue;
                }

                string? chainError = CertificatePath.Validate(signer, tsa.Chain, embedded.Cast<X509Certificate2>(), time, out X509Certificate2[] chain);
                foreach (X509Certificate2 c in chain)
                {
                    c.Dispose();
                }

                if (chainError is null)
                {
                    return new VerifiedTimestamp(time, tsa);
                }

                lastError = $"the timestamp signer '{signer.Subject}' does not chain to authority '{tsa.Subject}' at {time:O}: {chainError}";
            }

            throw Fail(ErrorCodes.UntrustedTimestampAuthority, lastError ?? "the trusted root has no timestamp authorities");
        }
        finally
        {
            foreach (X509Certificate2 c in trustedCerts)
            {
                c.Dispose();
            }
        }
    }

    /// <summary>.NET refuses tokens whose embedded signer certificate does not fit the token (wrong ESS certificate
    /// id, or not valid at the generation time): tell that apart from a malformed token.</summary>
    private static SigningException DiagnoseUndecodable(byte[] tokenBytes)
    {
        try
        {
            var cms = new SignedCms();
            cms.Decode(tokenBytes);
            if (Rfc3161TimestampTokenInfo.TryDecode(cms.ContentInfo.Content, out Rfc3161TimestampTokenInfo? info, out _) && info is not null)
            {
                DateTimeOffset t = info.Timestamp;
                foreach (X509Certificate2 c in cms.Certificates)
                {
                    if (t < new DateTimeOffset(c.NotBefore.ToUniversalTime(), TimeSpan.Zero) ||
                        t > new DateTimeOffset(c.NotAfter.ToUniversalTime(), TimeSpan.Zero))
                    {
                        return Fail(ErrorCodes.UntrustedTimestampAuthority,
                            $"the timestamp's certificate '{c.Subject}' is not valid at the generation time {t:O}");
                    }
                }

                return Fail(ErrorCodes.InvalidTimestamp, "the timestamp token's signer certificate does not match its signer");
            }
        }
        catch (CryptographicException)
        {
        }

        return Fail(ErrorCodes.InvalidTimestamp, "the RFC 3161 timestamp token is malformed");
    }

    /// <summary>A <c>TimeStampResp</c> (status granted / grantedWithMods) yields its token; a bare token
    /// (<c>ContentInfo</c>) is returned as is.</summary>
    internal static byte[] ExtractToken(byte[] blob)
    {
        try
        {
            var reader = new AsnReader(blob, AsnEncodingRules.BER);
            AsnReader seq = reader.ReadSequence();
            if (seq.PeekTag() == Asn1Tag.ObjectIdentifier)
            {
                return blob;
            }

            AsnReader status = seq.ReadSequence();
            if (!status.TryReadInt32(out int code) || code is not (0 or 1))
            {
                throw Fail(ErrorCodes.InvalidTimestamp, "the timestamp response does not grant a timestamp");
            }

            if (!seq.HasData)
            {
                throw Fail(ErrorCodes.InvalidTimestamp, "the timestamp response carries no token");
            }

            return seq.ReadEncodedValue().ToArray();
        }
        catch (AsnContentException e)
        {
            throw new SigningException(ErrorCodes.InvalidTimestamp, $"the RFC 3161 timestamp is not valid DER ({e.Message})", null, e);
        }
    }

    private static bool HasTimeStampingEku(X509Certificate2 cert)
    {
        foreach (X509Extension ext in cert.Extensions)
        {
            if (ext is X509EnhancedKeyUsageExtension eku)
            {
                return eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == TimeStampingEku);
            }
        }

        return false;
    }

    private static HashAlgorithmName? HashFromOid(string? oid) => oid switch
    {
        "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
        "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
        "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
        _ => null,
    };

    private static byte[] Hash(HashAlgorithmName h, ReadOnlySpan<byte> data) =>
        h == HashAlgorithmName.SHA384 ? SHA384.HashData(data) : h == HashAlgorithmName.SHA512 ? SHA512.HashData(data) : SHA256.HashData(data);

    private static SigningException Fail(string code, string message) => new(code, message);
}
