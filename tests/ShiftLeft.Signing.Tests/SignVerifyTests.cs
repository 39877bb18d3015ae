using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShiftLeft.Signing.Bundle;
using ShiftLeft.Signing.Dsse;
using ShiftLeft.Signing.Keys;
using ShiftLeft.Signing.Manifest;
using ShiftLeft.Signing.Signing;
using ShiftLeft.Signing.Verification;
using Xunit;

namespace ShiftLeft.Signing.Tests;

public class SignVerifyTests
{
    internal static TempDir Model()
    {
        var tmp = new TempDir();
        tmp.Write("model/weights.bin", Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray());
        tmp.Write("model/sub/config.json", "{\"a\":1}");
        tmp.Write("model/empty", Array.Empty<byte>());
        return tmp;
    }

    [Theory]
    [InlineData("p256", "files")]
    [InlineData("p384", "files")]
    [InlineData("p521", "shards")]
    [InlineData("p256", "shards")]
    public void KeyModeRoundTrip(string curve, string method)
    {
        using TempDir tmp = Model();
        using ECDsa key = ECDsa.Create(EcCurve.Parse(curve)!.ToECCurve());
        using var signer = new KeyBundleSigner(key, ownsKey: false);
        ModelSigningResult signed = ModelSigner.SignToFile(tmp.Combine("model"), signer, new ModelSerializationOptions
        {
            Method = method == "files" ? SerializationMethod.Files : SerializationMethod.Shards,
            ShardSize = 1024,
        });
        Assert.Equal(tmp.Combine("model", "model.sig"), signed.SignaturePath);

        using ECDsa pub = KeyLoader.ParsePublicKey(PublicKeyHints.SpkiPem(key), "pub");
        VerificationResult r = ModelVerifier.VerifyFile(tmp.Combine("model"), signed.SignaturePath, new PublicKeyTrust(pub));
        Assert.True(r.Success, r.Failure?.ToString());
        Assert.Equal(method == "files" ? 3 : 6, r.Manifest!.Resources.Count); // shards: 5 of weights + 1 config, none for empty
    }

