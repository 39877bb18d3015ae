using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Xunit;

namespace ShiftLeft.Signing.Tests;

/// <summary>sigstore-conformance <c>test_verify</c>: the 70 cases under
/// ../shared/vectors/conformance/test/assets/bundle-verify × {PATH, DIGEST}, with exactly the argument rules of
/// ../shared/interop/run-conformance.py, run in-process through <c>shiftleft verify-bundle</c>. A case whose name
/// ends in <c>_fail</c> must exit non-zero; every other case must exit 0. All 140 runs must conform.</summary>
public class ConformanceTests
{
    private const string Identity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    private const string Issuer = "https://token.actions.githubusercontent.com";

    public static string Assets => TestPaths.Shared("vectors", "conformance", "test", "assets", "bundle-verify");
    public static string ProductionRoot => TestPaths.Shared("vectors", "conformance", "production_trusted_root.json");

    public static IEnumerable<string> Cases() => Directory.GetDirectories(Assets)
        .Select(Path.GetFileName)
        .OrderBy(n => n, StringComparer.Ordinal)
        .Cast<string>();

    public static TheoryData<string, string> Runs()
    {
        var d = new TheoryData<string, string>();
        foreach (string c in Cases())
        {
            d.Add("PATH", c);
            d.Add("DIGEST", c);
        }

        return d;
    }

