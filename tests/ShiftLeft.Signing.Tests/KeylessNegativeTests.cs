using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ShiftLeft.Signing.Keyless;
using ShiftLeft.Signing.TrustRoot;
using ShiftLeft.Signing.Verification;
using Xunit;

namespace ShiftLeft.Signing.Tests;

/// <summary>One negative test per keyless check, each made by altering a valid conformance bundle (or its trusted
/// root) in memory: the verification must fail with that check's code.</summary>
public class KeylessNegativeTests
{
    private const string Identity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    private const string Issuer = "https://token.actions.githubusercontent.com";

    private static string Case(string name, string file) => Path.Combine(ConformanceTests.Assets, name, file);

    private static JsonNode Json(string path) => JsonNode.Parse(File.ReadAllBytes(path))!;

    private static byte[] Bytes(JsonNode n) => Encoding.UTF8.GetBytes(n.ToJsonString());

    private static ArtifactInput Artifact => ArtifactInput.FromFile(Path.Combine(ConformanceTests.Assets, "a.txt"));

    private static VerificationResult Verify(JsonNode bundle, TrustedRoot? root = null, string identity = Identity, string issuer = Issuer) =>
        BundleVerifier.Verify(Bytes(bundle), Artifact, new KeylessTrust(Certificates.CertificateIdentity.Exact(identity, issuer), root ?? TrustedRoot.Production));

    private static TrustedRoot Rekor2Root => TrustedRoot.LoadFile(Case("rekor2-happy-path", "trusted_root.json"));

    private static void AssertCode(string code, VerificationResult r)
    {
        Assert.False(r.Success);
        Assert.True(code == r.Failure!.Code, $"expected {code}, got {r.Failure}");
    }

    private static string Flip(string b64, int index = 10)
    {
        byte[] b = Convert.FromBase64String(b64);
        b[index % b.Length] ^= 0x01;
        return Convert.ToBase64String(b);
    }

    [Fact]
    public void BaselinesVerify()
    {
        Assert.True(Verify(Json(Case("happy-path-v0.3", "bundle.sigstore.json"))).Success);
        Assert.True(Verify(Json(Case("rekor2-happy-path", "bundle.sigstore.json")), Rekor2Root).Success);
    }

    [Fact]
    public void WrongSanFails() =>
        AssertCode(ErrorCodes.CertificateIdentityMismatch, Verify(Json(Case("happy-path-v0.3", "bundle.sigstore.json")), identity: Identity + "x"));

    [Fact]
    public void WrongIssuerFails() =>
        AssertCode(ErrorCodes.CertificateIssuerMismatch, Verify(Json(Case("happy-path-v0.3", "bundle.sigstore.json")), issuer: "https://accounts.google.com"));

    [Fact]
    public void RegexIdentityIsSearchedAndCanBeAnchored()
    {
        JsonNode b = Json(Case("happy-path-v0.3", "bundle.sigstore.json"));
        VerificationResult Run(string pattern) => BundleVerifier.Verify(Bytes(b), Artifact,
            new KeylessTrust(Certificates.CertificateIdentity.Matching(pattern, Issuer), TrustedRoot.Production));
        Assert.True(Run("^https://github\\.com/sigstore-conformance/").Success);
        Assert.True(Run("extremely-dangerous-oidc-beacon\\.yml@refs/heads/main$").Success);
        AssertCode(ErrorCodes.CertificateIdentityMismatch, Run("^https://github\\.com/evil/"));
        Assert.Throws<SigningException>(() => Certificates.CertificateIdentity.Matching("(", Issuer));
    }

    [Fact]
    public void BadSignedEntryTimestampFails()
    {
        JsonNode b = Json(Case("happy-path-v0.3", "bundle.sigstore.json"));
        JsonNode promise = b["verificationMaterial"]!["tlogEntries"]![0]!["inclusionPromise"]!;
        promise["signedEntryTimestamp"] = Flip(promise["signedEntryTimestamp"]!.GetValue<string>(), 20);
        AssertCode(ErrorCodes.InvalidSignedEntryTimestamp, Verify(b));
    }

    [Fact]
    public void AlteredIntegratedTimeBreaksTheSignedEntryTimestamp()
    {
        JsonNode b = Json(Case("happy-path-v0.3", "bundle.sigstore.json"));
        JsonNode e = b["verificationMaterial"]!["tlogEntries"]![0]!;
        e["integratedTime"] = (long.Parse(e["integratedTime"]!.GetValue<string>()) + 60).ToString();
        AssertCode(ErrorCodes.InvalidSignedEntryTimestamp, Verify(b));
    }

