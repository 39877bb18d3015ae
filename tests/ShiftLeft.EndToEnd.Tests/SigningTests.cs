using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ShiftLeft.EndToEnd.Tests.Infrastructure;

namespace ShiftLeft.EndToEnd.Tests;

/// <summary>
/// Model signing at build and verification at publish through the packed package: a producer project
/// signs with a private key; a consumer project ships the producer's committed signature and must refuse
/// to publish a modified model, a signature by another key, or a model without a signature.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class SigningTests(PackageFixture package)
{
    private static readonly byte[] ModelBytes = RandomNumberGenerator.GetBytes(64 * 1024);
    private static readonly object Gate = new();
    private static string? _producerOutput;

    private static (string Private, string Public) NewKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    private static readonly (string Private, string Public) Producer = NewKeyPair();
    private static readonly (string Private, string Public) Other = NewKeyPair();

    private string ProducerProject() => package.RestoredProject("ModelProducer",
        ("ModelProducer.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <ShiftLeftSigningKeyFile>keys/producer.pem</ShiftLeftSigningKeyFile>
                <ShiftLeftVerificationKeyFile>keys/producer.pub.pem</ShiftLeftVerificationKeyFile>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ShiftLeft" Version="$(ShiftLeftTestVersion)" PrivateAssets="all" />
                <ShiftLeftModel Include="models/classifier.onnx" />
                <ShiftLeftModel Include="models/tokenizer/" />
              </ItemGroup>
            </Project>
            """),
        ("Program.cs", "System.Console.WriteLine(\"producer\");"),
        ("keys/producer.pem", Producer.Private),
        ("keys/producer.pub.pem", Producer.Public),
        ("models/tokenizer/vocab.txt", "hello\nworld\n"),
        ("models/tokenizer/config.json", """{ "lowercase": true }"""));

    /// <summary>Publishes the producer once and returns its publish folder.</summary>
    private string ProducerOutput()
    {
        lock (Gate)
        {
            if (_producerOutput is not null)
                return _producerOutput;
            var dir = ProducerProject();
            File.WriteAllBytes(Path.Combine(dir, "models", "classifier.onnx"), ModelBytes);
            var result = DotNet.Run(dir, "publish", "--no-restore", "-nologo", "-o", "out", "-p:ShiftLeftVersion=" + package.Version);
            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains("ShiftLeft: verified published model " + Path.Combine(dir, "out", "models", "classifier.onnx"), result.Output);
            Assert.Contains("ShiftLeft: verified published model " + Path.Combine(dir, "out", "models", "tokenizer"), result.Output);
            _producerOutput = Path.Combine(dir, "out");
            return _producerOutput;
        }
    }

    [Fact]
    public void SignedAtBuild_PublishedWithSignatures_AndTheSecondBuildSignsNothing()
    {
        var output = ProducerOutput();
        Assert.Equal(ModelBytes, File.ReadAllBytes(Path.Combine(output, "models", "classifier.onnx")));
        Assert.True(File.Exists(Path.Combine(output, "models", "classifier.onnx.sig")));
        Assert.True(File.Exists(Path.Combine(output, "models", "tokenizer", "model.sig")));
        var bundle = File.ReadAllText(Path.Combine(output, "models", "classifier.onnx.sig"));
        Assert.Contains("\"mediaType\": \"application/vnd.dev.sigstore.bundle.v0.3+json\"", bundle.Replace("\":\"", "\": \""));

        var dir = ProducerProject();
        var buildSignature = Directory.GetFiles(Path.Combine(dir, "bin"), "classifier.onnx.sig", SearchOption.AllDirectories).Single();
        var before = (File.ReadAllBytes(buildSignature), File.GetLastWriteTimeUtc(buildSignature));
        var again = DotNet.Run(dir, "build", "--no-restore", "-nologo", "-c", "Release", "-v:n", "-p:ShiftLeftVersion=" + package.Version);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("Skipping target \"_ShiftLeftSignModels\" because all output files are up-to-date", again.Output);
        Assert.Equal(before.Item1, File.ReadAllBytes(buildSignature));
        Assert.Equal(before.Item2, File.GetLastWriteTimeUtc(buildSignature));
    }

    private string ConsumerProject() => package.RestoredProject("ModelConsumer",
        ("ModelConsumer.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <ShiftLeftVerificationKeyFile>keys/producer.pub.pem</ShiftLeftVerificationKeyFile>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ShiftLeft" Version="$(ShiftLeftTestVersion)" PrivateAssets="all" />
                <ShiftLeftModel Include="models/classifier.onnx" />
              </ItemGroup>
            </Project>
            """),
        ("Program.cs", "System.Console.WriteLine(\"consumer\");"),
        ("keys/producer.pub.pem", Producer.Public),
        ("keys/other.pub.pem", Other.Public));

    /// <summary>Lays out the consumer's model and the producer's committed signature, then publishes.</summary>
    private (string Dir, CommandResult Result) PublishConsumer(byte[] model, bool withSignature, params string[] extra)
    {
        var signature = File.ReadAllBytes(Path.Combine(ProducerOutput(), "models", "classifier.onnx.sig"));
        var dir = ConsumerProject();
        Directory.CreateDirectory(Path.Combine(dir, "models"));
        File.WriteAllBytes(Path.Combine(dir, "models", "classifier.onnx"), model);
        var committed = Path.Combine(dir, "models", "classifier.onnx.sig");
        if (withSignature)
            File.WriteAllBytes(committed, signature);
        else
            File.Delete(committed);
        var publishDir = Path.Combine(dir, "out");
        if (Directory.Exists(publishDir))
            Directory.Delete(publishDir, recursive: true);
        var args = new[] { "publish", "--no-restore", "-nologo", "-o", "out", "-p:ShiftLeftVersion=" + package.Version }.Concat(extra).ToArray();
        return (dir, DotNet.Run(dir, args));
    }

    private static string[] Errors(CommandResult result, string code) => result.Output.Split('\n')
        .Select(l => Regex.Replace(l.Trim(), @" \[[^\]]*\.csproj[^\]]*\]$", string.Empty))
        .Where(l => l.Contains(": error " + code + ":", StringComparison.Ordinal))
        .Distinct().ToArray();

    [Fact]
    public void CommittedSignature_Publishes()
    {
        var (dir, result) = PublishConsumer(ModelBytes, withSignature: true);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(ModelBytes, File.ReadAllBytes(Path.Combine(dir, "out", "models", "classifier.onnx")));
        Assert.True(File.Exists(Path.Combine(dir, "out", "models", "classifier.onnx.sig")));
    }

    [Fact]
    public void ModifiedModel_FailsThePublish_WithSL9017_AndIsNotLeftInThePublishFolder()
    {
        var tampered = (byte[])ModelBytes.Clone();
        tampered[100] ^= 0xFF;
        var (dir, result) = PublishConsumer(tampered, withSignature: true);
        Assert.NotEqual(0, result.ExitCode);
        var published = Path.Combine(dir, "out", "models", "classifier.onnx");
        var error = Assert.Single(Errors(result, "SL9017"));
        Assert.StartsWith(published + " : error SL9017: model '" + published + "' failed verification: ", error);
        Assert.Contains("restore the signed model", error);
        Assert.False(File.Exists(published), "a model that failed verification must not stay in the publish folder");
    }

    [Fact]
    public void SignatureByAnotherKey_FailsThePublish()
    {
        var (_, result) = PublishConsumer(ModelBytes, withSignature: true, "-p:ShiftLeftVerificationKeyFile=keys/other.pub.pem");
        Assert.NotEqual(0, result.ExitCode);
        Assert.True(Errors(result, "SL9012").Length + Errors(result, "SL9013").Length == 1, result.Output);
    }

    [Fact]
    public void MissingSignature_FailsThePublish_WithSL9007()
    {
        var (dir, result) = PublishConsumer(ModelBytes, withSignature: false);
        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(Errors(result, "SL9007"));
        Assert.Contains(Path.Combine(dir, "out", "models", "classifier.onnx"), error);
        Assert.False(File.Exists(Path.Combine(dir, "out", "models", "classifier.onnx")));
    }

    [Fact]
    public void UnknownModelPath_IsReportedWithSL9091()
    {
        var dir = ConsumerProject();
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), """
            <Project><ItemGroup><ShiftLeftModel Include="models/missing.onnx" /></ItemGroup></Project>
            """);
        try
        {
            var build = DotNet.Run(dir, "build", "--no-restore", "-nologo", "-p:ShiftLeftVersion=" + package.Version);
            Assert.NotEqual(0, build.ExitCode);
            var error = Assert.Single(Errors(build, "SL9091"));
            Assert.Contains("ShiftLeftModel 'models/missing.onnx' does not exist", error);
        }
        finally
        {
            File.Delete(Path.Combine(dir, "Directory.Build.targets"));
        }
    }

    [Fact]
    public void KeylessSignature_PublishVerifies_WithTheRightIdentityOnly()
    {
        var vector = Path.GetFullPath(Path.Combine(package.RepoRoot, "..", "shared", "vectors", "model-transparency", "scripts", "tests", "v1.1.0-sigstore"));
        var files = Directory.GetFiles(vector, "*", SearchOption.AllDirectories)
            .Select(f => ("models/granite/" + Path.GetRelativePath(vector, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();
        files.Add(("KeylessConsumer.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <ShiftLeftCertificateIdentity>stefanb@us.ibm.com</ShiftLeftCertificateIdentity>
                <ShiftLeftCertificateOidcIssuer>https://sigstore.verify.ibm.com/oauth2</ShiftLeftCertificateOidcIssuer>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ShiftLeft" Version="$(ShiftLeftTestVersion)" PrivateAssets="all" />
                <ShiftLeftModel Include="models/granite/" />
              </ItemGroup>
            </Project>
            """));
        files.Add(("Program.cs", "System.Console.WriteLine(\"keyless\");"));
        var dir = package.RestoredProject("KeylessConsumer", files.ToArray());

        var ok = DotNet.Run(dir, "publish", "--no-restore", "-nologo", "-o", "out", "-p:ShiftLeftVersion=" + package.Version);
        Assert.True(ok.ExitCode == 0, ok.Output);
        Assert.Contains("ShiftLeft: verified published model " + Path.Combine(dir, "out", "models", "granite"), ok.Output);
        Assert.True(File.Exists(Path.Combine(dir, "out", "models", "granite", "model.sig")));

        var wrong = DotNet.Run(dir, "publish", "--no-restore", "-nologo", "-o", "out-wrong", "-p:ShiftLeftVersion=" + package.Version,
            "-p:ShiftLeftCertificateIdentity=mallory@example.com");
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Single(Errors(wrong, "SL9025"));
        Assert.False(Directory.Exists(Path.Combine(dir, "out-wrong", "models", "granite")), "a rejected model must not stay in the publish folder");
    }
}
