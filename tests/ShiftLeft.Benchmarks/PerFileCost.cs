using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ShiftLeft.Benchmarks;

/// <summary>
/// `file [lines] [iterations] [case] [analyzer] [warmup]`: what each ShiftLeft analyzer costs on one ~2,000-line file, the way the IDE runs it
/// (semantic diagnostics for one document of a warm compilation, <c>GetAnalysisResultAsync(SemanticModel, …)</c>).
/// Three files, each in a project of its own kind:
/// <list type="bullet">
/// <item>ML service code: modules of the <see cref="ServiceSolutionGenerator"/> (entities, repository, domain service,
/// controller with ML.NET, ONNX Runtime and LLM actions, model serving) in one file, in a project with the rest of its 12 modules;</item>
/// <item>endpoint-dense code: one controller of the <see cref="EndpointProjectGenerator"/> with ~260 actions that all
/// reach a model or an LLM (the flow engine's worst case);</item>
/// <item>literal-dense code: <see cref="LiteralHeavySource"/> (the secrets rules' worst case).</item>
/// </list>
/// Prints, per file and analyzer, the min, median and max of Roslyn's own execution time over the iterations
/// (the analyzers run single-threaded). The IDE analyses in a long-lived process, so the timed iterations follow
/// <c>warmup</c> untimed ones (default 40): the runtime first runs new code unoptimised and recompiles the hot methods
/// in the background (tiered compilation), which on this 2-core machine takes 20–30 analyses of a file to settle; timing
/// from the second analysis on measured mostly that (a median of 63 ms instead of 16 ms on the endpoint-dense file).
/// The first analysis is printed too: the cost in a fresh process, JIT included (only the first case measured is cold).
/// The target is &lt;= 20 ms, judged on the median; the min is the cost with the least interference from other load on the machine. Also prints the memory one
/// analysis allocates (the driver's binding and operation trees included). <c>case</c> and <c>analyzer</c> are name
/// fragments that pick one file and one analyzer, to profile them alone.
/// </summary>
internal static class PerFileCost
{
    public static int Run(string[] args)
    {
        var lines = args.Length > 0 ? int.Parse(args[0]) : 2000;
        var iterations = args.Length > 1 ? int.Parse(args[1]) : 9;
        var warmup = args.Length > 4 ? int.Parse(args[4]) : 40;
        var analyzers = AnalysisHarness.ShiftLeftAnalyzers(args.Length > 3 ? args[3] : null);
        var references = AnalysisHarness.References();

        var work = Directory.CreateTempSubdirectory("shiftleft-perfile-");
        try
        {
            var cases = new List<(string Name, string File, List<string> Context)>
            {
                ServiceCase(work.FullName, lines),
                EndpointCase(work.FullName, lines),
                ("literal-dense (secrets worst case)", LiteralHeavySource.Create(lines), new List<string>()),
            };
            var only = args.Length > 2 ? args[2] : null; // a case-name fragment, to profile one case
            var worst = 0.0;
            foreach (var (name, file, context) in cases.Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
                worst = Math.Max(worst, Measure(name, file, context, references, analyzers, iterations, warmup));
            Console.WriteLine($"slowest analyzer on any file: {worst:F1} ms (median over {iterations} runs after {warmup} untimed; target <= 20 ms)");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static double Measure(string name, string fileText, List<string> context, List<MetadataReference> references,
        ImmutableArray<DiagnosticAnalyzer> analyzers, int iterations, int warmup)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var file = CSharpSyntaxTree.ParseText(fileText, parse, path: "Measured.cs");
        var trees = context.Select((t, i) => CSharpSyntaxTree.ParseText(t, parse, path: $"Context{i}.cs")).Prepend(file).Append(CSharpSyntaxTree.ParseText(AnalysisHarness.GlobalUsings, parse, path: "GlobalUsings.g.cs")).ToList();
        var compilation = CSharpCompilation.Create("PerFile", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
        var fileLines = file.GetText().Lines.Count;
        var times = analyzers.ToDictionary(a => a, _ => new List<double>());
        var findings = 0;
        var allocated = new List<double>();
        var first = new Dictionary<DiagnosticAnalyzer, double>();
        for (var i = 0; i < Math.Max(1, warmup) + iterations; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            // A fresh analysis over a warm compilation each time, like an edit in the IDE (the first `warmup` ones untimed).
            var withAnalyzers = compilation.WithAnalyzers(analyzers, AnalysisHarness.TimedOptions());
            var model = compilation.GetSemanticModel(file);
            // The IDE asks for syntax and semantic diagnostics of the document separately; an analyzer's cost is the sum.
            var syntax = withAnalyzers.GetAnalysisResultAsync(file, analyzers, CancellationToken.None).GetAwaiter().GetResult();
            var semantic = withAnalyzers.GetAnalysisResultAsync(model, null, CancellationToken.None).GetAwaiter().GetResult();
            findings = syntax.GetAllDiagnostics().Concat(semantic.GetAllDiagnostics()).Count(d => d.Id.StartsWith("SL", StringComparison.Ordinal));
            var timed = i >= Math.Max(1, warmup);
            if (timed)
                allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - before) / 1048576.0);
            foreach (var analyzer in analyzers)
            {
                var ms = AnalysisHarness.ChargedMs(syntax, analyzer) + AnalysisHarness.ChargedMs(semantic, analyzer);
                if (i == 0)
                    first[analyzer] = ms;
                if (timed)
                    times[analyzer].Add(ms);
            }
        }

        Console.WriteLine($"{name}: {fileLines} lines in a project of {trees.Sum(t => t.GetText().Lines.Count)} lines ({errors} compile errors), {findings} ShiftLeft findings in the file; " +
            $"{AnalysisHarness.Median(allocated):F1} MB allocated per analysis (median; binding and operation trees included)");
        var worst = 0.0;
        foreach (var (analyzer, values) in times.OrderByDescending(p => AnalysisHarness.Median(p.Value)))
        {
            var median = AnalysisHarness.Median(values);
            worst = Math.Max(worst, median);
            Console.WriteLine($"    {analyzer.GetType().Name,-45} min {values.Min(),6:F1} ms   median {median,6:F1} ms   max {values.Max(),6:F1} ms   (first analysis {first[analyzer],6:F1} ms)");
        }

        return worst;
    }

    /// <summary>Modules of the service solution: enough of them merged into one file to reach the line count, the rest of a
    /// 20-module project as context.</summary>
    private static (string, string, List<string>) ServiceCase(string work, int lines)
    {
        var dir = Path.Combine(work, "service");
        ServiceSolutionGenerator.Run(new[] { "9000", dir, "0.0.0" });
        var moduleDirs = Directory.GetDirectories(Path.Combine(dir, "Service0")).OrderBy(d => d, StringComparer.Ordinal).ToList();
        var usings = new SortedSet<string>(StringComparer.Ordinal);
        var body = new StringBuilder();
        var context = new List<string>();
        var merged = 0;
        foreach (var moduleDir in moduleDirs)
        {
            var files = Directory.GetFiles(moduleDir, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToList();
            if (merged < lines)
            {
                foreach (var text in files)
                    merged += AppendWithBlockNamespace(text, usings, body);
            }
            else
            {
                context.AddRange(files);
            }
        }

        return ("ML service modules", string.Join("\n", usings) + "\n\n" + body, context);
    }

    /// <summary>One controller whose every action reaches a model or an LLM, alongside the generator's models and services.</summary>
    private static (string, string, List<string>) EndpointCase(string work, int lines)
    {
        var dir = Path.Combine(work, "endpoints");
        var actions = lines * 10 / 44; // the generator writes ~4.4 lines per action
        EndpointProjectGenerator.Run(new[] { actions.ToString(), dir, "0.0.0", "single-controller" });
        var controller = Directory.GetFiles(Path.Combine(dir, "Controllers"), "*.cs").Single();
        var context = Directory.GetFiles(Path.Combine(dir, "Services"), "*.cs").Select(File.ReadAllText).ToList();
        return ("endpoint-dense controller (flow engine worst case)", File.ReadAllText(controller), context);
    }

    private static int AppendWithBlockNamespace(string text, SortedSet<string> usings, StringBuilder body)
    {
        var count = 0;
        var inNamespace = false;
        foreach (var line in text.Split('\n'))
        {
            if (!inNamespace && line.StartsWith("using ", StringComparison.Ordinal))
            {
                usings.Add(line.TrimEnd());
                continue;
            }

            var ns = Regex.Match(line, @"^namespace ([\w.]+);");
            if (ns.Success)
            {
                body.Append("namespace ").Append(ns.Groups[1].Value).Append("\n{\n");
                inNamespace = true;
                count += 2;
                continue;
            }

            body.Append(line).Append('\n');
            count++;
        }

        body.Append("}\n");
        return count + 1;
    }
}