    [Fact]
    public void KeyModeBundleHasHexHintEmptyTlogAndEmptyKeyId()
    {
        using TempDir tmp = Model();
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = new KeyBundleSigner(key, ownsKey: false);
        ModelSigningResult signed = ModelSigner.SignToFile(tmp.Combine("model"), signer, new ModelSerializationOptions());
        JsonNode b = JsonNode.Parse(signed.Bundle)!;
        Assert.Equal(MediaTypes.BundleV03, (string?)b["mediaType"]);
        string expectedHint = Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem() + "\n"))).ToLowerInvariant();
        Assert.Equal(expectedHint, (string?)b["verificationMaterial"]!["publicKey"]!["hint"]);
        Assert.Empty(b["verificationMaterial"]!["tlogEntries"]!.AsArray());
        Assert.Equal("", (string?)b["dsseEnvelope"]!["signatures"]![0]!["keyid"]);
        Assert.Equal("application/vnd.in-toto+json", (string?)b["dsseEnvelope"]!["payloadType"]);
        JsonNode stmt = JsonNode.Parse(Convert.FromBase64String((string)b["dsseEnvelope"]!["payload"]!))!;
        Assert.Equal("model", (string?)stmt["subject"]![0]!["name"]);
        Assert.Equal(Convert.ToHexString(signed.Manifest.RootDigest()).ToLowerInvariant(), (string?)stmt["subject"]![0]!["digest"]!["sha256"]);
    }

    [Fact]
    public void CosignStyleHintIsAccepted()
    {
        using TempDir tmp = Model();
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = new KeyBundleSigner(key, ownsKey: false);
        ModelSigningResult signed = ModelSigner.SignToFile(tmp.Combine("model"), signer, new ModelSerializationOptions());
        string json = Encoding.UTF8.GetString(signed.Bundle).Replace(PublicKeyHints.Hex(key), PublicKeyHints.Cosign(key));
        VerificationResult r = ModelVerifier.Verify(tmp.Combine("model"), Encoding.UTF8.GetBytes(json), new PublicKeyTrust(key),
            new ModelVerificationOptions { SignaturePath = signed.SignaturePath });
        Assert.True(r.Success, r.Failure?.ToString());
    }

    [Fact]
    public void SingleFileModelDefaultsToFileDotSig()
    {
        using var tmp = new TempDir();
        string f = tmp.Write("model.onnx", "onnx bytes");
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var signer = new KeyBundleSigner(key, ownsKey: false);
        ModelSigningResult signed = ModelSigner.SignToFile(f, signer, new ModelSerializationOptions());
        Assert.Equal(f + ".sig", signed.SignaturePath);
        Assert.Equal(".", Assert.Single(signed.Manifest.Resources).Name);
        Assert.True(ModelVerifier.VerifyFile(f, signed.SignaturePath, new PublicKeyTrust(key)).Success);
    }

    [Fact]
    public void TamperedPayloadIsBadSignature()
    {
        using TempDir tmp = Model();
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = new KeyBundleSigner(key, ownsKey: false);
        ModelSigningResult signed = ModelSigner.SignToFile(tmp.Combine("model"), signer, new ModelSerializationOptions());
        JsonNode b = JsonNode.Parse(signed.Bundle)!;
        byte[] payload = Convert.FromBase64String((string)b["dsseEnvelope"]!["payload"]!);
        // Same statement, re-serialized with different whitespace: must not verify (no re-serialization).
        byte[] reformatted = Encoding.UTF8.GetBytes(JsonNode.Parse(payload)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        b["dsseEnvelope"]!["payload"] = Convert.ToBase64String(reformatted);
        VerificationResult r = ModelVerifier.Verify(tmp.Combine("model"), Encoding.UTF8.GetBytes(b.ToJsonString()), new PublicKeyTrust(key),
            new ModelVerificationOptions { SignaturePath = signed.SignaturePath });
        Assert.Equal(ErrorCodes.BadSignature, r.Failure!.Code);
    }

    [Fact]
    public void ModelChangesAreReportedByKind()
    {
        using TempDir tmp = Model();
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = new KeyBundleSigner(key, ownsKey: false);
        string model = tmp.Combine("model");
        ModelSigner.SignToFile(model, signer, new ModelSerializationOptions());
        var trust = new PublicKeyTrust(key);
        string sig = tmp.Combine("model", "model.sig");

        tmp.Write("model/extra.txt", "x");
        Failure f = ModelVerifier.VerifyFile(model, sig, trust).Failure!;
        Assert.Equal((ErrorCodes.ExtraFile, tmp.Combine("model", "extra.txt")), (f.Code, f.Path));
        Assert.Contains("extra.txt", f.Message);
        File.Delete(tmp.Combine("model", "extra.txt"));

        File.Move(tmp.Combine("model", "sub", "config.json"), tmp.Combine("config.bak"));
        f = ModelVerifier.VerifyFile(model, sig, trust).Failure!;
        Assert.Equal(ErrorCodes.MissingFile, f.Code);
        Assert.Contains("sub/config.json", f.Message);
        File.Move(tmp.Combine("config.bak"), tmp.Combine("model", "sub", "config.json"));

        tmp.Write("model/empty", "now has content");
        f = ModelVerifier.VerifyFile(model, sig, trust).Failure!;
        Assert.Equal(ErrorCodes.DigestMismatch, f.Code);
        Assert.Contains("'empty'", f.Message);
        tmp.Write("model/empty", Array.Empty<byte>());

        Assert.True(ModelVerifier.VerifyFile(model, sig, trust).Success);
        tmp.Write("model/.git/HEAD", "ignored by default");
        Assert.True(ModelVerifier.VerifyFile(model, sig, trust).Success);
    }

    [Fact]
    public void ShardedModelReportsResizedFileAsDigestMismatchWithoutHashing()
    {
        using TempDir tmp = Model();
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = new KeyBundleSigner(key, ownsKey: false);
        ModelSigner.SignToFile(tmp.Combine("model"), signer, new ModelSerializationOptions { Method = SerializationMethod.Shards, ShardSize = 1000 });
        File.AppendAllText(tmp.Combine("model", "weights.bin"), "more");
        Failure f = ModelVerifier.VerifyFile(tmp.Combine("model"), tmp.Combine("model", "model.sig"), new PublicKeyTrust(key)).Failure!;
        Assert.Equal(ErrorCodes.DigestMismatch, f.Code);
        Assert.Contains("size", f.Message);
    }

    [Fact]
    public void SymlinkAddedAfterSigningIsSymlinkError()
    {
        using TempDir tmp = Model();
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = new KeyBundleSigner(key, ownsKey: false);
        ModelSigner.SignToFile(tmp.Combine("model"), signer, new ModelSerializationOptions());
        File.CreateSymbolicLink(tmp.Combine("model", "link"), "/etc/hostname");
        Failure f = ModelVerifier.VerifyFile(tmp.Combine("model"), tmp.Combine("model", "model.sig"), new PublicKeyTrust(key)).Failure!;
        Assert.Equal(ErrorCodes.SymlinkNotAllowed, f.Code);
    }

    [Fact]
    public void DirectoryWithSymlinkLeavesNoSignatureFile()
    {
        using TempDir tmp = Model();
        File.CreateSymbolicLink(tmp.Combine("model", "link"), tmp.Combine("model", "weights.bin"));
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = new KeyBundleSigner(key, ownsKey: false);
        var e = Assert.Throws<SigningException>(() => ModelSigner.SignToFile(tmp.Combine("model"), signer, new ModelSerializationOptions()));
        Assert.Equal(ErrorCodes.SymlinkNotAllowed, e.Code);
        Assert.Empty(Directory.GetFiles(tmp.Combine("model"), "*.sig*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(tmp.Combine("model"), "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void CertificateModeWithIntermediateVerifiesAndChecksUsage()
    {
        using TempDir tmp = Model();
        (X509Certificate2 root, X509Certificate2 inter, ECDsa interKey) = Pki.RootAndIntermediate();
        using ECDsa leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using X509Certificate2 leaf = Pki.Leaf(inter, interKey, leafKey, X509KeyUsageFlags.DigitalSignature, codeSigning: false);
        using var signer = new CertificateBundleSigner(leafKey, new[] { leaf, inter }, ownsKey: false);
        ModelSigningResult signed = ModelSigner.SignToFile(tmp.Combine("model"), signer, new ModelSerializationOptions());
        JsonNode b = JsonNode.Parse(signed.Bundle)!;
        Assert.Equal(2, b["verificationMaterial"]!["x509CertificateChain"]!["certificates"]!.AsArray().Count);

        var trust = new CertificateChainTrust(new[] { root });
        Assert.True(ModelVerifier.VerifyFile(tmp.Combine("model"), signed.SignaturePath, trust).Success);

        // Leaf without digitalSignature KU and without codeSigning EKU → CertificateUsage.
        using ECDsa badKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 badLeaf = Pki.Leaf(inter, interKey, badKey, X509KeyUsageFlags.KeyEncipherment, codeSigning: false);
        using var badSigner = new CertificateBundleSigner(badKey, new[] { badLeaf, inter }, ownsKey: false);
        ModelSigningResult bad = ModelSigner.SignToFile(tmp.Combine("model"), badSigner, new ModelSerializationOptions());
        Assert.Equal(ErrorCodes.CertificateUsage, ModelVerifier.VerifyFile(tmp.Combine("model"), bad.SignaturePath, trust).Failure!.Code);

        // EKU codeSigning alone is enough.
        using X509Certificate2 ekuLeaf = Pki.Leaf(inter, interKey, badKey, X509KeyUsageFlags.KeyEncipherment, codeSigning: true);
        using var ekuSigner = new CertificateBundleSigner(badKey, new[] { ekuLeaf, inter }, ownsKey: false);
        ModelSigningResult eku = ModelSigner.SignToFile(tmp.Combine("model"), ekuSigner, new ModelSerializationOptions());
        Assert.True(ModelVerifier.VerifyFile(tmp.Combine("model"), eku.SignaturePath, trust).Success);

        // Missing intermediate → untrusted.
        using var leafOnly = new CertificateBundleSigner(leafKey, new[] { leaf }, ownsKey: false);
        ModelSigningResult noInter = ModelSigner.SignToFile(tmp.Combine("model"), leafOnly, new ModelSerializationOptions());
        Assert.Equal(ErrorCodes.CertificateUntrusted, ModelVerifier.VerifyFile(tmp.Combine("model"), noInter.SignaturePath, trust).Failure!.Code);
        interKey.Dispose();
    }

    [Fact]
    public void CertificateNotMatchingKeyIsRejectedAtSigning()
    {
        (X509Certificate2 _, X509Certificate2 inter, ECDsa interKey) = Pki.RootAndIntermediate();
        using ECDsa leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using ECDsa otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 leaf = Pki.Leaf(inter, interKey, leafKey, X509KeyUsageFlags.DigitalSignature, false);
        var e = Assert.Throws<SigningException>(() => new CertificateBundleSigner(otherKey, new[] { leaf }, ownsKey: false));
        Assert.Equal(ErrorCodes.CertificateUnreadable, e.Code);
    }

    [Theory]
    [InlineData(SerializationMethod.Files)]
    [InlineData(SerializationMethod.Shards)]
    public void OddButValidFileNamesRoundTrip(SerializationMethod method)
    {
        using var tmp = new TempDir();
        tmp.Write("m/layer:b:c", "colons");
        tmp.Write("m/with space/ünïcödé ✓", "unicode");
        tmp.Write("m/" + new string('n', 200), "long name");
        tmp.Write("m/\"quoted\"", "quotes");
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = new KeyBundleSigner(key, ownsKey: false);
        ModelSigningResult signed = ModelSigner.SignToFile(tmp.Combine("m"), signer, new ModelSerializationOptions { Method = method, ShardSize = 3 });
        Assert.Contains(signed.Manifest.Resources, r => r.Path == "layer:b:c");
        VerificationResult r = ModelVerifier.VerifyFile(tmp.Combine("m"), signed.SignaturePath, new PublicKeyTrust(key));
        Assert.True(r.Success, r.Failure?.ToString());
        File.AppendAllText(tmp.Combine("m", "layer:b:c"), "!");
        Failure f = ModelVerifier.VerifyFile(tmp.Combine("m"), signed.SignaturePath, new PublicKeyTrust(key)).Failure!;
        Assert.Equal(ErrorCodes.DigestMismatch, f.Code);
        Assert.Contains("layer:b:c", f.Message);
    }

    [Fact]
    public void BackslashInFileNameCannotBeSignedPortably()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var tmp = new TempDir();
        tmp.Write("m/ok", "x");
        File.WriteAllText(Path.Combine(tmp.Combine("m"), "a\\b"), "x");
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = new KeyBundleSigner(key, ownsKey: false);
        var e = Assert.Throws<SigningException>(() => ModelSigner.SignToFile(tmp.Combine("m"), signer, new ModelSerializationOptions()));
        Assert.Equal(ErrorCodes.PathEscape, e.Code);
        Assert.False(File.Exists(tmp.Combine("m", "model.sig")));
    }

    [Fact]
    public void AllowedSymlinkedDirectoryIsFollowedAndRecorded()
    {
        using var tmp = new TempDir();
        tmp.Write("shared/w", "weights");
        tmp.Write("m/own", "x");
        Directory.CreateSymbolicLink(tmp.Combine("m", "linked"), tmp.Combine("shared"));
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = new KeyBundleSigner(key, ownsKey: false);
        ModelSigningResult signed = ModelSigner.SignToFile(tmp.Combine("m"), signer, new ModelSerializationOptions { AllowSymlinks = true });
        Assert.Equal(new[] { "linked/w", "own" }, signed.Manifest.Resources.Select(r => r.Name));
        // allow_symlinks is part of the signed parameters: verification follows it too.
        Assert.True(ModelVerifier.VerifyFile(tmp.Combine("m"), signed.SignaturePath, new PublicKeyTrust(key)).Success);
        File.WriteAllText(tmp.Combine("shared", "w"), "changed");
        Assert.Equal(ErrorCodes.DigestMismatch, ModelVerifier.VerifyFile(tmp.Combine("m"), signed.SignaturePath, new PublicKeyTrust(key)).Failure!.Code);
    }

    [Fact]
    public void PaeMatchesTheDsseSpec()
    {
        byte[] pae = Pae.Encode("http://example.com/HelloWorld", Encoding.UTF8.GetBytes("hello world"));
        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world", Encoding.UTF8.GetString(pae));
        Assert.Equal("DSSEv1 3 t\u00e9 0 ", Encoding.UTF8.GetString(Pae.Encode("té", ReadOnlySpan<byte>.Empty)));
    }

    [Fact]
    public void PythonBytesReprMatchesCPython()
    {
        Assert.Equal("b'{\\n  \"a\": 1}'", Pae.PythonBytesRepr(Encoding.UTF8.GetBytes("{\n  \"a\": 1}")));
        Assert.Equal("b\"it's\"", Pae.PythonBytesRepr(Encoding.UTF8.GetBytes("it's")));
        Assert.Equal("b'\\'\"\\\\\\t\\r\\x00\\xff'", Pae.PythonBytesRepr(new byte[] { (byte)'\'', (byte)'"', (byte)'\\', 9, 13, 0, 255 }));
    }
}

internal static class Pki
{
    public static (X509Certificate2 Root, X509Certificate2 Intermediate, ECDsa IntermediateKey) RootAndIntermediate()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootReq = new CertificateRequest("CN=test-root", rootKey, HashAlgorithmName.SHA256);
        rootReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        X509Certificate2 root = rootReq.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddYears(5));

        var interKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var interReq = new CertificateRequest("CN=test-intermediate", interKey, HashAlgorithmName.SHA256);
        interReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        interReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using X509Certificate2 interPub = interReq.Create(root, DateTimeOffset.UtcNow.AddDays(-9), DateTimeOffset.UtcNow.AddYears(4), new byte[] { 7, 7 });
        X509Certificate2 inter = interPub.CopyWithPrivateKey(interKey);
        return (root, inter, interKey);
    }

    public static X509Certificate2 Leaf(X509Certificate2 issuer, ECDsa issuerKey, ECDsa leafKey, X509KeyUsageFlags ku, bool codeSigning)
    {
        var req = new CertificateRequest("CN=model-signer", leafKey, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509KeyUsageExtension(ku, true));
        if (codeSigning)
        {
            req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.3") }, false));
        }

        X509SignatureGenerator gen = X509SignatureGenerator.CreateForECDsa(issuerKey);
        using X509Certificate2 c = req.Create(issuer.SubjectName, gen, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1),
            RandomNumberGenerator.GetBytes(8));
        return X509CertificateLoader.LoadCertificate(c.RawData);
    }
}
