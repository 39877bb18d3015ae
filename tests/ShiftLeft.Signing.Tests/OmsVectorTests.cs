using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ShiftLeft.Signing.Keys;
using ShiftLeft.Signing.Verification;
using Xunit;

namespace ShiftLeft.Signing.Tests;

/// <summary>Every model-transparency vector (../shared/vectors/model-transparency, see its VECTORS.md).</summary>
public class OmsVectorTests
{
    /// <summary>vector, model path relative to the vector folder ("" = the folder), extra ignore paths.</summary>
    public static readonly TheoryData<string, string, string[]> KeyVectors = new()
    {
        { "v0.3.1-elliptic-key", "signme-1", Array.Empty<string>() },
        { "v1.0.0-elliptic-key", "signme-1", Array.Empty<string>() },
        { "v1.0.1-elliptic-key", "", new[] { "ignore-me" } },
        { "v1.1.0-elliptic-key", "", new[] { "ignore-me" } },
    };

    public static readonly TheoryData<string, string[]> CertificateVectors = new()
    {
        { "v0.2.0-certificate", Array.Empty<string>() },
        { "v0.3.1-certificate", Array.Empty<string>() },
        { "v1.0.0-certificate", Array.Empty<string>() },
        { "v1.0.1-certificate", new[] { "ignore-me" } },
        { "v1.1.0-certificate", new[] { "ignore-me" } },
    };

    /// <summary>Keyless (Fulcio + Rekor + TSA, production trust root) vectors: not verifiable by this issue.</summary>
    public static readonly IReadOnlyDictionary<string, string> SkippedKeyless = new Dictionary<string, string>
    {
        ["v0.3.1-sigstore"] = "keyless (Fulcio certificate + Rekor tlog): needs the keyless verifier (later issue)",
        ["v1.0.0-sigstore"] = "keyless (Fulcio certificate + Rekor tlog): needs the keyless verifier (later issue)",
        ["v1.0.1-sigstore"] = "keyless (Fulcio certificate + Rekor tlog): needs the keyless verifier (later issue)",
        ["v1.1.0-sigstore"] = "keyless (Fulcio certificate + Rekor tlog + RFC 3161): needs the keyless verifier (later issue)",
    };

    private static string KeyPath => TestPaths.OmsTest("keys", "certificate", "signing-key-pub.pem");
    private static string CaPath => TestPaths.OmsTest("keys", "certificate", "ca-cert.pem");

    [Fact]
    public void EveryVectorIsCoveredOrExplicitlySkipped()
    {
        var dirs = Directory.GetDirectories(TestPaths.OmsTest())
            .Select(Path.GetFileName)
            .Where(n => n != "keys")
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
        var covered = KeyVectors.Select(r => (string)r[0])
            .Concat(CertificateVectors.Select(r => (string)r[0]))
            .Concat(SkippedKeyless.Keys)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(13, dirs.Length);
        Assert.Equal(dirs, covered);
        foreach (string keyless in SkippedKeyless.Keys)
        {
            // They really are keyless: a single Fulcio certificate, not a key or a chain.
            var bundle = Bundle.BundleReader.Parse(File.ReadAllBytes(TestPaths.OmsTest(keyless, "model.sig")));
            Assert.Equal(Bundle.MaterialKind.Certificate, bundle.VerificationMaterial.Kind);
            Assert.NotEmpty(bundle.VerificationMaterial.TlogEntries);
        }
    }

    [Theory]
    [MemberData(nameof(KeyVectors))]
    public void KeyVectorVerifies(string vector, string model, string[] ignore)
    {
        using ECDsa key = KeyLoader.LoadPublicKey(KeyPath);
        string modelPath = model.Length == 0 ? TestPaths.OmsTest(vector) : TestPaths.OmsTest(vector, model);
        VerificationResult r = ModelVerifier.VerifyFile(modelPath, TestPaths.OmsTest(vector, "model.sig"),
            new PublicKeyTrust(key), new ModelVerificationOptions { IgnorePaths = ignore });
        Assert.True(r.Success, r.Failure?.ToString());
        Assert.NotNull(r.Manifest);
    }

    [Theory]
    [MemberData(nameof(CertificateVectors))]
    public void CertificateVectorVerifies(string vector, string[] ignore)
    {
        IReadOnlyList<X509Certificate2> anchors = KeyLoader.LoadCertificates(CaPath);
        VerificationResult r = ModelVerifier.VerifyFile(TestPaths.OmsTest(vector), TestPaths.OmsTest(vector, "model.sig"),
            new CertificateChainTrust(anchors), new ModelVerificationOptions { IgnorePaths = ignore });
        Assert.True(r.Success, r.Failure?.ToString());
    }

