using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using ShiftLeft.Signing.Keyless;
using ShiftLeft.Signing.Keys;
using ShiftLeft.Signing.Verification;
using Xunit;

namespace ShiftLeft.Signing.Tests;

/// <summary>../shared/vectors/npm-generated: bundles written by sigstore-js. Rows of EXPECTED.csv are replayed
/// through ShiftLeft's verify-bundle logic: key-mode rows, and keyless rows (loopback mock Fulcio/CT/Rekor/TSA with
/// their own trusted root) — including the deliberately unfaithful dsse entry, which must fail its body cross-check.</summary>
public class NpmVectorTests
{
    public sealed record Row(string Bundle, string? Key, bool NoTlog, bool CurveHash, bool Keyless, string Input, bool ExpectPass, string Raw)
    {
        public string? Identity { get; init; }
        public string? Issuer { get; init; }
        public string? TrustedRoot { get; init; }
    }

    public static IEnumerable<Row> Rows()
    {
        foreach (string line in File.ReadAllLines(TestPaths.Npm("EXPECTED.csv")).Skip(1))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            string[] cols = line.Split(';');
            string[] args = cols[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string? bundle = null, key = null, identity = null, issuer = null, root = null;
            bool noTlog = false, curveHash = false, keyless = false;
            var rest = new List<string>();
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--bundle": bundle = args[++i]; break;
                    case "--key": key = args[++i]; break;
                    case "--no-tlog": noTlog = true; break;
                    case "--curve-hash": curveHash = true; break;
                    // A repeated option: the last one wins (the CLI rejects the repetition as a usage error).
                    case "--certificate-identity": identity = args[++i]; keyless = true; break;
                    case "--certificate-oidc-issuer": issuer = args[++i]; keyless = true; break;
                    case "--trusted-root": root = args[++i]; keyless = true; break;
                    default: rest.Add(args[i]); break;
                }
            }

