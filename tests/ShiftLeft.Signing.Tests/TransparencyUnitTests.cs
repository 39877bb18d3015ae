using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ShiftLeft.Signing.Certificates;
using ShiftLeft.Signing.Transparency;
using ShiftLeft.Signing.TrustRoot;
using Xunit;

namespace ShiftLeft.Signing.Tests;

/// <summary>Unit tests of the keyless building blocks: Merkle proofs, checkpoints, trusted root, SCT TBS.</summary>
public class TransparencyUnitTests
{
    // RFC 6962 §2.1 reference definitions (recursive), used to generate proofs for every (index, size).
    private static byte[] Mth(IReadOnlyList<byte[]> leaves, int lo, int hi)
    {
        int n = hi - lo;
        if (n == 1)
        {
            return MerkleTree.LeafHash(leaves[lo]);
        }

        int k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return MerkleTree.NodeHash(Mth(leaves, lo, lo + k), Mth(leaves, lo + k, hi));
    }

    private static List<byte[]> Path(IReadOnlyList<byte[]> leaves, int m, int lo, int hi)
    {
        int n = hi - lo;
        if (n == 1)
        {
            return new List<byte[]>();
        }

        int k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        if (m < k)
        {
            List<byte[]> p = Path(leaves, m, lo, lo + k);
            p.Add(Mth(leaves, lo + k, hi));
            return p;
        }

        List<byte[]> q = Path(leaves, m - k, lo + k, hi);
        q.Add(Mth(leaves, lo, lo + k));
        return q;
    }

    [Fact]
    public void InclusionProofsVerifyForEveryIndexAndSizeAndRejectWrongClaims()
    {
        var leaves = Enumerable.Range(0, 21).Select(i => Encoding.ASCII.GetBytes("leaf " + i)).ToList();
        for (int size = 1; size <= leaves.Count; size++)
        {
            byte[] root = Mth(leaves, 0, size);
            for (int m = 0; m < size; m++)
            {
                List<byte[]> proof = Path(leaves, m, 0, size);
                byte[] leaf = MerkleTree.LeafHash(leaves[m]);
                Assert.True(MerkleTree.VerifyInclusion(m, size, leaf, proof, root), $"m={m} size={size}");
                Assert.False(MerkleTree.VerifyInclusion(m, size, MerkleTree.LeafHash(leaves[(m + 1) % leaves.Count]), proof, root));
                if (size > 1)
                {
                    Assert.False(MerkleTree.VerifyInclusion((m + 1) % size, size, leaf, proof, root), $"wrong index m={m} size={size}");
                    List<byte[]> corrupted = proof.Select(h => (byte[])h.Clone()).ToList();
                    corrupted[0][5] ^= 0x80;
                    Assert.False(MerkleTree.VerifyInclusion(m, size, leaf, corrupted, root));
                }

                // Extra hashes and a larger claimed size fail the final check.
                Assert.False(MerkleTree.VerifyInclusion(m, size, leaf, proof.Append(root).ToList(), root));
                Assert.False(MerkleTree.VerifyInclusion(m, size + 50, leaf, proof, root));
            }
        }

        Assert.False(MerkleTree.VerifyInclusion(-1, 4, new byte[32], Array.Empty<byte[]>(), new byte[32]));
        Assert.False(MerkleTree.VerifyInclusion(4, 4, new byte[32], Array.Empty<byte[]>(), new byte[32]));
        Assert.False(MerkleTree.VerifyInclusion(0, 1, new byte[31], Array.Empty<byte[]>(), new byte[31]));
    }

    private static string Envelope(string caseName) =>
        JsonNode.Parse(File.ReadAllBytes(System.IO.Path.Combine(ConformanceTests.Assets, caseName, "bundle.sigstore.json")))!
            ["verificationMaterial"]!["tlogEntries"]![0]!["inclusionProof"]!["checkpoint"]!["envelope"]!.GetValue<string>();

    private static LogKey RekorV2Key()
    {
        TrustedRoot root = TrustedRoot.LoadFile(System.IO.Path.Combine(ConformanceTests.Assets, "rekor2-happy-path", "trusted_root.json"));
        return LogKey.From(root.TransparencyLogs.Single(l => l.KeyDetails == "PKIX_ED25519"));
    }