    [Fact]
    public void CorruptedProofHashFails()
    {
        JsonNode b = Json(Case("happy-path-v0.3", "bundle.sigstore.json"));
        JsonArray hashes = b["verificationMaterial"]!["tlogEntries"]![0]!["inclusionProof"]!["hashes"]!.AsArray();
        hashes[3] = Flip(hashes[3]!.GetValue<string>(), 7);
        AssertCode(ErrorCodes.InvalidInclusionProof, Verify(b));
    }

    [Fact]
    public void WrongProofIndexOrSizeFails()
    {
        foreach (string field in new[] { "logIndex", "treeSize" })
        {
            JsonNode b = Json(Case("rekor2-happy-path", "bundle.sigstore.json"));
            JsonNode p = b["verificationMaterial"]!["tlogEntries"]![0]!["inclusionProof"]!;
            p[field] = (long.Parse(p[field]!.GetValue<string>()) + (field == "logIndex" ? -1 : 1)).ToString();
            VerificationResult r = Verify(b, Rekor2Root);
            Assert.False(r.Success);
            Assert.Contains(r.Failure!.Code, new[] { ErrorCodes.InvalidInclusionProof, ErrorCodes.InvalidCheckpoint });
        }
    }

    [Fact]
    public void CheckpointForAnotherRootFails()
    {
        // Proof and checkpoint both claim another root: the proof no longer leads there.
        JsonNode b = Json(Case("rekor2-happy-path", "bundle.sigstore.json"));
        JsonNode p = b["verificationMaterial"]!["tlogEntries"]![0]!["inclusionProof"]!;
        string cp = p["checkpoint"]!["envelope"]!.GetValue<string>();
        string root = p["rootHash"]!.GetValue<string>();
        string other = Flip(root, 0);
        p["checkpoint"]!["envelope"] = cp.Replace(root, other, StringComparison.Ordinal);
        AssertCode(ErrorCodes.InvalidCheckpoint, Verify(b, Rekor2Root));

        // A checkpoint of a different tree size than the proof.
        JsonNode b2 = Json(Case("rekor2-happy-path", "bundle.sigstore.json"));
        JsonNode p2 = b2["verificationMaterial"]!["tlogEntries"]![0]!["inclusionProof"]!;
        p2["checkpoint"]!["envelope"] = cp.Replace("\n736\n", "\n737\n", StringComparison.Ordinal);
        AssertCode(ErrorCodes.InvalidCheckpoint, Verify(b2, Rekor2Root));
    }

    [Fact]
    public void AlteredCheckpointSignatureFails()
    {
        JsonNode b = Json(Case("happy-path-v0.3", "bundle.sigstore.json"));
        JsonNode c = b["verificationMaterial"]!["tlogEntries"]![0]!["inclusionProof"]!["checkpoint"]!;
        string env = c["envelope"]!.GetValue<string>();
        int at = env.IndexOf("\u2014 rekor.sigstore.dev ", StringComparison.Ordinal) + "\u2014 rekor.sigstore.dev ".Length;
        string sig = env.Substring(at).TrimEnd('\n');
        c["envelope"] = env.Substring(0, at) + Flip(sig, 30) + "\n";
        AssertCode(ErrorCodes.InvalidCheckpoint, Verify(b));
    }

    [Fact]
    public void MissingTimestampOnRekorV2Fails()
    {
        JsonNode b = Json(Case("rekor2-happy-path", "bundle.sigstore.json"));
        b["verificationMaterial"]!.AsObject().Remove("timestampVerificationData");
        AssertCode(ErrorCodes.MissingTimestamp, Verify(b, Rekor2Root));
    }

    [Fact]
    public void UntrustedTsaFails()
    {
        // The same bundle against a root without its TSA.
        JsonNode root = Json(Case("rekor2-happy-path", "trusted_root.json"));
        root["timestampAuthorities"] = new JsonArray();
        AssertCode(ErrorCodes.UntrustedTimestampAuthority,
            Verify(Json(Case("rekor2-happy-path", "bundle.sigstore.json")), TrustedRoot.Parse(Bytes(root))));
    }

