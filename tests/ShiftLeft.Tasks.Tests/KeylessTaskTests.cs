using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Utilities;
using ShiftLeft.Signing;
using ShiftLeft.Tasks;
using Xunit;

namespace ShiftLeft.Tasks.Tests;

/// <summary>VerifyModels in keyless mode on a real model_signing 1.1.0 keyless signature (Fulcio certificate,
/// Rekor entry, RFC 3161 timestamp) from the model-transparency vectors, against the embedded production root.</summary>
public sealed class KeylessTaskTests
{
    private const string Identity = "stefanb@us.ibm.com";
    private const string Issuer = "https://sigstore.verify.ibm.com/oauth2";

    private static string Model()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShiftLeft.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "vectors", "model-transparency", "scripts", "tests", "v1.1.0-sigstore"));
        }

        throw new InvalidOperationException("repository root not found");
    }

    private static (bool Ok, FakeBuildEngine Engine) Verify(Action<VerifyModels> configure)
    {
        var engine = new FakeBuildEngine();
        var task = new VerifyModels { BuildEngine = engine, Models = new[] { new TaskItem(Model()) } };
        configure(task);
        return (task.Execute(), engine);
    }

    [Fact]
    public void RightIdentity_Verifies()
    {
        var (ok, engine) = Verify(t => { t.CertificateIdentity = Identity; t.CertificateOidcIssuer = Issuer; });
        Assert.True(ok, string.Join("\n", engine.Errors.Select(e => e.Code + " " + e.Message)));
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void IdentityRegex_Verifies()
    {
        var (ok, engine) = Verify(t => { t.CertificateIdentityRegex = @"^[a-z]+@us\.ibm\.com$"; t.CertificateOidcIssuer = Issuer; });
        Assert.True(ok, string.Join("\n", engine.Errors.Select(e => e.Code + " " + e.Message)));
    }

    [Fact]
    public void WrongIdentityOrIssuer_FailWithTheirCodes()
    {
        var (ok, engine) = Verify(t => { t.CertificateIdentity = "mallory@example.com"; t.CertificateOidcIssuer = Issuer; });
        Assert.False(ok);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(ErrorCodes.CertificateIdentityMismatch, error.Code);
        Assert.Contains("ShiftLeftCertificateIdentity", error.Message);

        (ok, engine) = Verify(t => { t.CertificateIdentity = Identity; t.CertificateOidcIssuer = "https://token.actions.githubusercontent.com"; });
        Assert.False(ok);
        Assert.Equal(ErrorCodes.CertificateIssuerMismatch, Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void KeylessTogetherWithAKey_IsAConfigurationError()
    {
        var (ok, engine) = Verify(t => { t.CertificateIdentity = Identity; t.CertificateOidcIssuer = Issuer; t.PublicKeyFile = "key.pub.pem"; });
        Assert.False(ok);
        Assert.Equal(ErrorCodes.InvalidArguments, Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void MissingTrustedRootFile_IsReported()
    {
        var (ok, engine) = Verify(t => { t.CertificateIdentity = Identity; t.CertificateOidcIssuer = Issuer; t.TrustedRoot = "/nonexistent/trusted_root.json"; });
        Assert.False(ok);
        Assert.Equal(ErrorCodes.TrustedRootInvalid, Assert.Single(engine.Errors).Code);
    }
}