    /// <summary>The verify-bundle arguments run-conformance.py passes for a case.</summary>
    public static string[] Arguments(string mode, string caseName)
    {
        string dir = Path.Combine(Assets, caseName);
        string artifact = File.Exists(Path.Combine(dir, "artifact")) ? Path.Combine(dir, "artifact") : Path.Combine(Assets, "a.txt");
        string identity = File.Exists(Path.Combine(dir, "identity")) ? File.ReadAllText(Path.Combine(dir, "identity")).Trim() : Identity;
        string issuer = File.Exists(Path.Combine(dir, "issuer")) ? File.ReadAllText(Path.Combine(dir, "issuer")).Trim() : Issuer;
        var args = new List<string> { "verify-bundle", "--bundle", Path.Combine(dir, "bundle.sigstore.json") };
        if (File.Exists(Path.Combine(dir, "key.pub")))
        {
            args.AddRange(new[] { "--key", Path.Combine(dir, "key.pub") });
        }
        else
        {
            args.AddRange(new[] { "--certificate-identity", identity, "--certificate-oidc-issuer", issuer });
        }

        string root = Path.Combine(dir, "trusted_root.json");
        args.AddRange(new[] { "--trusted-root", File.Exists(root) ? root : ProductionRoot });
        args.Add(mode == "DIGEST"
            ? "sha256:" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(artifact))).ToLowerInvariant()
            : artifact);
        return args.ToArray();
    }

    [Fact]
    public void AllSeventyCasesArePresent()
    {
        Assert.Equal(70, Cases().Count());
        Assert.Equal(140, Runs().Count());
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void CaseConforms(string mode, string caseName)
    {
        CliTests.CliResult r = CliTests.Run(Arguments(mode, caseName));
        bool mustFail = caseName.EndsWith("fail", StringComparison.Ordinal);
        if (mustFail)
        {
            Assert.True(r.ExitCode != 0, $"{mode}-{caseName} verified but must fail");
            // Failures are typed, never crashes.
            Assert.Matches("^error SL9[0-9]{3}: ", r.Err);
        }
        else
        {
            Assert.True(r.ExitCode == 0, $"{mode}-{caseName} must verify: {r.Err}");
        }
    }

    /// <summary>Each _fail case fails for its own reason (the stable code of the check it targets).</summary>
    [Theory]
    [InlineData("bundle-from-wrong-instance_fail", ErrorCodes.UnknownTransparencyLog)]
    [InlineData("bundle-negative-log-index_fail", ErrorCodes.MalformedBundle)]
    [InlineData("bundle-with-root-cert_fail", ErrorCodes.CertificateUntrusted)]
    [InlineData("checkpoint-bad-keyhint_fail", ErrorCodes.InvalidCheckpoint)]
    [InlineData("checkpoint-wrong-roothash_fail", ErrorCodes.InvalidCheckpoint)]
    [InlineData("dsse-invalid-sig_fail", ErrorCodes.BadSignature)]
    [InlineData("dsse-mismatch-envelope_fail", ErrorCodes.TransparencyLogEntryMismatch)]
    [InlineData("dsse-mismatch-sig_fail", ErrorCodes.TransparencyLogEntryMismatch)]
    [InlineData("inclusion-proof-corrupted-hash_fail", ErrorCodes.InvalidInclusionProof)]
    [InlineData("incorrect-public-key_fail", ErrorCodes.TransparencyLogEntryMismatch)]
    [InlineData("integrated-time-in-future_fail", ErrorCodes.CertificateNotValidAtSigningTime)]
    [InlineData("intoto-expired-certificate_fail", ErrorCodes.CertificateNotValidAtSigningTime)]
    [InlineData("intoto-log-entry-mismatch_fail", ErrorCodes.TransparencyLogEntryMismatch)]
    [InlineData("intoto-missing-inclusion-proof_fail", ErrorCodes.TransparencyLogEntryMissing)]
    [InlineData("intoto-set-outside-signing-cert-validity_fail", ErrorCodes.CertificateNotValidAtSigningTime)]
    [InlineData("intoto-tsa-timestamp-outside-cert-validity_fail", ErrorCodes.CertificateNotValidAtSigningTime)]
    [InlineData("invalid-checkpoint-signature_fail", ErrorCodes.InvalidCheckpoint)]
    [InlineData("invalid-ct-key_fail", ErrorCodes.InvalidSct)]
    [InlineData("invalid-inclusion-proof_fail", ErrorCodes.InvalidInclusionProof)]
    [InlineData("managed-key-no-key_fail", ErrorCodes.UnsupportedVerificationMaterial)]
    [InlineData("rekor2-checkpoint-missing-log-signature_fail", ErrorCodes.InvalidCheckpoint)]
    [InlineData("rekor2-checkpoint-missing-origin_fail", ErrorCodes.InvalidCheckpoint)]
    [InlineData("rekor2-checkpoint-missing-root-hash_fail", ErrorCodes.InvalidCheckpoint)]
    [InlineData("rekor2-checkpoint-missing-size_fail", ErrorCodes.InvalidCheckpoint)]
    [InlineData("rekor2-checkpoint-no-matching-signature_fail", ErrorCodes.InvalidCheckpoint)]
    [InlineData("rekor2-dsse-invalid-sig_fail", ErrorCodes.BadSignature)]
    [InlineData("rekor2-dsse-mismatch-envelope_fail", ErrorCodes.TransparencyLogEntryMismatch)]
    [InlineData("rekor2-dsse-mismatch-sig_fail", ErrorCodes.TransparencyLogEntryMismatch)]
    [InlineData("rekor2-no-inclusion-proof_fail", ErrorCodes.TransparencyLogEntryMissing)]
    [InlineData("rekor2-no-timestamp_fail", ErrorCodes.MissingTimestamp)]
    [InlineData("rekor2-timestamp-outside-trust-root-tsa-validity_fail", ErrorCodes.UntrustedTimestampAuthority)]
    [InlineData("rekor2-timestamp-outside-tsa-cert-validity_fail", ErrorCodes.UntrustedTimestampAuthority)]
    [InlineData("rekor2-timestamp-payload-mismatch_fail", ErrorCodes.InvalidTimestamp)]
    [InlineData("rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail", ErrorCodes.UntrustedTimestampAuthority)]
    [InlineData("rekor2-timestamp-untrusted-tsa-without-embedded-cert_fail", ErrorCodes.UntrustedTimestampAuthority)]
    [InlineData("rekor2-timestamp-with-incorrect-time_fail", ErrorCodes.CertificateNotValidAtSigningTime)]
    [InlineData("set-invalid-signature_fail", ErrorCodes.InvalidSignedEntryTimestamp)]
    [InlineData("signature-mismatch_fail", ErrorCodes.BadSignature)]
    [InlineData("trust-root-tlog-missing-validity-start_fail", ErrorCodes.TrustedRootInvalid)]
    [InlineData("wrong-hashedrekord-artifact_fail", ErrorCodes.TransparencyLogEntryMismatch)]
    [InlineData("wrong-hashedrekord-cert-and-sig_fail", ErrorCodes.TransparencyLogEntryMismatch)]
    [InlineData("wrong-hashedrekord-entry_fail", ErrorCodes.TransparencyLogEntryMismatch)]
    public void FailingCaseFailsForItsReason(string caseName, string code)
    {
        CliTests.CliResult r = CliTests.Run(Arguments("PATH", caseName));
        Assert.NotEqual(0, r.ExitCode);
        Assert.True(r.Err.StartsWith($"error {code}: ", StringComparison.Ordinal), $"{caseName}: expected {code}, got {r.Err}");
    }

    /// <summary>The real driver, ../shared/interop/run-conformance.py, against the built CLI (a process per run, about a
    /// minute on this machine). Opt-in: set SHIFTLEFT_CONFORMANCE_SCRIPT=1.</summary>
    [Fact]
    public void RunConformanceScriptAgainstTheBuiltCli()
    {
        if (Environment.GetEnvironmentVariable("SHIFTLEFT_CONFORMANCE_SCRIPT") != "1")
        {
            return;
        }

        string cli = Path.Combine(AppContext.BaseDirectory, "shiftleft.dll");
        string csv = Path.Combine(Path.GetTempPath(), "sl-conformance-" + Guid.NewGuid().ToString("N") + ".csv");
        var psi = new System.Diagnostics.ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(TestPaths.Shared("interop", "run-conformance.py"));
        psi.ArgumentList.Add("--entrypoint");
        psi.ArgumentList.Add($"dotnet {cli}");
        psi.ArgumentList.Add("--out");
        psi.ArgumentList.Add(csv);
        using System.Diagnostics.Process p = System.Diagnostics.Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        File.Delete(csv);
        Assert.Contains("140/140 conform", stdout);
    }
}