    [Fact]
    public void TsaValidityWindowIsAClosedInterval()
    {
        // trust-root-tsa-validity-end-inclusive sets end == genTime; one tick earlier must fail.
        JsonNode root = Json(Case("trust-root-tsa-validity-end-inclusive", "trusted_root.json"));
        JsonNode b = Json(Case("trust-root-tsa-validity-end-inclusive", "bundle.sigstore.json"));
        Assert.True(Verify(b, TrustedRoot.Parse(Bytes(root))).Success);
        JsonNode tsa = root["timestampAuthorities"]!.AsArray().First(t => t!["validFor"]?["end"] is not null)!;
        DateTimeOffset end = DateTimeOffset.Parse(tsa["validFor"]!["end"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        tsa["validFor"]!["end"] = end.AddMilliseconds(-1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        AssertCode(ErrorCodes.UntrustedTimestampAuthority, Verify(b, TrustedRoot.Parse(Bytes(root))));
    }

    [Fact]
    public void TimestampOverAnotherSignatureFails()
    {
        // The message signature is re-encoded (same value, different DER would break the signature); instead swap in
        // the TSA response of another bundle.
        JsonNode b = Json(Case("rekor2-happy-path", "bundle.sigstore.json"));
        JsonNode other = Json(Case("rekor2-dsse-happy-path", "bundle.sigstore.json"));
        b["verificationMaterial"]!["timestampVerificationData"] = other["verificationMaterial"]!["timestampVerificationData"]!.DeepClone();
        AssertCode(ErrorCodes.InvalidTimestamp, Verify(b, Rekor2Root));
    }

    [Fact]
    public void CertificateAuthorityNotValidAtSigningTimeFails()
    {
        // Expired at signing time: the CA's validity in the trusted root ends before the integrated time.
        JsonNode root = Json(ConformanceTests.ProductionRoot);
        foreach (JsonNode? ca in root["certificateAuthorities"]!.AsArray())
        {
            ca!["validFor"]!["end"] = "2024-01-01T00:00:00Z";
        }

        AssertCode(ErrorCodes.CertificateNotValidAtSigningTime,
            Verify(Json(Case("happy-path-v0.3", "bundle.sigstore.json")), TrustedRoot.Parse(Bytes(root))));
    }

    [Fact]
    public void CertificateFromAnotherCaFails()
    {
        // Production CAs removed, only the rekor2 (staging) CA left: the production leaf does not chain.
        JsonNode root = Json(ConformanceTests.ProductionRoot);
        root["certificateAuthorities"] = Json(Case("rekor2-happy-path", "trusted_root.json"))["certificateAuthorities"]!.DeepClone();
        AssertCode(ErrorCodes.CertificateUntrusted, Verify(Json(Case("happy-path-v0.3", "bundle.sigstore.json")), TrustedRoot.Parse(Bytes(root))));
    }

    [Fact]
    public void BadSctFails()
    {
        // Same CT log ID, another key: the SCT signature no longer verifies.
        JsonNode root = Json(ConformanceTests.ProductionRoot);
        string otherKey = root["tlogs"]![0]!["publicKey"]!["rawBytes"]!.GetValue<string>();
        foreach (JsonNode? ct in root["ctlogs"]!.AsArray())
        {
            ct!["publicKey"]!["rawBytes"] = otherKey;
        }

        VerificationResult r = Verify(Json(Case("happy-path-v0.3", "bundle.sigstore.json")), TrustedRoot.Parse(Bytes(root)));
        AssertCode(ErrorCodes.InvalidSct, r);
        Assert.Contains("does not verify", r.Failure!.Message);

        // No CT logs at all.
        root["ctlogs"] = new JsonArray();
        AssertCode(ErrorCodes.InvalidSct, Verify(Json(Case("happy-path-v0.3", "bundle.sigstore.json")), TrustedRoot.Parse(Bytes(root))));
    }

    [Fact]
    public void TlogKeyWithoutValidityStartIsATrustRootError()
    {
        JsonNode root = Json(ConformanceTests.ProductionRoot);
        root["tlogs"]![0]!["publicKey"]!["validFor"]!.AsObject().Remove("start");
        AssertCode(ErrorCodes.TrustedRootInvalid, Verify(Json(Case("happy-path-v0.3", "bundle.sigstore.json")), TrustedRoot.Parse(Bytes(root))));
    }

    [Fact]
    public void TlogKeyNotValidAtIntegratedTimeFails()
    {
        JsonNode root = Json(ConformanceTests.ProductionRoot);
        root["tlogs"]![0]!["publicKey"]!["validFor"]!["end"] = "2023-01-01T00:00:00Z";
        AssertCode(ErrorCodes.UnknownTransparencyLog, Verify(Json(Case("happy-path-v0.3", "bundle.sigstore.json")), TrustedRoot.Parse(Bytes(root))));
    }

    [Fact]
    public void NoTlogEntryFails()
    {
        JsonNode b = Json(Case("happy-path-v0.3", "bundle.sigstore.json"));
        b["verificationMaterial"]!["tlogEntries"] = new JsonArray();
        AssertCode(ErrorCodes.TransparencyLogEntryMissing, Verify(b));
    }

    [Fact]
    public void V01BundleWithoutPromiseFails()
    {
        JsonNode b = Json(Case("happy-path-v0.1", "bundle.sigstore.json"));
        b["verificationMaterial"]!["tlogEntries"]![0]!.AsObject().Remove("inclusionPromise");
        AssertCode(ErrorCodes.TransparencyLogEntryMissing, Verify(b));
    }

    [Fact]
    public void TamperedLogBodyFails()
    {
        JsonNode b = Json(Case("happy-path-v0.3", "bundle.sigstore.json"));
        JsonNode e = b["verificationMaterial"]!["tlogEntries"]![0]!;
        string body = Encoding.UTF8.GetString(Convert.FromBase64String(e["canonicalizedBody"]!.GetValue<string>()));
        e["canonicalizedBody"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(body.Replace("a0cfc7", "b0cfc7", StringComparison.Ordinal)));
        AssertCode(ErrorCodes.TransparencyLogEntryMismatch, Verify(b));
    }

    [Fact]
    public void MalformedInputAlwaysGivesATypedFailure()
    {
        // Byte flips and truncations of keyless bundles of every flavour: never an exception, always a stable code.
        var rng = new Random(7);
        string[] cases = { "happy-path-v0.1", "happy-path-v0.3", "happy-path-intoto-in-dsse-v3", "rekor2-happy-path", "rekor2-dsse-happy-path", "intoto-with-custom-trust-root" };
        foreach (string c in cases)
        {
            byte[] original = File.ReadAllBytes(Case(c, "bundle.sigstore.json"));
            string rootPath = Case(c, "trusted_root.json");
            TrustedRoot root = File.Exists(rootPath) ? TrustedRoot.LoadFile(rootPath) : TrustedRoot.Production;
            var trust = new KeylessTrust(Certificates.CertificateIdentity.Exact(Identity, Issuer), root);
            for (int i = 0; i < 40; i++)
            {
                byte[] m = (byte[])original.Clone();
                if (i % 4 == 0)
                {
                    m = m.AsSpan(0, rng.Next(m.Length)).ToArray();
                }
                else
                {
                    for (int k = 0; k < 1 + i % 3; k++)
                    {
                        int at = rng.Next(m.Length);
                        m[at] = (byte)(m[at] ^ (1 << rng.Next(8)));
                    }
                }

                VerificationResult r = BundleVerifier.Verify(m, Artifact, trust);
                if (!r.Success)
                {
                    Assert.Contains(r.Failure!.Code, ErrorCodes.All);
                }
            }
        }
    }

    [Fact]
    public void MalformedTimestampAndCheckpointValuesGiveTypedFailures()
    {
        JsonNode b = Json(Case("rekor2-happy-path", "bundle.sigstore.json"));
        b["verificationMaterial"]!["timestampVerificationData"]!["rfc3161Timestamps"]![0]!["signedTimestamp"] = Convert.ToBase64String(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x02 });
        AssertCode(ErrorCodes.InvalidTimestamp, Verify(b, Rekor2Root));
        b["verificationMaterial"]!["timestampVerificationData"]!["rfc3161Timestamps"]![0]!["signedTimestamp"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        AssertCode(ErrorCodes.InvalidTimestamp, Verify(b, Rekor2Root));

        JsonNode c = Json(Case("rekor2-happy-path", "bundle.sigstore.json"));
        c["verificationMaterial"]!["tlogEntries"]![0]!["inclusionProof"]!["checkpoint"]!["envelope"] = "garbage";
        AssertCode(ErrorCodes.InvalidCheckpoint, Verify(c, Rekor2Root));
    }
}
