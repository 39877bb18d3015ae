using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.Flow;

namespace ShiftLeft.Benchmarks;

/// <summary>What the in-process analyzer benchmarks share: ShiftLeft's analyzers, the references generated code compiles
/// against, how an analysis is timed, and the median they report.</summary>
internal static class AnalysisHarness
{
    /// <summary>Every analyzer ShiftLeft ships, by type name; <paramref name="nameFragment"/> keeps only those whose
    /// name contains it (to profile one alone).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> ShiftLeftAnalyzers(string? nameFragment = null) =>
        typeof(TaintFlowAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Where(t => nameFragment is null || t.Name.Contains(nameFragment, StringComparison.OrdinalIgnoreCase))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>The benchmark's own assemblies (the framework, ASP.NET Core and the ML/LLM packages), ShiftLeft's and BenchmarkDotNet's left out.</summary>
    public static List<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !Path.GetFileName(p).StartsWith("ShiftLeft", StringComparison.Ordinal) && !Path.GetFileName(p).StartsWith("BenchmarkDotNet", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();

    /// <summary>Single-threaded analysis with Roslyn's per-analyzer execution-time log (the figure ReportAnalyzer prints).</summary>
    public static CompilationWithAnalyzersOptions TimedOptions() =>
        new(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);

    /// <summary>The execution time the log charged to <paramref name="analyzer"/> in one analysis, in milliseconds.</summary>
    public static double ChargedMs(AnalysisResult result, DiagnosticAnalyzer analyzer) =>
        result.AnalyzerTelemetryInfo.TryGetValue(analyzer, out var telemetry) ? telemetry.ExecutionTime.TotalMilliseconds : 0;

    /// <summary>The upper median.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>The implicit usings of a web project, for generated code compiled in-process.</summary>
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;
}
