using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ShiftLeft.Signing;
using ShiftLeft.Signing.Keys;
using Xunit;

namespace ShiftLeft.Tasks.Tests;

public sealed class TaskTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sl-tasks-" + Guid.NewGuid().ToString("N").Substring(0, 10));
    private readonly string _key;
    private readonly string _pub;

    public TaskTests()
    {
        Directory.CreateDirectory(_dir);
        GeneratedKeyPair pair = KeyGenerator.Generate(EcCurve.P256);
        _key = Write("keys/key.pem", pair.PrivateKeyPem);
        _pub = Write("keys/key.pub.pem", pair.PublicKeyPem);
        Write("model/weights.bin", "weights");
        Write("model/config.json", "{}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
        }
    }

    private string P(string rel) => Path.Combine(_dir, rel);

    private string Write(string rel, string content)
    {
        string full = P(rel);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    private (SignModels Task, FakeBuildEngine Engine) Sign(params ITaskItem[] models)
    {
        var engine = new FakeBuildEngine();
        var task = new SignModels { BuildEngine = engine, Models = models, KeyFile = _key };
        return (task, engine);
    }

    private (VerifyModels Task, FakeBuildEngine Engine) Verify(params ITaskItem[] models)
    {
        var engine = new FakeBuildEngine();
        var task = new VerifyModels { BuildEngine = engine, Models = models, PublicKeyFile = _pub };
        return (task, engine);
    }

    [Fact]
    public void SignThenVerifySucceeds()
    {
        (SignModels sign, FakeBuildEngine se) = Sign(new TaskItem(P("model")));
        Assert.True(sign.Execute(), string.Join("\n", se.Errors.Select(e => e.Message)));
        ITaskItem sig = Assert.Single(sign.SignatureFiles);
        Assert.Equal(P("model/model.sig"), sig.ItemSpec);
        Assert.Equal("true", sig.GetMetadata("Updated"));
        Assert.True(File.Exists(sig.ItemSpec));

        (VerifyModels verify, FakeBuildEngine ve) = Verify(new TaskItem(P("model")));
        Assert.True(verify.Execute(), string.Join("\n", ve.Errors.Select(e => e.Message)));
        Assert.Single(verify.VerifiedModels);
        Assert.Empty(ve.Errors);
    }

    [Fact]
    public void UnchangedModelAndKeyDoNotRewriteTheSignature()
    {
        Assert.True(Sign(new TaskItem(P("model"))).Task.Execute());
        string sig = P("model/model.sig");
        byte[] before = File.ReadAllBytes(sig);
        DateTime stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(sig, stamp);

        (SignModels again, _) = Sign(new TaskItem(P("model")));
        Assert.True(again.Execute());
        Assert.Equal("false", Assert.Single(again.SignatureFiles).GetMetadata("Updated"));
        Assert.Equal(before, File.ReadAllBytes(sig));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(sig));

        // A change to the model rewrites it.
        File.AppendAllText(P("model/weights.bin"), "!");
        (SignModels third, _) = Sign(new TaskItem(P("model")));
        Assert.True(third.Execute());
        Assert.Equal("true", Assert.Single(third.SignatureFiles).GetMetadata("Updated"));
        Assert.NotEqual(before, File.ReadAllBytes(sig));
    }

    [Fact]
    public void DifferentKeyRewritesTheSignature()
    {
        Assert.True(Sign(new TaskItem(P("model"))).Task.Execute());
        string other = Write("keys/other.pem", KeyGenerator.Generate(EcCurve.P256).PrivateKeyPem);
        var engine = new FakeBuildEngine();
        var task = new SignModels { BuildEngine = engine, Models = new ITaskItem[] { new TaskItem(P("model")) }, KeyFile = other };
        Assert.True(task.Execute());
        Assert.Equal("true", Assert.Single(task.SignatureFiles).GetMetadata("Updated"));
    }

    [Fact]
    public void MissingKeyIsAClearErrorNotACrash()
    {
        var engine = new FakeBuildEngine();
        var task = new SignModels { BuildEngine = engine, Models = new ITaskItem[] { new TaskItem(P("model")) }, KeyFile = P("keys/none.pem") };
        Assert.False(task.Execute());
        BuildErrorEventArgs e = Assert.Single(engine.Errors);
        Assert.Equal(ErrorCodes.KeyUnreadable, e.Code);
        Assert.Equal(ErrorCodes.KeyUnreadable, e.HelpKeyword);
        Assert.Equal(P("keys/none.pem"), e.File);
        Assert.Contains("does not exist", e.Message);
        Assert.False(File.Exists(P("model/model.sig")));
    }

    [Fact]
    public void UnreadableKeyIsKeyUnreadable()
    {
        string bad = Write("keys/bad.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        var engine = new FakeBuildEngine();
        var task = new SignModels { BuildEngine = engine, Models = new ITaskItem[] { new TaskItem(P("model")) }, KeyFile = bad };
        Assert.False(task.Execute());
        Assert.Equal(ErrorCodes.KeyUnreadable, Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void EncryptedKeyWithoutPasswordVariableIsKeyPasswordMissing()
    {
        string enc = Write("keys/enc.pem", KeyGenerator.Generate(EcCurve.P384, "s3cret").PrivateKeyPem);
        var engine = new FakeBuildEngine();
        var task = new SignModels
        {
            BuildEngine = engine,
            Models = new ITaskItem[] { new TaskItem(P("model")) },
            KeyFile = enc,
            KeyPasswordEnvironmentVariable = "SL_TASK_TEST_PASSWORD_NOT_SET_" + Guid.NewGuid().ToString("N"),
        };
        Assert.False(task.Execute());
        BuildErrorEventArgs e = Assert.Single(engine.Errors);
        Assert.Equal(ErrorCodes.KeyPasswordMissing, e.Code);
        Assert.DoesNotContain("s3cret", e.Message);
    }

    [Fact]
    public void EncryptedKeyWithPasswordVariableSigns()
    {
        string enc = Write("keys/enc.pem", KeyGenerator.Generate(EcCurve.P384, "s3cret").PrivateKeyPem);
        string variable = "SL_TASK_TEST_PW_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "s3cret");
        try
        {
            var engine = new FakeBuildEngine();
            var task = new SignModels
            {
                BuildEngine = engine,
                Models = new ITaskItem[] { new TaskItem(P("model")) },
                KeyFile = enc,
                KeyPasswordEnvironmentVariable = variable,
            };
            Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void TamperedModelLogsDigestMismatchNamingTheFile()
    {
        Assert.True(Sign(new TaskItem(P("model"))).Task.Execute());
        File.WriteAllText(P("model/weights.bin"), "evil");
        (VerifyModels verify, FakeBuildEngine engine) = Verify(new TaskItem(P("model")));
        Assert.False(verify.Execute());
        BuildErrorEventArgs e = Assert.Single(engine.Errors);
        Assert.Equal(ErrorCodes.DigestMismatch, e.Code);
        Assert.Equal(ErrorCodes.DigestMismatch, e.HelpKeyword);
        Assert.Equal(P("model/weights.bin"), e.File);
        Assert.Empty(verify.VerifiedModels);
    }

    [Fact]
    public void ExtraAndMissingFilesAreLogged()
    {
        Assert.True(Sign(new TaskItem(P("model"))).Task.Execute());
        File.Delete(P("model/config.json"));
        Write("model/new.bin", "x");
        (VerifyModels verify, FakeBuildEngine engine) = Verify(new TaskItem(P("model")));
        Assert.False(verify.Execute());
        Assert.Equal(new[] { ErrorCodes.ExtraFile, ErrorCodes.MissingFile }, engine.Errors.Select(e => e.Code).ToArray());
        Assert.Equal(P("model/new.bin"), engine.Errors[0].File);
    }

    [Fact]
    public void MissingSignatureIsSignatureNotFound()
    {
        (VerifyModels verify, FakeBuildEngine engine) = Verify(new TaskItem(P("model")));
        Assert.False(verify.Execute());
        BuildErrorEventArgs e = Assert.Single(engine.Errors);
        Assert.Equal(ErrorCodes.SignatureNotFound, e.Code);
        Assert.Equal(P("model/model.sig"), e.File);
    }

    [Fact]
    public void WrongPublicKeyIsWrongKey()
    {
        Assert.True(Sign(new TaskItem(P("model"))).Task.Execute());
        string other = Write("keys/other.pub.pem", KeyGenerator.Generate(EcCurve.P256).PublicKeyPem);
        var engine = new FakeBuildEngine();
        var task = new VerifyModels { BuildEngine = engine, Models = new ITaskItem[] { new TaskItem(P("model")) }, PublicKeyFile = other };
        Assert.False(task.Execute());
        Assert.Equal(ErrorCodes.WrongKey, Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void SignaturePathAndIgnorePathsMetadataAreHonoured()
    {
        Write("model/cache/tmp", "volatile");
        var item = new TaskItem(P("model"));
        item.SetMetadata("SignaturePath", P("out/model.sig.json"));
        item.SetMetadata("IgnorePaths", "cache");
        Directory.CreateDirectory(P("out"));
        (SignModels sign, FakeBuildEngine se) = Sign(item);
        Assert.True(sign.Execute(), string.Join("\n", se.Errors.Select(e => e.Message)));
        Assert.Equal(P("out/model.sig.json"), Assert.Single(sign.SignatureFiles).ItemSpec);

        File.WriteAllText(P("model/cache/tmp"), "changed");
        (VerifyModels verify, FakeBuildEngine ve) = Verify(item);
        Assert.True(verify.Execute(), string.Join("\n", ve.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void SymlinkInModelIsLogged()
    {
        File.CreateSymbolicLink(P("model/link"), P("model/weights.bin"));
        (SignModels sign, FakeBuildEngine engine) = Sign(new TaskItem(P("model")));
        Assert.False(sign.Execute());
        BuildErrorEventArgs e = Assert.Single(engine.Errors);
        Assert.Equal(ErrorCodes.SymlinkNotAllowed, e.Code);
        Assert.Equal(P("model/link"), e.File);
        Assert.False(File.Exists(P("model/model.sig")));
    }

    [Fact]
    public void InvalidParametersAreInvalidArguments()
    {
        var engine = new FakeBuildEngine();
        var verify = new VerifyModels { BuildEngine = engine, Models = new ITaskItem[] { new TaskItem(P("model")) } };
        Assert.False(verify.Execute());
        Assert.Equal(ErrorCodes.InvalidArguments, Assert.Single(engine.Errors).Code);

        (SignModels sign, FakeBuildEngine se) = Sign(new TaskItem(P("model")));
        sign.Method = "zip";
        Assert.False(sign.Execute());
        Assert.Equal(ErrorCodes.InvalidArguments, Assert.Single(se.Errors).Code);
    }

    [Fact]
    public void MissingModelIsModelNotFoundAndOtherModelsStillSign()
    {
        Write("second/w", "x");
        (SignModels sign, FakeBuildEngine engine) = Sign(new TaskItem(P("absent")), new TaskItem(P("second")));
        Assert.False(sign.Execute());
        BuildErrorEventArgs e = Assert.Single(engine.Errors);
        Assert.Equal(ErrorCodes.ModelNotFound, e.Code);
        Assert.Equal(P("absent"), e.File);
        Assert.True(File.Exists(P("second/model.sig")));
    }

    [Fact]
    public void CertificateModeSignsAndVerifiesAgainstTrustedRoot()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootReq = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test-root", rootKey, HashAlgorithmName.SHA256);
        rootReq.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension(true, false, 0, true));
        rootReq.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509KeyUsageExtension(
            System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.KeyCertSign, true));
        using var root = rootReq.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        using ECDsa leafKey = KeyLoader.LoadPrivateKey(_key);
        var leafReq = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=signer", leafKey, HashAlgorithmName.SHA256);
        leafReq.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509KeyUsageExtension(
            System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.DigitalSignature, true));
        using var leaf = leafReq.Create(root, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), new byte[] { 1, 2, 3 });
        string chain = Write("keys/chain.pem", leaf.ExportCertificatePem() + "\n");
        string trusted = Write("keys/root.pem", root.ExportCertificatePem() + "\n");

        var engine = new FakeBuildEngine();
        var sign = new SignModels { BuildEngine = engine, Models = new ITaskItem[] { new TaskItem(P("model")) }, KeyFile = _key, CertificateChain = chain };
        Assert.True(sign.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

        var ve = new FakeBuildEngine();
        var verify = new VerifyModels { BuildEngine = ve, Models = new ITaskItem[] { new TaskItem(P("model")) }, TrustedCertificates = new[] { trusted } };
        Assert.True(verify.Execute(), string.Join("\n", ve.Errors.Select(e => e.Message)));

        // Verifying the certificate-mode signature with a key is the wrong material.
        (VerifyModels byKey, FakeBuildEngine ke) = Verify(new TaskItem(P("model")));
        Assert.False(byKey.Execute());
        Assert.Equal(ErrorCodes.UnsupportedVerificationMaterial, Assert.Single(ke.Errors).Code);
    }
}