    [Theory]
    [MemberData(nameof(KeyVectors))]
    public void KeyVectorFailsWithOtherKey(string vector, string model, string[] ignore)
    {
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        string modelPath = model.Length == 0 ? TestPaths.OmsTest(vector) : TestPaths.OmsTest(vector, model);
        VerificationResult r = ModelVerifier.VerifyFile(modelPath, TestPaths.OmsTest(vector, "model.sig"),
            new PublicKeyTrust(other), new ModelVerificationOptions { IgnorePaths = ignore });
        Assert.False(r.Success);
        // Every key vector names its key (hint or legacy rawBytes), so the diagnosis is "wrong key".
        Assert.Equal(ErrorCodes.WrongKey, r.Failure!.Code);
    }

    [Theory]
    [MemberData(nameof(CertificateVectors))]
    public void CertificateVectorFailsWithOtherTrustAnchor(string vector, string[] ignore)
    {
        // The intermediate alone is not a root: the chain must end at ca-cert.pem.
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest("CN=other-root", otherKey, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using X509Certificate2 otherRoot = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-5), DateTimeOffset.UtcNow.AddYears(5));
        VerificationResult r = ModelVerifier.VerifyFile(TestPaths.OmsTest(vector), TestPaths.OmsTest(vector, "model.sig"),
            new CertificateChainTrust(new[] { otherRoot }), new ModelVerificationOptions { IgnorePaths = ignore });
        Assert.False(r.Success);
        Assert.Equal(ErrorCodes.CertificateUntrusted, r.Failure!.Code);
    }

    [Fact]
    public void KeyVectorWithoutIgnorePathReportsExtraFile()
    {
        // v1.0.1 does not record ignore paths in the signature; the caller must pass ignore-me.
        using ECDsa key = KeyLoader.LoadPublicKey(KeyPath);
        VerificationResult r = ModelVerifier.VerifyFile(TestPaths.OmsTest("v1.0.1-elliptic-key"),
            TestPaths.OmsTest("v1.0.1-elliptic-key", "model.sig"), new PublicKeyTrust(key));
        Assert.False(r.Success);
        Assert.Equal(ErrorCodes.ExtraFile, r.Failure!.Code);
        Assert.Contains("ignore-me", r.Failure.Message);
    }

    [Fact]
    public void V110RecordsIgnorePathsSoNoneAreNeeded()
    {
        using ECDsa key = KeyLoader.LoadPublicKey(KeyPath);
        VerificationResult r = ModelVerifier.VerifyFile(TestPaths.OmsTest("v1.1.0-elliptic-key"),
            TestPaths.OmsTest("v1.1.0-elliptic-key", "model.sig"), new PublicKeyTrust(key));
        Assert.True(r.Success, r.Failure?.ToString());
    }

    [Theory]
    [InlineData("v1.1.0-elliptic-key", "signme-2", false)]
    [InlineData("v0.2.0-certificate", "signme-1", true)]
    [InlineData("v1.0.1-certificate", "signme-2", true)]
    public void TamperedVectorCopyFailsWithDigestMismatch(string vector, string file, bool certificate)
    {
        using var tmp = new TempDir();
        string copy = Path.Combine(tmp.Path, vector);
        Directory.CreateDirectory(copy);
        foreach (string f in Directory.GetFiles(TestPaths.OmsTest(vector)))
        {
            File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        }

        File.AppendAllText(Path.Combine(copy, file), "x");
        using ECDsa key = KeyLoader.LoadPublicKey(KeyPath);
        IVerificationTrust trust = certificate
            ? new CertificateChainTrust(KeyLoader.LoadCertificates(CaPath))
            : new PublicKeyTrust(key);
        VerificationResult r = ModelVerifier.VerifyFile(copy, Path.Combine(copy, "model.sig"), trust,
            new ModelVerificationOptions { IgnorePaths = new[] { "ignore-me" } });
        Assert.False(r.Success);
        Assert.Equal(ErrorCodes.DigestMismatch, r.Failure!.Code);
        Assert.Contains(file, r.Failure.Message);
    }

    [Fact]
    public void HexHintOfTheVectorKeyMatchesV110()
    {
        using ECDsa key = KeyLoader.LoadPublicKey(KeyPath);
        Assert.Equal("e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e", PublicKeyHints.Hex(key));
    }

    [Fact]
    public void KeyVectorWithCertificateTrustIsRejectedAsWrongMaterial()
    {
        VerificationResult r = ModelVerifier.VerifyFile(TestPaths.OmsTest("v1.1.0-elliptic-key"),
            TestPaths.OmsTest("v1.1.0-elliptic-key", "model.sig"), new CertificateChainTrust(KeyLoader.LoadCertificates(CaPath)));
        Assert.Equal(ErrorCodes.UnsupportedVerificationMaterial, r.Failure!.Code);
    }

    [Fact]
    public void KeylessVectorWithKeyTrustIsRejectedAsWrongMaterial()
    {
        using ECDsa key = KeyLoader.LoadPublicKey(KeyPath);
        VerificationResult r = ModelVerifier.VerifyFile(TestPaths.OmsTest("v1.1.0-sigstore"),
            TestPaths.OmsTest("v1.1.0-sigstore", "model.sig"), new PublicKeyTrust(key));
        Assert.Equal(ErrorCodes.UnsupportedVerificationMaterial, r.Failure!.Code);
    }
}
