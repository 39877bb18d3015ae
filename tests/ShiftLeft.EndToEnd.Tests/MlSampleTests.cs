using System.Security.Cryptography;
using ShiftLeft.EndToEnd.Tests.Infrastructure;

namespace ShiftLeft.EndToEnd.Tests;

/// <summary>
/// The ML samples' models: ImageClassifier's committed ONNX model is real (ONNX Runtime loads and runs it, and
/// ModelBuilder still writes the same bytes) and its committed signature verifies at publish; ChurnPrediction
/// signs its model at build with a key generated under obj/ and verifies it at publish with the matching public key.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class MlSampleTests(PackageFixture package)
{
    private (string Dir, CommandResult Result) Publish(string sample)
    {
        var dir = package.RestoredSample(sample);
        var output = Path.Combine(dir, "out");
        if (Directory.Exists(output))
            Directory.Delete(output, recursive: true);
        return (dir, DotNet.Run(dir, "publish", "--no-restore", "-nologo", "-o", "out", "-p:ShiftLeftVersion=" + package.Version));
    }

    [Fact]
    public void ImageClassifier_PublishVerifiesTheCommittedSignature()
    {
        var (dir, result) = Publish("ImageClassifier");
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Empty(result.ShiftLeftDiagnostics());
        var published = Path.Combine(dir, "out", "models", "classifier.onnx");
        Assert.Contains("ShiftLeft: verified published model " + published, result.Output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "models", "classifier.onnx")), File.ReadAllBytes(published));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "models", "classifier.onnx.sig")), File.ReadAllBytes(published + ".sig"));
        Assert.False(Directory.EnumerateFiles(Path.Combine(package.RepoRoot, "samples", "ImageClassifier"), "*.pem", SearchOption.AllDirectories)
            .Any(f => !f.Contains("/bin/") && !f.Contains("/obj/") && File.ReadAllText(f).Contains("PRIVATE KEY")), "no private key may be committed");
    }

    [Fact]
    public void ImageClassifier_CommittedModel_RunsInOnnxRuntime_AndMatchesModelBuilder()
    {
        var dir = package.RestoredSample("ImageClassifier");
        var builder = Path.Combine(dir, "ModelBuilder");
        var restore = DotNet.Run(builder, "restore", "-nologo", "-p:ShiftLeftVersion=" + package.Version);
        Assert.True(restore.ExitCode == 0, restore.Output);
        var check = DotNet.Run(builder, "run", "--no-restore", "-p:ShiftLeftVersion=" + package.Version, "--", "check", Path.Combine(dir, "models", "classifier.onnx"));
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("ok   dark: label 0", check.Output);
        Assert.Contains("ok   bright: label 1", check.Output);
        Assert.Contains("ok   checkered: label 2", check.Output);
        Assert.Contains("inputs image[1,1,8,8]", check.Output);
    }

    [Fact]
    public void ChurnPrediction_SignsAtBuildWithAnEphemeralKey_AndPublishVerifies()
    {
        var (dir, result) = Publish("ChurnPrediction");
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Empty(result.ShiftLeftDiagnostics());
        var published = Path.Combine(dir, "out", "models", "churn.zip");
        Assert.Contains("ShiftLeft: verified published model " + published, result.Output);
        Assert.True(File.Exists(published + ".sig"));
        Assert.True(File.Exists(Path.Combine(dir, "obj", "keys", "model-signing.pem")));
        Assert.True(File.Exists(Path.Combine(dir, "obj", "keys", "model-signing.pub.pem")));
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(dir, "out"), "*", SearchOption.AllDirectories),
            f => File.ReadAllText(f).Contains("PRIVATE KEY", StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(package.RepoRoot, "samples", "ChurnPrediction"), "*.pem", SearchOption.AllDirectories),
            f => !f.Contains("/obj/") && !f.Contains("/bin/"));
    }

    [Fact]
    public void ChurnPrediction_PinnedDigest_IsTheCommittedModel()
    {
        var sample = Path.Combine(package.RepoRoot, "samples", "ChurnPrediction");
        var digest = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(sample, "models", "churn.zip"))));
        Assert.Contains("Convert.FromHexString(\"" + digest + "\")", File.ReadAllText(Path.Combine(sample, "ChurnModel.cs")));
    }
}
