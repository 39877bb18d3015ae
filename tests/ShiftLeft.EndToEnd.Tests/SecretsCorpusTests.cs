using System.Diagnostics;
using ShiftLeft.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ShiftLeft.EndToEnd.Tests;

/// <summary>
/// Issue 4's measured bar: the labelled secrets development corpus (../shared/corpus/secrets), materialised
/// with a fresh random seed, built with the packed ShiftLeft — the config files reach the analyzers through
/// the package's own props — and scored by the corpus's score.py: precision ≥ 0.97 and recall ≥ 0.95.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class SecretsCorpusTests(PackageFixture package, ITestOutputHelper output)
{
    [Fact]
    public void DevelopmentCorpus_RandomSeed_MeetsPrecisionAndRecall()
    {
        var corpus = Path.GetFullPath(Path.Combine(package.RepoRoot, "..", "shared", "corpus", "secrets"));
        Assert.True(File.Exists(Path.Combine(corpus, "gen.py")), "the shared secrets corpus is missing at " + corpus);
        var seed = Random.Shared.Next(1, 1_000_000);
        var dir = Path.Combine(package.WorkDirectory, "secrets-corpus");
        Run("python3", package.WorkDirectory, Path.Combine(corpus, "gen.py"), "--out", dir, "--seed", seed.ToString());
        File.Copy(package.NuGetConfig, Path.Combine(dir, "nuget.config"), overwrite: true);
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), $"""
            <Project>
              <ItemGroup>
                <PackageReference Include="ShiftLeft" Version="{package.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        var sarif = Path.Combine(dir, "out.sarif");
        var restore = DotNet.Run(dir, "restore", "-nologo");
        Assert.True(restore.ExitCode == 0, restore.Output);
        var build = DotNet.Run(dir, "build", "--no-restore", "-nologo", "-p:ErrorLog=" + sarif + "%2Cversion=2.1");
        Assert.DoesNotContain("AD0001", build.Output);
        Assert.True(File.Exists(sarif), build.Output);

        var score = Run("python3", dir, Path.Combine(corpus, "score.py"), "--labels", Path.Combine(dir, "labels.csv"), "--root", dir, sarif,
            "--min-precision", "0.97", "--min-recall", "0.95", "--verbose");
        output.WriteLine($"seed {seed}\n{score.Output}");
        Assert.True(score.ExitCode == 0, $"seed {seed}: below precision 0.97 / recall 0.95\n{score.Output}");
    }

    private static CommandResult Run(string file, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CommandResult(process.ExitCode, stdout.Result + stderr.Result);
    }
}
