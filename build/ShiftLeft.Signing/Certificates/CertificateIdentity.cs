using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace ShiftLeft.Signing.Certificates;

/// <summary>The identity Fulcio bound into a signing certificate: the subject alternative names (email, URI, DNS,
/// Fulcio username otherName) and the OIDC issuer extension (1.3.6.1.4.1.57264.1.8, or the older .1.1).</summary>
public sealed class FulcioIdentity
{
    public const string SanOid = "2.5.29.17";
    public const string IssuerV2Oid = "1.3.6.1.4.1.57264.1.8";
    public const string IssuerV1Oid = "1.3.6.1.4.1.57264.1.1";

    private FulcioIdentity(IReadOnlyList<string> sans, string? issuer)
    {
        SubjectAlternativeNames = sans;
        Issuer = issuer;
    }

    public IReadOnlyList<string> SubjectAlternativeNames { get; }
    public string? Issuer { get; }

    /// <summary>Reads the identity; malformed extensions yield no SAN / no issuer (and so a mismatch), never an exception.</summary>
    public static FulcioIdentity Read(X509Certificate2 cert)
    {
        var sans = new List<string>();
        string? issuerV2 = null, issuerV1 = null;
        foreach (X509Extension ext in cert.Extensions)
        {
            try
            {
                switch (ext.Oid?.Value)
                {
                    case SanOid:
                        ReadSans(ext.RawData, sans);
                        break;
                    case IssuerV2Oid:
                        issuerV2 = new AsnReader(ext.RawData, AsnEncodingRules.DER).ReadCharacterString(UniversalTagNumber.UTF8String);
                        break;
                    case IssuerV1Oid:
                        issuerV1 = new UTF8Encoding(false, true).GetString(ext.RawData);
                        break;
                }
            }
            catch (Exception e) when (e is AsnContentException or ArgumentException or DecoderFallbackException)
            {
                // A malformed extension contributes nothing.
            }
        }

        return new FulcioIdentity(sans, issuerV2 ?? issuerV1);
    }

    private static void ReadSans(byte[] raw, List<string> sans)
    {
        AsnReader seq = new AsnReader(raw, AsnEncodingRules.DER).ReadSequence();
        while (seq.HasData)
        {
            Asn1Tag tag = seq.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific)
            {
                seq.ReadEncodedValue();
                continue;
            }

            switch (tag.TagValue)
            {
                case 1: // rfc822Name
                case 2: // dNSName
                case 6: // uniformResourceIdentifier
                    sans.Add(seq.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                    break;
                case 0: // otherName { type-id, [0] EXPLICIT value } — Fulcio's username SAN is a UTF8String
                    AsnReader other = seq.ReadSequence(tag);
                    other.ReadObjectIdentifier();
                    AsnReader value = other.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
                    if (value.PeekTag() == new Asn1Tag(UniversalTagNumber.UTF8String))
                    {
                        sans.Add(value.ReadCharacterString(UniversalTagNumber.UTF8String));
                    }

                    break;
                default:
                    seq.ReadEncodedValue();
                    break;
            }
        }
    }
}

/// <summary>Keyless identity policy: the certificate must name <see cref="Identity"/> exactly (or a SAN must match
/// <see cref="IdentityPattern"/>) and carry <see cref="Issuer"/> as its OIDC issuer (exact match).</summary>
public sealed class CertificateIdentity
{
    private readonly Regex? _regex;

    private CertificateIdentity(string? identity, string? pattern, string issuer)
    {
        if (string.IsNullOrEmpty(issuer))
        {
            throw new SigningException(ErrorCodes.InvalidArguments, "keyless verification needs the expected OIDC issuer");
        }

        Identity = identity;
        IdentityPattern = pattern;
        Issuer = issuer;
        if (pattern is not null)
        {
            try
            {
                _regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new SigningException(ErrorCodes.InvalidArguments, $"invalid certificate identity regex '{pattern}': {e.Message}", null, e);
            }
        }
    }

    /// <summary>Expected SAN (email or URI), compared exactly.</summary>
    public string? Identity { get; }

    /// <summary>.NET regular expression a SAN must match (searched, as cosign does: anchor it with ^…$).</summary>
    public string? IdentityPattern { get; }

    public string Issuer { get; }

    public static CertificateIdentity Exact(string identity, string issuer)
    {
        if (string.IsNullOrEmpty(identity))
        {
            throw new SigningException(ErrorCodes.InvalidArguments, "keyless verification needs the expected certificate identity");
        }

        return new CertificateIdentity(identity, null, issuer);
    }

    public static CertificateIdentity Matching(string identityRegex, string issuer)
    {
        if (string.IsNullOrEmpty(identityRegex))
        {
            throw new SigningException(ErrorCodes.InvalidArguments, "keyless verification needs the expected certificate identity regex");
        }

        return new CertificateIdentity(null, identityRegex, issuer);
    }

    /// <summary>Null when the certificate satisfies the policy, else the failure.</summary>
    public Failure? Check(FulcioIdentity id)
    {
        bool sanOk = id.SubjectAlternativeNames.Any(MatchesSan);
        if (!sanOk)
        {
            string got = id.SubjectAlternativeNames.Count == 0 ? "none" : string.Join(", ", id.SubjectAlternativeNames.Select(s => $"'{s}'"));
            string want = Identity is not null ? $"'{Identity}'" : $"a match of /{IdentityPattern}/";
            return new Failure(ErrorCodes.CertificateIdentityMismatch,
                $"the signing certificate's identity does not match: expected {want}, certificate names {got}");
        }

        if (!string.Equals(id.Issuer, Issuer, StringComparison.Ordinal))
        {
            return new Failure(ErrorCodes.CertificateIssuerMismatch,
                $"the signing certificate's OIDC issuer does not match: expected '{Issuer}', certificate has {(id.Issuer is null ? "none" : $"'{id.Issuer}'")}");
        }

        return null;
    }

    private bool MatchesSan(string san)
    {
        if (Identity is not null)
        {
            return string.Equals(san, Identity, StringComparison.Ordinal);
        }

        try
        {
            return _regex!.IsMatch(san);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public override string ToString() => $"{Identity ?? "/" + IdentityPattern + "/"} from {Issuer}";
}
