using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ShiftLeft.Signing.Transparency;
using ShiftLeft.Signing.TrustRoot;

namespace ShiftLeft.Signing.Certificates;

/// <summary>One signed certificate timestamp (RFC 6962 §3.2) from the certificate's embedded SCT list.</summary>
public sealed record SignedCertificateTimestamp(byte Version, byte[] LogId, ulong TimestampMs, byte[] Extensions,
    byte HashAlgorithm, byte SignatureAlgorithm, byte[] Signature);

/// <summary>Verifies the SCTs embedded in a Fulcio certificate (extension 1.3.6.1.4.1.11129.2.4.2) against the CT
/// logs of the trusted root. Each SCT signs a <c>precert_entry</c>: the issuer's key hash (SHA-256 of the issuer's
/// DER SPKI) and the leaf's TBSCertificate with the SCT-list extension removed.</summary>
public static class SctVerifier
{
    public const string SctListOid = "1.3.6.1.4.1.11129.2.4.2";

    /// <summary>Null when at least one SCT verifies with a CT log of the trusted root valid at the SCT's time.</summary>
    public static string? Verify(X509Certificate2 leaf, X509Certificate2 issuer, TrustedRoot root)
    {
        X509Extension? ext = null;
        foreach (X509Extension e in leaf.Extensions)
        {
            if (e.Oid?.Value == SctListOid)
            {
                ext = e;
            }
        }

        if (ext is null)
        {
            return "the signing certificate has no embedded signed certificate timestamp";
        }

        List<SignedCertificateTimestamp> scts;
        byte[] tbs;
        try
        {
            scts = ParseList(new AsnReader(ext.RawData, AsnEncodingRules.DER).ReadOctetString());
            tbs = TbsWithoutSctList(leaf.RawData);
        }
        catch (Exception e) when (e is AsnContentException or FormatException or ArgumentException or CryptographicException)
        {
            return $"the embedded SCT list is malformed ({e.Message})";
        }

        byte[] issuerKeyHash = SHA256.HashData(issuer.PublicKey.ExportSubjectPublicKeyInfo());
        string? last = "the embedded SCT list is empty";
        foreach (SignedCertificateTimestamp sct in scts)
        {
            if (sct.Version != 0)
            {
                last = $"unsupported SCT version {sct.Version}";
                continue;
            }

            TransparencyLogInstance? log = root.FindCtLog(sct.LogId);
            if (log is null)
            {
                last = $"the SCT's CT log {Convert.ToBase64String(sct.LogId)} is not in the trusted root";
                continue;
            }

            DateTimeOffset t = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Min(sct.TimestampMs, (ulong)long.MaxValue / 2));
            if (!log.ValidFor.Contains(t))
            {
                last = $"the SCT's CT log '{log.BaseUrl}' is not valid at {t:O} (valid {log.ValidFor})";
                continue;
            }

            HashAlgorithmName? hash = sct.HashAlgorithm switch
            {
                4 => HashAlgorithmName.SHA256,
                5 => HashAlgorithmName.SHA384,
                6 => HashAlgorithmName.SHA512,
                _ => null,
            };
            if (hash is null || sct.SignatureAlgorithm is not (1 or 3))
            {
                last = $"unsupported SCT signature algorithm ({sct.HashAlgorithm}, {sct.SignatureAlgorithm})";
                continue;
            }

            LogKey key;
            try
            {
                key = LogKey.From(log);
            }
            catch (SigningException e)
            {
                last = e.Message;
                continue;
            }

            if ((sct.SignatureAlgorithm == 3) != (key.KeyKind == LogKey.Kind.Ecdsa))
            {
                last = $"the SCT's signature algorithm does not fit the key of CT log '{log.BaseUrl}'";
                continue;
            }

            if (key.Verify(SignedData(sct, issuerKeyHash, tbs), sct.Signature, hash.Value))
            {
                return null;
            }

            last = $"the SCT from CT log '{log.BaseUrl}' does not verify";
        }

