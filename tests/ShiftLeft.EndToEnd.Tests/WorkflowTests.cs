using System.Text.Json;
using System.Text.RegularExpressions;
using ShiftLeft.EndToEnd.Tests.Infrastructure;

namespace ShiftLeft.EndToEnd.Tests;

/// <summary>
/// samples/github-actions/shiftleft.yml, run the way a runner would: its <c>run:</c> steps execute in order in bash,
/// with <c>APP</c> pointing at a sample and <c>${{ github.workspace }}</c> at the checkout, against the packed package.
/// The steps GitHub provides (checkout, setup-dotnet, upload-sarif, upload-artifact) are checked against what the run
/// steps produce: the SARIF file the upload step names exists (also when the build fails) and holds the findings,
/// and the artifact folder is the verified publish output.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class WorkflowTests(PackageFixture package)
{
    private sealed record Step(string? Name, string? Uses, string? Run, string? If, IReadOnlyDictionary<string, string> With);

    [Fact]
    public void Workflow_OnASignedModelService_BuildsUploadsCleanSarif_AndPublishesTheVerifiedModel()
    {
        var (steps, workspace, results) = RunWorkflow("ImageClassifier");
        Assert.All(results, r => Assert.True(r.Result.ExitCode == 0, r.Step.Name + ":\n" + r.Result.Output));
        Assert.Equal(new[] { "Restore", "Build with ShiftLeft (SARIF for code scanning)", "Publish (verifies model signatures)" }, results.Select(r => r.Step.Name));

        var sarif = ReadSarif(steps, workspace);
        Assert.Empty(SarifFindings(sarif));

        var publish = results.Single(r => r.Step.Run!.Contains("dotnet publish", StringComparison.Ordinal)).Result;
        Assert.Contains("ShiftLeft: verified published model", publish.Output);
        var artifact = steps.Single(s => s.Uses?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true);
        var published = Path.Combine(workspace, artifact.With["path"], "models", "classifier.onnx");
        Assert.True(File.Exists(published), "the uploaded artifact folder holds the published model");
        Assert.True(File.Exists(published + ".sig"), "and its signature");
    }

    [Fact]
    public void Workflow_OnTheVulnerableTwin_FailsTheBuild_AndStillUploadsItsFindings()
    {
        var (steps, workspace, results) = RunWorkflow("ImageClassifier.Vulnerable", stopAtFirstFailure: true);
        var build = results.Last();
        Assert.Equal("Build with ShiftLeft (SARIF for code scanning)", build.Step.Name);
        Assert.NotEqual(0, build.Result.ExitCode);
        Assert.Contains("error SL", build.Result.Output);

        // The upload step runs after a failed build (if: always()), so the findings reach code scanning.
        var upload = steps.Single(s => s.Uses?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);
        Assert.Equal("always()", upload.If);
        var findings = SarifFindings(ReadSarif(steps, workspace));
        var app = Path.Combine(workspace, "ImageClassifier.Vulnerable");
        var marked = ExpectMarkers.Read(app).Select(m => $"{Path.GetFileName(m.File)}:{m.Line}:{m.Id}").ToList();
        Assert.NotEmpty(marked);
        Assert.All(marked, m => Assert.Contains(m, findings));
        Assert.All(findings, f => Assert.Matches(@":error$|:SL\d{4}$", f));
    }

    /// <summary>Copies the sample into a fresh workspace and runs the workflow's run steps in order.</summary>
    private (List<Step> Steps, string Workspace, List<(Step Step, CommandResult Result)> Results) RunWorkflow(string sample, bool stopAtFirstFailure = false)
    {
        var steps = ParseSteps(File.ReadAllText(Path.Combine(package.RepoRoot, "samples", "github-actions", "shiftleft.yml")));
        Assert.Contains(steps, s => s.Uses?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true);
        Assert.Contains(steps, s => s.Uses?.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal) == true && s.With.GetValueOrDefault("dotnet-version", "").StartsWith("10.", StringComparison.Ordinal));

        // A checkout of its own: the sample (as the repository's root folder holds it), the shared props and the feed.
        var copy = package.CopySample(sample, "workflow-" + sample);
        var workspace = Path.Combine(package.WorkDirectory, "workflow-" + sample);
        if (Directory.Exists(workspace))
            Directory.Delete(workspace, recursive: true);
        Directory.CreateDirectory(workspace);
        foreach (var shared in new[] { "Directory.Build.props", "nuget.config" })
            File.Copy(Path.Combine(Path.GetDirectoryName(copy)!, shared), Path.Combine(workspace, shared));
        Directory.Move(copy, Path.Combine(workspace, sample));
        var environment = new Dictionary<string, string>
        {
            ["APP"] = Path.Combine(sample, sample + ".csproj"),
            ["ShiftLeftVersion"] = package.Version, // what a consumer pins in its project file
        };
        var results = new List<(Step, CommandResult)>();
        foreach (var step in steps.Where(s => s.Run is not null))
        {
            var command = step.Run!.Replace("${{ github.workspace }}", workspace, StringComparison.Ordinal);
            var result = DotNet.Shell(workspace, command, environment);
            results.Add((step, result));
            if (stopAtFirstFailure && result.ExitCode != 0)
                break;
        }

        return (steps, workspace, results);
    }

    private static JsonDocument ReadSarif(List<Step> steps, string workspace)
    {
        var upload = steps.Single(s => s.Uses?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);
        var path = Path.Combine(workspace, upload.With["sarif_file"]);
        Assert.True(File.Exists(path), "the file the upload step names was written by the build step: " + path);
        var sarif = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        return sarif;
    }

    /// <summary>ShiftLeft results as file:line:id (and file:line:level entries for their levels).</summary>
    private static List<string> SarifFindings(JsonDocument sarif)
    {
        var findings = new List<string>();
        foreach (var run in sarif.RootElement.GetProperty("runs").EnumerateArray())
        {
            foreach (var result in run.GetProperty("results").EnumerateArray())
            {
                var id = result.GetProperty("ruleId").GetString()!;
                if (!id.StartsWith("SL", StringComparison.Ordinal))
                    continue;
                var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
                var file = Path.GetFileName(new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath);
                var line = location.GetProperty("region").GetProperty("startLine").GetInt32();
                findings.Add($"{file}:{line}:{id}");
                findings.Add($"{file}:{line}:{result.GetProperty("level").GetString()}");
            }
        }

        return findings;
    }

    /// <summary>The steps of the workflow's one job: enough YAML for this file (block lists, maps, folded scalars).</summary>
    private static List<Step> ParseSteps(string yaml)
    {
        var lines = yaml.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var steps = new List<Step>();
        var start = Array.FindIndex(lines, l => l.Trim() == "steps:");
        Assert.True(start >= 0, "the workflow has steps");
        Dictionary<string, string>? current = null;
        Dictionary<string, string>? with = null;
        var itemIndent = -1;

        void Flush()
        {
            if (current is not null)
                steps.Add(new Step(current.GetValueOrDefault("name"), current.GetValueOrDefault("uses"), current.GetValueOrDefault("run"), current.GetValueOrDefault("if"), with ?? new Dictionary<string, string>()));
        }

        for (var i = start + 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                continue;
            var indent = line.Length - trimmed.Length;
            if (itemIndent >= 0 && indent < itemIndent)
                break;
            if (trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                Flush();
                itemIndent = indent;
                current = new Dictionary<string, string>();
                with = null;
                trimmed = trimmed[2..];
                indent += 2;
            }

            var pair = Regex.Match(trimmed, @"^([\w-]+):\s*(.*)$");
            if (current is null || !pair.Success)
                continue;
            var (key, value) = (pair.Groups[1].Value, pair.Groups[2].Value.Trim());
            if (with is not null && indent > itemIndent + 2)
            {
                with[key] = Unquote(value);
                continue;
            }

            if (key == "with")
            {
                with = new Dictionary<string, string>();
                continue;
            }

            if (value is ">" or "|")
            {
                var parts = new List<string>();
                while (i + 1 < lines.Length && (lines[i + 1].Trim().Length == 0 || lines[i + 1].Length - lines[i + 1].TrimStart().Length > indent))
                    parts.Add(lines[++i].Trim());
                value = string.Join(value == ">" ? " " : "\n", parts.Where(p => p.Length > 0));
            }

            current[key] = Unquote(value);
        }

        Flush();
        return steps;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : Regex.Replace(value, @"\s+#.*$", string.Empty);
}
