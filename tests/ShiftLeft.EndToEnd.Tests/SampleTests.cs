using System.Text.RegularExpressions;
using ShiftLeft.EndToEnd.Tests.Infrastructure;

namespace ShiftLeft.EndToEnd.Tests;

/// <summary>The samples build against the packed package: the safe ones with no ShiftLeft finding, the
/// vulnerable twins with exactly the findings their "// expect: SLxxxx" markers name.</summary>
[Collection(EndToEndCollection.Name)]
public class SampleTests(PackageFixture package)
{
    [Theory]
    [InlineData("ModelGateway")]
    [InlineData("ImageClassifier")]
    [InlineData("ChurnPrediction")]
    [InlineData("KnowledgeAssistant")]
    [InlineData("FraudScoring")]
    public void SafeSample_BuildsClean(string sample)
    {
        var dir = package.RestoredSample(sample);
        var result = package.Build(dir);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Empty(result.ShiftLeftDiagnostics());
        Assert.DoesNotContain("AD0001", result.Output);
    }

    [Theory]
    [InlineData("ModelGateway.Vulnerable")]
    [InlineData("ImageClassifier.Vulnerable")]
    [InlineData("ChurnPrediction.Vulnerable")]
    [InlineData("KnowledgeAssistant.Vulnerable")]
    [InlineData("FraudScoring.Vulnerable")]
    public void VulnerableTwin_FailsWithExactlyTheMarkedFindings(string sample)
    {
        var dir = package.RestoredSample(sample);
        var expected = ExpectMarkers.Read(dir).Select(m => $"{m.File}:{m.Line}:{m.Id}").ToList();
        Assert.NotEmpty(expected);
        var result = package.Build(dir);
        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("AD0001", result.Output);
        var actual = result.ShiftLeftDiagnostics()
            .Select(l => Regex.Match(l, @"^(?<file>.+?)\((?<line>\d+),\d+\): (error|warning|info) (?<id>SL\d{4}):"))
            .Select(m => $"{Path.GetRelativePath(dir, m.Groups["file"].Value)}:{m.Groups["line"].Value}:{m.Groups["id"].Value}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected.OrderBy(s => s, StringComparer.Ordinal), actual);
    }
}
