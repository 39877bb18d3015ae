using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.Rules.Secrets;

namespace ShiftLeft.Benchmarks;

/// <summary>
/// `perf [lines] [iterations]`: analyzer cost on a generated literal-heavy C# file. Reports, per
/// secrets analyzer, the median of Roslyn's own per-analyzer execution time
/// (<c>logAnalyzerExecutionTime</c>) and the wall time of a full analysis, next to the time to
/// compile the same file without analyzers.
/// </summary>
internal static class Perf
{
    public static int Run(string[] args)
    {
        var lines = args.Length > 0 ? int.Parse(args[0]) : 20_000;
        var iterations = args.Length > 1 ? int.Parse(args[1]) : 7;
        var source = LiteralHeavySource.Create(lines);
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "Literals.cs");
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
        var compilation = CSharpCompilation.Create("Bench", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Console.WriteLine($"file: {tree.GetText().Lines.Count} lines, {source.Length / 1024} KiB, {tree.GetRoot().DescendantTokens().Count(t => t.IsKind(SyntaxKind.StringLiteralToken))} string literals");

        var baseline = Median(iterations, () =>
        {
            var c = compilation.Clone();
            var sw = Stopwatch.StartNew();
            _ = c.GetDiagnostics();
            return sw.Elapsed.TotalMilliseconds;
        });
        Console.WriteLine($"compile without analyzers (GetDiagnostics): {baseline,8:F1} ms");

        DiagnosticAnalyzer[] analyzers =
        {
            new SL3001KnownFormatCredentialAnalyzer(), new SL3002ConstantPassedAsCredentialAnalyzer(),
            new SL3003HighEntropySecretNameAnalyzer(), new SL3004SecretInConfigurationFileAnalyzer(),
        };
        var perAnalyzer = analyzers.ToDictionary(a => a.GetType().Name, _ => new List<double>());
        var wall = new List<double>();
        var diagnostics = 0;
        for (var i = 0; i < iterations; i++)
        {
            var c = compilation.Clone();
            var withAnalyzers = c.WithAnalyzers(analyzers.ToImmutableArray(), AnalysisHarness.TimedOptions());
            var sw = Stopwatch.StartNew();
            diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Length;
            wall.Add(sw.Elapsed.TotalMilliseconds);
            foreach (var analyzer in analyzers)
            {
                var telemetry = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult();
                perAnalyzer[analyzer.GetType().Name].Add(telemetry.ExecutionTime.TotalMilliseconds);
            }
        }

        foreach (var (name, times) in perAnalyzer)
            Console.WriteLine($"{name,-45} {AnalysisHarness.Median(times),8:F1} ms (median of {iterations}; min {times.Min():F1})");
        Console.WriteLine($"{"all four, wall time incl. binding",-45} {AnalysisHarness.Median(wall),8:F1} ms; {diagnostics} diagnostics");
        return 0;
    }

    private static double Median(int n, Func<double> run) => AnalysisHarness.Median(Enumerable.Range(0, n).Select(_ => run()).ToList());
}
