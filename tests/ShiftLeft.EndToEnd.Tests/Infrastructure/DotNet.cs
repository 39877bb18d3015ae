using System.Diagnostics;
using System.Text;

namespace ShiftLeft.EndToEnd.Tests.Infrastructure;

public sealed record CommandResult(int ExitCode, string Output)
{
    /// <summary>Distinct ShiftLeft diagnostic lines (MSBuild prints each error twice), project suffix removed.</summary>
    public IReadOnlyList<string> ShiftLeftDiagnostics(string? relativeTo = null) => Output
        .Split('\n')
        .Select(l => l.TrimEnd('\r').Trim())
        .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @": (error|warning|info) SL\d{4}:"))
        .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @" \[[^\]]*\.csproj[^\]]*\]$", string.Empty))
        .Select(l => relativeTo is null ? l : l.Replace(relativeTo.TrimEnd('/') + "/", string.Empty))
        .Distinct()
        .OrderBy(l => l, StringComparer.Ordinal)
        .ToList();
}

/// <summary>Runs the dotnet CLI the way a user would, without the MSBuild state of the test host.</summary>
public static class DotNet
{
    public static CommandResult Run(string workingDirectory, params string[] arguments) => Execute("dotnet", workingDirectory, arguments, null);

    /// <summary>Runs a shell command line (as a CI step would) with extra environment variables.</summary>
    public static CommandResult Shell(string workingDirectory, string commandLine, IReadOnlyDictionary<string, string> environment) =>
        Execute("bash", workingDirectory, new[] { "-c", commandLine }, environment);

    private static CommandResult Execute(string fileName, string workingDirectory, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("_MSBuild", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(fileName + " " + string.Join(' ', arguments) + " did not finish in 10 minutes:\n" + output);
        }

        process.WaitForExit();
        return new CommandResult(process.ExitCode, output.ToString());
    }
}
