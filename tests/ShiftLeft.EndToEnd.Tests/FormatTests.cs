using ShiftLeft.EndToEnd.Tests.Infrastructure;

namespace ShiftLeft.EndToEnd.Tests;

/// <summary>The code fixes ship in the package and run outside the IDE: `dotnet format analyzers --diagnostics`
/// applies them to a sample.</summary>
[Collection(EndToEndCollection.Name)]
public class FormatTests(PackageFixture package)
{
    [Fact]
    public void DotnetFormatAnalyzers_AppliesTheSL1002Fix_AndTheFindingIsGone()
    {
        var dir = package.CopySample("ModelGateway.Vulnerable", "format-ModelGateway.Vulnerable");
        Assert.Equal(0, package.Restore(dir).ExitCode);
        var program = Path.Combine(dir, "Program.cs");
        Assert.Contains("TypeNameHandling = TypeNameHandling.Auto", File.ReadAllText(program));

        var format = DotNet.Run(dir, "format", "analyzers", "--diagnostics", "SL1002", "--severity", "info", "--no-restore",
            "-v:n", Directory.GetFiles(dir, "*.csproj").Single());
        Assert.True(format.ExitCode == 0, format.Output);

        var text = File.ReadAllText(program);
        Assert.Contains("new() { TypeNameHandling = TypeNameHandling.None }", text);
        Assert.DoesNotContain("TypeNameHandling.Auto", text);
        var build = package.Build(dir);
        Assert.DoesNotContain(build.ShiftLeftDiagnostics(), l => l.Contains(" SL1002:", StringComparison.Ordinal));
        Assert.Contains(build.ShiftLeftDiagnostics(), l => l.Contains(" SL1001:", StringComparison.Ordinal));
    }
}
