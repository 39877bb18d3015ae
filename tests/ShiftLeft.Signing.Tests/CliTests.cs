using System;
using System.IO;
using System.Linq;
using ShiftLeft.Cli;
using Xunit;

namespace ShiftLeft.Signing.Tests;

/// <summary>Runs <c>shiftleft</c> in-process through <see cref="CliApp.Run"/>.</summary>
public class CliTests
{
    internal sealed record CliResult(int ExitCode, string Out, string Err);

    internal static CliResult Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return new CliResult(code, o.ToString(), e.ToString());
    }

    private static void AssertError(CliResult r, int exit, string code)
    {
        Assert.True(exit == r.ExitCode, $"exit {r.ExitCode}, stderr: {r.Err}");
        Assert.Contains($"error {code}: ", r.Err);
    }

    private static (TempDir Tmp, string Key, string Pub, string Model) Setup(string curve = "p256")
    {
        var tmp = new TempDir();
        tmp.Write("model/w.bin", "weights");
        tmp.Write("model/d/c.json", "{}");
        CliResult k = Run("keygen", "--out", tmp.Combine("key.pem"), "--curve", curve);
        Assert.Equal(0, k.ExitCode);
        return (tmp, tmp.Combine("key.pem"), tmp.Combine("key.pub.pem"), tmp.Combine("model"));
    }

    [Fact]
    public void KeygenWritesPrivateKeyOwnerOnlyAndRefusesToOverwrite()
    {
        (TempDir tmp, string key, string pub, _) = Setup("p384");
        using (tmp)
        {
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(key));
            Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(pub));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
            }

            AssertError(Run("keygen", "--out", key), 2, ErrorCodes.InvalidArguments);
            Assert.Equal(0, Run("keygen", "--out", key, "--force").ExitCode);
            AssertError(Run("keygen", "--out", key, "--curve", "p192", "--force"), 2, ErrorCodes.InvalidArguments);
        }
    }

    [Fact]
    public void SignVerifyTamperWrongKey()
    {
        (TempDir tmp, string key, string pub, string model) = Setup();
        using (tmp)
        {
            CliResult s = Run("sign", "--key", key, model);
            Assert.True(s.ExitCode == 0, s.Err);
            Assert.True(File.Exists(Path.Combine(model, "model.sig")));
            Assert.DoesNotContain("PRIVATE", s.Out + s.Err);

            CliResult v = Run("verify", "--key", pub, model);
            Assert.True(v.ExitCode == 0, v.Err);
            Assert.Contains("verified", v.Out);

            Run("keygen", "--out", tmp.Combine("other.pem"));
            AssertError(Run("verify", "--key", tmp.Combine("other.pub.pem"), model), 1, ErrorCodes.WrongKey);

            File.AppendAllText(Path.Combine(model, "w.bin"), "!");
            CliResult t = Run("verify", "--key", pub, model);
            AssertError(t, 1, ErrorCodes.DigestMismatch);
            Assert.Contains("w.bin", t.Err);

            tmp.Write("model/new", "x");
            CliResult extra = Run("verify", "--key", pub, model);
            AssertError(extra, 1, ErrorCodes.ExtraFile);
            // Ignoring the extra file still leaves the changed w.bin.
            AssertError(Run("verify", "--key", pub, "--ignore-paths", "new", model), 1, ErrorCodes.DigestMismatch);
        }
    }

    [Fact]
    public void ShardsAndCustomSignaturePath()
    {
        (TempDir tmp, string key, string pub, string model) = Setup("p384");
        using (tmp)
        {
            string sig = tmp.Combine("out.sig");
            Assert.Equal(0, Run("sign", "--key", key, "--method", "shards", "--shard-size", "3", "--signature", sig, model).ExitCode);
            Assert.False(File.Exists(Path.Combine(model, "model.sig")));
            CliResult v = Run("verify", "--key", pub, "--signature", sig, model);
            Assert.True(v.ExitCode == 0, v.Err);
            Assert.Contains("(4 resources)", v.Out); // w.bin: 3 shards of 7 bytes; d/c.json: 1
        }
    }

    [Fact]
    public void SingleFileDefaultSignatureIsFileDotSig()
    {
        (TempDir tmp, string key, string pub, string model) = Setup();
        using (tmp)
        {
            string file = Path.Combine(model, "w.bin");
            Assert.Equal(0, Run("sign", "--key", key, file).ExitCode);
            Assert.True(File.Exists(file + ".sig"));
            Assert.Equal(0, Run("verify", "--key", pub, file).ExitCode);
        }
    }

    [Fact]
    public void CertificateModeWithModelTransparencyPki()
    {
        using var tmp = new TempDir();
        tmp.Write("model/w", "weights");
        string dir = TestPaths.OmsTest("keys", "certificate");
        string chain = tmp.Write("chain.pem",
            File.ReadAllText(Path.Combine(dir, "signing-key-cert.pem")) + File.ReadAllText(Path.Combine(dir, "int-ca-cert.pem")));
        // signing-key.pem is an "EC PRIVATE KEY" with GnuTLS text before the PEM block.
        CliResult s = Run("sign", "--key", Path.Combine(dir, "signing-key.pem"), "--certificate-chain", chain, tmp.Combine("model"));
        Assert.True(s.ExitCode == 0, s.Err);
        CliResult v = Run("verify", "--certificate-chain", Path.Combine(dir, "ca-cert.pem"), tmp.Combine("model"));
        Assert.True(v.ExitCode == 0, v.Err);
        // A certificate-mode signature checked with the leaf's bare public key is the wrong material.
        AssertError(Run("verify", "--key", Path.Combine(dir, "signing-key-pub.pem"), tmp.Combine("model")), 1, ErrorCodes.UnsupportedVerificationMaterial);
    }

    [Fact]
    public void OmsVectorsVerifyThroughTheCli()
    {
        string key = TestPaths.OmsTest("keys", "certificate", "signing-key-pub.pem");
        string ca = TestPaths.OmsTest("keys", "certificate", "ca-cert.pem");
        Assert.Equal(0, Run("verify", "--key", key, "--ignore-paths", "ignore-me", TestPaths.OmsTest("v1.0.1-elliptic-key")).ExitCode);
        Assert.Equal(0, Run("verify", "--key", key, "--signature", TestPaths.OmsTest("v0.3.1-elliptic-key", "model.sig"), TestPaths.OmsTest("v0.3.1-elliptic-key", "signme-1")).ExitCode);
        Assert.Equal(0, Run("verify", "--certificate-chain", ca, TestPaths.OmsTest("v0.2.0-certificate")).ExitCode);
        AssertError(Run("verify", "--certificate-chain", ca, TestPaths.OmsTest("v1.1.0-sigstore")), 1, ErrorCodes.CertificateUntrusted);
    }

    [Fact]
    public void UsageAndInputErrorsExitTwo()
    {
        (TempDir tmp, string key, string pub, string model) = Setup();
        using (tmp)
        {
            AssertError(Run("verify", model), 2, ErrorCodes.InvalidArguments);
            AssertError(Run("verify", "--key", pub, "--certificate-chain", pub, model), 2, ErrorCodes.InvalidArguments);
            AssertError(Run("sign", model), 2, ErrorCodes.InvalidArguments);
            AssertError(Run("sign", "--key", key, "--bogus", model), 2, ErrorCodes.InvalidArguments);
            AssertError(Run("sign", "--key", key, "--method", "zip", model), 2, ErrorCodes.InvalidArguments);
            AssertError(Run("sign", "--key", key, "--shard-size", "0", "--method", "shards", model), 2, ErrorCodes.InvalidArguments);
            AssertError(Run("frobnicate"), 2, ErrorCodes.InvalidArguments);
            AssertError(Run("sign", "--key", tmp.Combine("missing.pem"), model), 2, ErrorCodes.KeyUnreadable);
            AssertError(Run("sign", "--key", pub, model), 2, ErrorCodes.KeyUnreadable);
            AssertError(Run("sign", "--key", key, tmp.Combine("nomodel")), 2, ErrorCodes.ModelNotFound);
            AssertError(Run("verify", "--key", pub, model), 2, ErrorCodes.SignatureNotFound);
            AssertError(Run("verify", "--key", pub, tmp.Combine("nomodel")), 2, ErrorCodes.ModelNotFound);
            AssertError(Run("verify", "--key", key, model), 2, ErrorCodes.KeyUnreadable);
            AssertError(Run("verify", "--certificate-chain", pub, model), 2, ErrorCodes.CertificateUnreadable);
        }
    }

    [Fact]
    public void EncryptedKeyNeedsItsPasswordVariable()
    {
        using var tmp = new TempDir();
        tmp.Write("model/w", "x");
        string variable = "SL_CLI_TEST_PW_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "correct horse");
        try
        {
            Assert.Equal(0, Run("keygen", "--out", tmp.Combine("enc.pem"), "--password-env", variable).ExitCode);
            Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", File.ReadAllText(tmp.Combine("enc.pem")));
            AssertError(Run("sign", "--key", tmp.Combine("enc.pem"), tmp.Combine("model")), 2, ErrorCodes.KeyPasswordMissing);
            CliResult ok = Run("sign", "--key", tmp.Combine("enc.pem"), "--key-password-env", variable, tmp.Combine("model"));
            Assert.True(ok.ExitCode == 0, ok.Err);
            Environment.SetEnvironmentVariable(variable, "wrong");
            CliResult wrong = Run("sign", "--key", tmp.Combine("enc.pem"), "--key-password-env", variable, tmp.Combine("model"));
            AssertError(wrong, 2, ErrorCodes.KeyUnreadable);
            Assert.DoesNotContain("wrong", wrong.Err.Replace("wrong password", ""));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void MalformedSignatureFilesFailWithTypedCodes()
    {
        (TempDir tmp, string key, string pub, string model) = Setup();
        using (tmp)
        {
            string sig = Path.Combine(model, "model.sig");
            File.WriteAllText(sig, "{ not json");
            AssertError(Run("verify", "--key", pub, model), 1, ErrorCodes.MalformedBundle);
            File.WriteAllText(sig, "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{\"publicKey\":{}},\"dsseEnvelope\":{\"payload\":\"%%%\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[]}}");
            CliResult r = Run("verify", "--key", pub, model);
            AssertError(r, 1, ErrorCodes.MalformedBundle);
            Assert.Contains("dsseEnvelope.payload", r.Err);
        }
    }

    [Fact]
    public void SymlinkInModelFailsWithoutPartialOutput()
    {
        (TempDir tmp, string key, _, string model) = Setup();
        using (tmp)
        {
            File.CreateSymbolicLink(Path.Combine(model, "link"), Path.Combine(model, "w.bin"));
            AssertError(Run("sign", "--key", key, model), 2, ErrorCodes.SymlinkNotAllowed);
            Assert.Empty(Directory.GetFiles(model, "*.sig*"));
            Assert.Empty(Directory.GetFiles(model, "*.tmp"));
            Assert.Equal(0, Run("sign", "--key", key, "--allow-symlinks", model).ExitCode);
        }
    }

    [Fact]
    public void UnwritableOutputIsIoErrorWithoutPartialFile()
    {
        (TempDir tmp, string key, _, string model) = Setup();
        using (tmp)
        {
            string sig = tmp.Combine("no", "such", "dir", "model.sig");
            AssertError(Run("sign", "--key", key, "--signature", sig, model), 2, ErrorCodes.IoError);
            Assert.False(Directory.Exists(tmp.Combine("no")));
            string longName = tmp.Combine(new string('x', 300) + ".sig");
            AssertError(Run("sign", "--key", key, "--signature", longName, model), 2, ErrorCodes.IoError);
            Assert.Empty(Directory.GetFiles(tmp.Path, "*.tmp"));
        }
    }

    [Fact]
    public void VerifyBundleFollowsTheConformanceProtocol()
    {
        string b = TestPaths.Npm("p256-message.sigstore.json");
        string d = TestPaths.Npm("p256-dsse-intoto.sigstore.json");
        string pub = TestPaths.Npm("ec256.pub.pem");
        string model = TestPaths.Npm("model.onnx");
        const string digest = "sha256:f126fc650e876b00dd42595f44c1d7a08a2e0f47e313abfed4594e3a817c5661";
        Assert.Equal(0, Run("verify-bundle", "--bundle", b, "--key", pub, model).ExitCode);
        Assert.Equal(0, Run("verify-bundle", "--bundle", b, "--key", pub, digest).ExitCode);
        Assert.Equal(0, Run("verify-bundle", "--bundle", d, "--key", pub, digest).ExitCode);
        AssertError(Run("verify-bundle", "--bundle", b, "--key", TestPaths.Npm("other.pub.pem"), model), 1, ErrorCodes.WrongKey);
        AssertError(Run("verify-bundle", "--bundle", d, "--key", pub, TestPaths.Npm("model_tampered.onnx")), 1, ErrorCodes.DigestMismatch);
        AssertError(Run("verify-bundle", "--bundle", b, "--key", pub, "sha256:00"), 2, ErrorCodes.ModelNotFound);
        CliResult keyless = Run("verify-bundle", "--bundle", TestPaths.Npm("mock-run2/mock-keyless-message.sigstore.json"),
            "--certificate-identity", "shiftleft-test@example.com", "--certificate-oidc-issuer", "https://fake.oidc.example.com", model);
        Assert.NotEqual(0, keyless.ExitCode);
        Assert.Contains("error " + ErrorCodes.UnsupportedVerificationMaterial, keyless.Err);
    }
}
