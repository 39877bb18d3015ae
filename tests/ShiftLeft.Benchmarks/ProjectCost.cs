using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ShiftLeft.Benchmarks;

/// <summary>
/// `project [lines] [iterations] [warmup] [analyzer]`: ShiftLeft's cost on whole projects of the
/// <see cref="ServiceSolutionGenerator"/>, in one warm process, single-threaded: the state of a compiler server that has
/// built the code before, without the noise of MSBuild nodes and of two compilations sharing two cores. Per round and
/// project, each on a fresh compilation: compile (bind and emit to memory, no analyzers); analysis by a stand-in for the
/// SDK's and ASP.NET Core's analyzers, which make the driver bind every method body and build its operations, alone and
/// with ShiftLeft's analyzers (alternating order). Prints ShiftLeft's time as Roslyn's execution-time log charges it (the
/// figure ReportAnalyzer prints) and the wall time it adds to the stand-in's analysis. The two differ because the flow
/// analyzer binds a callee's body when it needs the callee's facts before the driver reached it; the driver's semantic
/// model keeps that binding, so the driver does not repeat it, but the log charges it to ShiftLeft. Medians over
/// <c>iterations</c> rounds after <c>warmup</c> untimed ones, and the first round (a cold process). The denominator is an
/// in-process compile, several times cheaper than a build's Csc task (which also reads references, runs source
/// generators and the SDK's analyzers, and writes the outputs), so these shares are upper bounds of a build's.
/// </summary>
internal static class ProjectCost
{
    public static int Run(string[] args)
    {
        var lines = args.Length > 0 ? int.Parse(args[0]) : 12_000;
        var iterations = args.Length > 1 ? int.Parse(args[1]) : 9;
        var warmup = args.Length > 2 ? int.Parse(args[2]) : 5;
        var analyzers = AnalysisHarness.ShiftLeftAnalyzers(args.Length > 3 ? args[3] : null);
        var references = AnalysisHarness.References();
        var work = Directory.CreateTempSubdirectory("shiftleft-project-");
        try
        {
            ServiceSolutionGenerator.Run(new[] { lines.ToString(), work.FullName, "0.0.0" });
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var projects = Directory.GetDirectories(work.FullName).OrderBy(d => d, StringComparer.Ordinal)
                .Select(d => Directory.GetFiles(d, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
                    .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, path: f))
                    .Append(CSharpSyntaxTree.ParseText(AnalysisHarness.GlobalUsings, parse, path: "GlobalUsings.g.cs")).ToList())
                .ToList();
            var options = new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable,
                concurrentBuild: false, optimizationLevel: OptimizationLevel.Release);
            CSharpCompilation Fresh(int p) => CSharpCompilation.Create($"Service{p}", projects[p], references, options);
            var errors = Enumerable.Range(0, projects.Count).SelectMany(p => Fresh(p).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)).ToList();
            foreach (var error in errors.Take(5))
                Console.WriteLine(error);
            Console.WriteLine($"{projects.Count} projects, {projects.Sum(p => p.Sum(t => t.GetText().Lines.Count))} lines, {errors.Count} compile errors");

            var rounds = new List<Round>();
            var perAnalyzer = analyzers.ToDictionary(a => a, _ => new List<double>());
            var walker = new OperationWalkingAnalyzer();
            var findings = 0;
            for (var i = 0; i < Math.Max(1, warmup) + iterations; i++)
            {
                var round = new Round();
                var analyzerMs = analyzers.ToDictionary(a => a, _ => 0.0);
                findings = 0;
                for (var p = 0; p < projects.Count; p++)
                {
                    var stopwatch = Stopwatch.StartNew();
                    var emitted = Fresh(p).Emit(new MemoryStream());
                    round.Compile += stopwatch.Elapsed.TotalMilliseconds;
                    if (!emitted.Success)
                        throw new InvalidOperationException($"project {p} does not compile");
                    // The stand-in alone and with ShiftLeft, in alternating order so that drift hits both alike.
                    for (var k = 0; k < 2; k++)
                    {
                        var withShiftLeft = (k == 0) == (i % 2 == 0);
                        var set = withShiftLeft ? analyzers.Add(walker) : ImmutableArray.Create<DiagnosticAnalyzer>(walker);
                        var withAnalyzers = Fresh(p).WithAnalyzers(set, AnalysisHarness.TimedOptions());
                        stopwatch.Restart();
                        var result = withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
                        var wall = stopwatch.Elapsed.TotalMilliseconds;
                        if (!withShiftLeft)
                        {
                            round.Baseline += wall;
                            continue;
                        }

                        round.With += wall;
                        findings += result.GetAllDiagnostics().Count(d => d.Id.StartsWith("SL", StringComparison.Ordinal));
                        foreach (var analyzer in analyzers)
                            analyzerMs[analyzer] += AnalysisHarness.ChargedMs(result, analyzer);
                    }
                }

                round.Charged = analyzerMs.Values.Sum();
                if (i == 0)
                    Console.WriteLine($"first round (cold process): compile {round.Compile:F0} ms, ShiftLeft charged {round.Charged:F0} ms ({100 * round.Charged / round.Compile:F1} %)");
                if (i < Math.Max(1, warmup))
                    continue;
                rounds.Add(round);
                foreach (var (analyzer, ms) in analyzerMs)
                    perAnalyzer[analyzer].Add(ms);
            }

            double M(Func<Round, double> f) => AnalysisHarness.Median(rounds.Select(f));
            string Range(Func<Round, double> f) => $"(min {rounds.Min(f):F0}, max {rounds.Max(f):F0})";
            var compile = M(r => r.Compile);
            Console.WriteLine($"{findings} ShiftLeft findings; medians over {iterations} rounds after {warmup} untimed:");
            Console.WriteLine($"    compile: bind + emit, no analyzers            {compile,8:F0} ms   {Range(r => r.Compile)}");
            Console.WriteLine($"    analysis by a stand-in operation analyzer     {M(r => r.Baseline),8:F0} ms   {Range(r => r.Baseline)}");
            Console.WriteLine($"    the same with ShiftLeft's analyzers           {M(r => r.With),8:F0} ms   {Range(r => r.With)}");
            Console.WriteLine($"    ShiftLeft charged (execution-time log)        {M(r => r.Charged),8:F0} ms   {Range(r => r.Charged)} = {100 * M(r => r.Charged) / compile:F1} % of compile");
            Console.WriteLine($"    ShiftLeft added (with minus stand-in alone)   {M(r => r.With - r.Baseline),8:F0} ms   {Range(r => r.With - r.Baseline)} = {100 * M(r => r.With - r.Baseline) / compile:F1} % of compile");
            foreach (var (analyzer, values) in perAnalyzer.OrderByDescending(p => AnalysisHarness.Median(p.Value)))
                Console.WriteLine($"      {analyzer.GetType().Name,-44} {AnalysisHarness.Median(values),8:F1} ms charged");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private sealed class Round
    {
        public double Compile;
        public double Baseline;
        public double With;
        public double Charged;
    }
}

/// <summary>Stands in for the SDK's own analyzers in a real build: one that asks for operations makes the driver bind every body.</summary>
// Never loaded by a compiler: the benchmark hands it to CompilationWithAnalyzers in-process (no release tracking, no netstandard build).
#pragma warning disable RS1041, RS1036, RS2008
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class OperationWalkingAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("BENCH0001", "never", "never", "bench", DiagnosticSeverity.Hidden, true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(_ => { }, OperationKind.Invocation);
    }
}
#pragma warning restore RS1041, RS1036, RS2008