            yield return new Row(bundle!, key, noTlog, curveHash, keyless, rest.Single(), cols[2] == "pass", line)
            {
                Identity = identity,
                Issuer = issuer,
                TrustedRoot = root,
            };
        }
    }

    public static TheoryData<int> KeyRows()
    {
        var d = new TheoryData<int>();
        int i = 0;
        foreach (Row r in Rows())
        {
            if (!r.Keyless)
            {
                d.Add(i);
            }

            i++;
        }

        return d;
    }

    public static TheoryData<int> KeylessRows()
    {
        var d = new TheoryData<int>();
        int i = 0;
        foreach (Row r in Rows())
        {
            if (r.Keyless)
            {
                d.Add(i);
            }

            i++;
        }

        return d;
    }

    [Fact]
    public void RowsAreAccountedFor()
    {
        List<Row> rows = Rows().ToList();
        Assert.Equal(23, rows.Count);
        Assert.Equal(11, rows.Count(r => !r.Keyless));
        Assert.Equal(12, rows.Count(r => r.Keyless));
        Assert.All(rows.Where(r => r.Keyless), r => Assert.Contains("mock", r.Bundle));
    }

    [Theory]
    [MemberData(nameof(KeylessRows))]
    public void KeylessRowGivesTheSpecConformantAnswer(int index)
    {
        Row row = Rows().ElementAt(index);
        ArtifactInput input = ArtifactInput.TryParseDigest(row.Input) ?? ArtifactInput.FromFile(TestPaths.Npm(row.Input));
        var trust = KeylessTrust.Create(row.Identity, null, row.Issuer, TestPaths.Npm(row.TrustedRoot!));
        VerificationResult r = BundleVerifier.Verify(File.ReadAllBytes(TestPaths.Npm(row.Bundle)), input, trust);
        Assert.True(row.ExpectPass == r.Success, $"{row.Raw} → {r.Failure}");
        if (!r.Success)
        {
            string expected = row.Input.Contains("tampered") ? ErrorCodes.DigestMismatch
                : row.Identity != "shiftleft-test@example.com" ? ErrorCodes.CertificateIdentityMismatch
                : row.Issuer != "https://fake.oidc.example.com" ? ErrorCodes.CertificateIssuerMismatch
                : row.Bundle.Contains("UNFAITHFUL") ? ErrorCodes.TransparencyLogEntryMismatch
                : ErrorCodes.UnknownTransparencyLog; // another instance's trusted root
            Assert.True(expected == r.Failure!.Code, $"{row.Raw} → {r.Failure}");
        }
    }

    [Fact]
    public void TwoFractionDigitTsaTimeIsAccepted()
    {
        // genTime ...47.05Z (valid DER GeneralizedTime): sigstore-js 3.x rejects it, a conformant verifier must not.
        byte[] bundle = File.ReadAllBytes(TestPaths.Npm("mock-run1/mock-keyless-message-tsa-genTime-2-fraction-digits.sigstore.json"));
        var trust = KeylessTrust.Create("shiftleft-test@example.com", null, "https://fake.oidc.example.com", TestPaths.Npm("mock-run1/mock_trusted_root.json"));
        VerificationResult r = BundleVerifier.Verify(bundle, ArtifactInput.FromFile(TestPaths.Npm("model.onnx")), trust);
        Assert.True(r.Success, r.Failure?.ToString());
    }

    [Theory]
    [MemberData(nameof(KeyRows))]
    public void KeyRowGivesTheSpecConformantAnswer(int index)
    {
        Row row = Rows().ElementAt(index);
        using ECDsa key = KeyLoader.LoadPublicKey(TestPaths.Npm(row.Key!));
        ArtifactInput input = ArtifactInput.TryParseDigest(row.Input) ?? ArtifactInput.FromFile(TestPaths.Npm(row.Input));
        VerificationResult r = BundleVerifier.Verify(File.ReadAllBytes(TestPaths.Npm(row.Bundle)), input, new PublicKeyTrust(key));

        // One row expects failure only because tlog/timestamps are required without --no-tlog (a policy of the
        // sigstore-js oracle for key mode): ShiftLeft's key mode is model_signing's (no transparency log).
        bool expected = row.ExpectPass || !row.NoTlog;
        Assert.True(expected == r.Success, $"{row.Raw} → {r.Failure}");
        if (!r.Success)
        {
            string code = r.Failure!.Code;
            if (row.Input.Contains("tampered"))
            {
                Assert.True(code is ErrorCodes.DigestMismatch, row.Raw + " → " + r.Failure);
            }
            else if (row.Key == "other.pub.pem")
            {
                Assert.Equal(ErrorCodes.WrongKey, code);
            }
        }
    }

    [Fact]
    public void MessageBundleFailsWithOtherKeyAsWrongKeyAndTamperedAsDigestMismatch()
    {
        byte[] bundle = File.ReadAllBytes(TestPaths.Npm("p256-message.sigstore.json"));
        using ECDsa other = KeyLoader.LoadPublicKey(TestPaths.Npm("other.pub.pem"));
        using ECDsa key = KeyLoader.LoadPublicKey(TestPaths.Npm("ec256.pub.pem"));
        Assert.Equal(ErrorCodes.WrongKey, BundleVerifier.Verify(bundle, ArtifactInput.FromFile(TestPaths.Npm("model.onnx")), new PublicKeyTrust(other)).Failure!.Code);
        Assert.Equal(ErrorCodes.DigestMismatch, BundleVerifier.Verify(bundle, ArtifactInput.FromFile(TestPaths.Npm("model_tampered.onnx")), new PublicKeyTrust(key)).Failure!.Code);
    }

    [Fact]
    public void P384DsseIsVerifiedWithTheCurveMatchedHash()
    {
        byte[] bundle = File.ReadAllBytes(TestPaths.Npm("p384-dsse-intoto.sigstore.json"));
        using ECDsa key = KeyLoader.LoadPublicKey(TestPaths.Npm("ec384.pub.pem"));
        Assert.True(BundleVerifier.Verify(bundle, ArtifactInput.FromFile(TestPaths.Npm("model.onnx")), new PublicKeyTrust(key)).Success);
    }

    [Fact]
    public void MessageSignatureIsNotAModelSignature()
    {
        using ECDsa key = KeyLoader.LoadPublicKey(TestPaths.Npm("ec256.pub.pem"));
        VerificationResult r = ModelVerifier.Verify(TestPaths.Npm("model.onnx"), File.ReadAllBytes(TestPaths.Npm("p256-message.sigstore.json")), new PublicKeyTrust(key));
        Assert.Equal(ErrorCodes.UnsupportedMediaType, r.Failure!.Code);
    }

    [Fact]
    public void DsseBundleWithForeignPredicateIsUnsupportedAsModelSignature()
    {
        using ECDsa key = KeyLoader.LoadPublicKey(TestPaths.Npm("ec256.pub.pem"));
        VerificationResult r = ModelVerifier.Verify(TestPaths.Npm("model.onnx"), File.ReadAllBytes(TestPaths.Npm("p256-dsse-intoto.sigstore.json")), new PublicKeyTrust(key));
        Assert.Equal(ErrorCodes.UnsupportedPredicate, r.Failure!.Code);
    }
}