        return last;
    }

    /// <summary>The <c>digitally-signed</c> input of a precertificate SCT.</summary>
    public static byte[] SignedData(SignedCertificateTimestamp sct, byte[] issuerKeyHash, byte[] tbs)
    {
        if (tbs.Length > 0xFFFFFF || sct.Extensions.Length > 0xFFFF)
        {
            throw new ArgumentException("TBSCertificate or SCT extensions too large");
        }

        var buf = new byte[1 + 1 + 8 + 2 + 32 + 3 + tbs.Length + 2 + sct.Extensions.Length];
        int o = 0;
        buf[o++] = sct.Version;
        buf[o++] = 0; // signature_type = certificate_timestamp
        BinaryPrimitives.WriteUInt64BigEndian(buf.AsSpan(o), sct.TimestampMs);
        o += 8;
        BinaryPrimitives.WriteUInt16BigEndian(buf.AsSpan(o), 1); // entry_type = precert_entry
        o += 2;
        issuerKeyHash.CopyTo(buf, o);
        o += 32;
        buf[o++] = (byte)(tbs.Length >> 16);
        buf[o++] = (byte)(tbs.Length >> 8);
        buf[o++] = (byte)tbs.Length;
        tbs.CopyTo(buf, o);
        o += tbs.Length;
        BinaryPrimitives.WriteUInt16BigEndian(buf.AsSpan(o), (ushort)sct.Extensions.Length);
        o += 2;
        sct.Extensions.CopyTo(buf, o);
        return buf;
    }

    /// <summary>Parses a TLS <c>SignedCertificateTimestampList</c>.</summary>
    public static List<SignedCertificateTimestamp> ParseList(ReadOnlySpan<byte> tls)
    {
        var list = new List<SignedCertificateTimestamp>();
        int total = ReadU16(tls, 0);
        if (total != tls.Length - 2)
        {
            throw new FormatException("SCT list length mismatch");
        }

        int o = 2;
        while (o < tls.Length)
        {
            int len = ReadU16(tls, o);
            o += 2;
            if (len > tls.Length - o)
            {
                throw new FormatException("SCT length exceeds the list");
            }

            list.Add(ParseSct(tls.Slice(o, len)));
            o += len;
        }

        return list;
    }

    private static SignedCertificateTimestamp ParseSct(ReadOnlySpan<byte> s)
    {
        if (s.Length < 1 + 32 + 8 + 2)
        {
            throw new FormatException("SCT too short");
        }

        byte version = s[0];
        byte[] logId = s.Slice(1, 32).ToArray();
        ulong ts = BinaryPrimitives.ReadUInt64BigEndian(s.Slice(33));
        int o = 41;
        int extLen = ReadU16(s, o);
        o += 2;
        if (extLen > s.Length - o)
        {
            throw new FormatException("SCT extensions exceed the SCT");
        }

        byte[] ext = s.Slice(o, extLen).ToArray();
        o += extLen;
        if (s.Length - o < 4)
        {
            throw new FormatException("SCT signature missing");
        }

        byte hashAlg = s[o];
        byte sigAlg = s[o + 1];
        int sigLen = ReadU16(s, o + 2);
        o += 4;
        if (sigLen != s.Length - o)
        {
            throw new FormatException("SCT signature length mismatch");
        }

        return new SignedCertificateTimestamp(version, logId, ts, ext, hashAlg, sigAlg, s.Slice(o, sigLen).ToArray());
    }

    private static int ReadU16(ReadOnlySpan<byte> s, int o)
    {
        if (o + 2 > s.Length)
        {
            throw new FormatException("truncated SCT data");
        }

        return BinaryPrimitives.ReadUInt16BigEndian(s.Slice(o));
    }

    /// <summary>Re-encodes the certificate's TBSCertificate without the SCT-list extension (all other fields are
    /// copied byte for byte).</summary>
    public static byte[] TbsWithoutSctList(byte[] certificateDer)
    {
        AsnReader cert = new AsnReader(certificateDer, AsnEncodingRules.DER).ReadSequence();
        AsnReader tbs = cert.ReadSequence();
        var w = new AsnWriter(AsnEncodingRules.DER);
        var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true);
        using (w.PushSequence())
        {
            while (tbs.HasData)
            {
                if (tbs.PeekTag() == extensionsTag)
                {
                    AsnReader exts = tbs.ReadSequence(extensionsTag).ReadSequence();
                    using (w.PushSequence(extensionsTag))
                    using (w.PushSequence())
                    {
                        while (exts.HasData)
                        {
                            ReadOnlyMemory<byte> raw = exts.ReadEncodedValue();
                            string oid = new AsnReader(raw, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier();
                            if (oid != SctListOid)
                            {
                                w.WriteEncodedValue(raw.Span);
                            }
                        }
                    }
                }
                else
                {
                    w.WriteEncodedValue(tbs.ReadEncodedValue().Span);
                }
            }
        }

        return w.Encode();
    }
}