    [Fact]
    public void Ed25519CheckpointKeyIdIsTheC2spKeyHash()
    {
        Checkpoint cp = Checkpoint.TryParse(Envelope("rekor2-happy-path"), out string? error)!;
        Assert.Null(error);
        Assert.Equal("log2025-alpha1.rekor.sigstage.dev", cp.Origin);
        Assert.Equal(736, cp.TreeSize);
        LogKey key = RekorV2Key();
        Assert.Equal(cp.Signatures[0].KeyId, Checkpoint.KeyId(key, cp.Origin));
        // Not the SPKI-hash key ID of Rekor v1.
        Assert.NotEqual(cp.Signatures[0].KeyId, SHA256.HashData(key.Spki).AsSpan(0, 4).ToArray());
        Assert.True(cp.IsSignedBy(key));
    }

    [Theory]
    [InlineData("rekor2-checkpoint-origin-not-first", true)]
    [InlineData("rekor2-checkpoint-multiple-cosigs", true)]
    [InlineData("rekor2-checkpoint-two-sigs-from-origin", true)]
    [InlineData("rekor2-checkpoint-no-matching-signature_fail", false)]
    public void WitnessLinesAreIgnoredAndTheLogSignatureIsFoundAnywhere(string caseName, bool signed)
    {
        Checkpoint cp = Checkpoint.TryParse(Envelope(caseName), out _)!;
        Assert.Equal(signed, cp.IsSignedBy(RekorV2Key()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("origin\n1\n")]
    [InlineData("origin\n01\nrs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI=\n\n\u2014 o AAAAAAA=\n")]
    [InlineData("origin\n-1\nrs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI=\n\n\u2014 o AAAAAAA=\n")]
    [InlineData("origin\n1\nnot-base64!\n\n\u2014 o AAAAAAA=\n")]
    [InlineData("origin\n1\nAAAA\n\n\u2014 o AAAAAAA=\n")]
    [InlineData("origin\n1\nrs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI=\n\n")]
    [InlineData("origin\n1\nrs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI=\n\n- o AAAAAAA=\n")]
    [InlineData("\n1\nrs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI=\n\n\u2014 o AAAAAAA=\n")]
    public void MalformedCheckpointsAreRejected(string text)
    {
        Assert.Null(Checkpoint.TryParse(text, out string? error));
        Assert.NotNull(error);
    }

    [Fact]
    public void EmbeddedProductionRootIsTheShippedSnapshot()
    {
        TrustedRoot p = TrustedRoot.Production;
        TrustedRoot file = TrustedRoot.LoadFile(ConformanceTests.ProductionRoot);
        Assert.Equal(file.TransparencyLogs.Count, p.TransparencyLogs.Count);
        Assert.Equal(file.CertificateAuthorities.Count, p.CertificateAuthorities.Count);
        Assert.Equal(file.CtLogs.Count, p.CtLogs.Count);
        Assert.Equal(file.TimestampAuthorities.Count, p.TimestampAuthorities.Count);
        Assert.Contains(p.TransparencyLogs, l => l.BaseUrl == "https://rekor.sigstore.dev");
        Assert.Contains(p.TransparencyLogs, l => l.KeyDetails == "PKIX_ED25519");
        Assert.All(p.TransparencyLogs.Concat(p.CtLogs), l => LogKey.From(l));
        Assert.True(p.CertificateAuthorities.Count >= 2);
    }

    [Fact]
    public void TimeRangesAreClosedAndNeedAStart()
    {
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var r = new TimeRange(t0, t0.AddDays(1));
        Assert.True(r.Contains(t0));
        Assert.True(r.Contains(t0.AddDays(1)));
        Assert.False(r.Contains(t0.AddTicks(-1)));
        Assert.False(r.Contains(t0.AddDays(1).AddTicks(1)));
        Assert.True(new TimeRange(t0, null).Contains(t0.AddYears(100)));
        Assert.False(new TimeRange(null, null).Contains(t0));
        Assert.False(new TimeRange(null, t0).Contains(t0.AddDays(-1)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"}")]
    [InlineData("{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\",\"tlogs\":[{\"publicKey\":{}}]}")]
    [InlineData("{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\",\"tlogs\":{}}")]
    [InlineData("{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\",\"certificateAuthorities\":[{\"certChain\":{\"certificates\":[]}}]}")]
    [InlineData("{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\",\"ctlogs\":[{\"publicKey\":{\"rawBytes\":\"AA==\",\"validFor\":{\"start\":\"yesterday\"}},\"logId\":{\"keyId\":\"AA==\"}}]}")]
    public void MalformedTrustedRootsAreTypedFailures(string json)
    {
        SigningException e = Assert.Throws<SigningException>(() => TrustedRoot.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(ErrorCodes.TrustedRootInvalid, e.Code);
    }

    [Fact]
    public void PrecertificateTbsDropsOnlyTheSctExtension()
    {
        JsonNode b = JsonNode.Parse(File.ReadAllBytes(System.IO.Path.Combine(ConformanceTests.Assets, "happy-path-v0.3", "bundle.sigstore.json")))!;
        byte[] der = Convert.FromBase64String(b["verificationMaterial"]!["certificate"]!["rawBytes"]!.GetValue<string>());
        byte[] tbs = SctVerifier.TbsWithoutSctList(der);
        var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        byte[] originalTbs = reader.ReadEncodedValue().ToArray();
        byte[] sctOid = { 0x06, 0x0A, 0x2B, 0x06, 0x01, 0x04, 0x01, 0xD6, 0x79, 0x02, 0x04, 0x02 };
        Assert.True(originalTbs.AsSpan().IndexOf(sctOid) >= 0);
        Assert.True(tbs.AsSpan().IndexOf(sctOid) < 0);
        Assert.True(tbs.Length < originalTbs.Length);
        // Everything before the extensions (version … subjectPublicKeyInfo) is byte-identical.
        var a = new System.Formats.Asn1.AsnReader(originalTbs, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        var c = new System.Formats.Asn1.AsnReader(tbs, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        for (int i = 0; i < 7; i++)
        {
            Assert.True(a.ReadEncodedValue().Span.SequenceEqual(c.ReadEncodedValue().Span));
        }
    }

    private static string B64(byte[] b) => Convert.ToBase64String(b);

    private static byte[] DsseV2Body(byte[] payloadHash, byte[] sig, byte[] certDer) => Encoding.UTF8.GetBytes(
        "{\"apiVersion\":\"0.0.2\",\"kind\":\"dsse\",\"spec\":{\"dsseV002\":{\"payloadHash\":{\"algorithm\":\"SHA2_256\",\"digest\":\"" + B64(payloadHash) +
        "\"},\"signatures\":[{\"content\":\"" + B64(sig) + "\",\"verifier\":{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\",\"x509Certificate\":{\"rawBytes\":\"" + B64(certDer) + "\"}}}]}}}");

    [Fact]
    public void RekorV2DsseBodyIsCrossChecked()
    {
        byte[] payload = Encoding.UTF8.GetBytes("{\"_type\":\"https://in-toto.io/Statement/v1\"}");
        byte[] sig = RandomNumberGenerator.GetBytes(71);
        byte[] cert = RandomNumberGenerator.GetBytes(300);
        var env = new Dsse.DsseEnvelope(payload, "application/vnd.in-toto+json", new[] { new Dsse.DsseSignature(sig, null) });
        var content = new LoggedContent { Envelope = env, Signature = sig, CertificateDer = cert };
        byte[] hash = SHA256.HashData(payload);
        Assert.Null(RekorBody.Check(DsseV2Body(hash, sig, cert), "dsse", "0.0.2", content));
        Assert.Contains("payload hash", RekorBody.Check(DsseV2Body(SHA256.HashData(new byte[1]), sig, cert), "dsse", "0.0.2", content));
        Assert.Contains("signature", RekorBody.Check(DsseV2Body(hash, RandomNumberGenerator.GetBytes(71), cert), "dsse", "0.0.2", content));
        Assert.Contains("verifier", RekorBody.Check(DsseV2Body(hash, sig, RandomNumberGenerator.GetBytes(300)), "dsse", "0.0.2", content));
        // The entry's kindVersion must name the body's type; unknown types are refused; a message signature is not a DSSE entry.
        Assert.Contains("claims", RekorBody.Check(DsseV2Body(hash, sig, cert), "hashedrekord", "0.0.2", content));
        Assert.Contains("unsupported", RekorBody.Check(Encoding.UTF8.GetBytes("{\"apiVersion\":\"0.0.1\",\"kind\":\"rekord\",\"spec\":{}}"), null, null, content));
        var message = new LoggedContent { ArtifactSha256 = hash, Signature = sig, CertificateDer = cert };
        Assert.NotNull(RekorBody.Check(DsseV2Body(hash, sig, cert), "dsse", "0.0.2", message));
        Assert.NotNull(RekorBody.Check(Encoding.UTF8.GetBytes("[1,2]"), null, null, content));
        Assert.NotNull(RekorBody.Check(Encoding.UTF8.GetBytes("{\"apiVersion\":\"0.0.2\",\"kind\":\"dsse\",\"spec\":{\"dsseV002\":7}}"), null, null, content));
    }
}
