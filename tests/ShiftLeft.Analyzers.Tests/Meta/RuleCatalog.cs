using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ShiftLeft.Analyzers.Tests.Meta;

/// <summary>Reflects over the shipped analyzer and code-fix assemblies.</summary>
internal static class RuleCatalog
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = Instantiate<DiagnosticAnalyzer>(typeof(Descriptors).Assembly, typeof(DiagnosticAnalyzerAttribute));

    public static ImmutableArray<CodeFixProvider> CodeFixes { get; } =
        Instantiate<CodeFixProvider>(typeof(ShiftLeft.Analyzers.CodeFixes.Rules.Deserialization.SL1002TypeNameHandlingNoneCodeFix).Assembly, typeof(ExportCodeFixProviderAttribute));

    private static ImmutableArray<T> Instantiate<T>(Assembly assembly, Type attribute) =>
        assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(T).IsAssignableFrom(t) && t.GetCustomAttributes(attribute, false).Length > 0)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    public static IEnumerable<string> Tags(DiagnosticDescriptor d, string prefix) =>
        d.CustomTags.Where(t => t.StartsWith(prefix, StringComparison.Ordinal)).Select(t => t.Substring(prefix.Length));

    /// <summary>The README rule table, generated from the descriptors.</summary>
    public static string GenerateReadmeTable()
    {
        var fixable = CodeFixes.SelectMany(f => f.FixableDiagnosticIds).ToHashSet(StringComparer.Ordinal);
        var sb = new StringBuilder();
        sb.Append("| Id | Title | Severity | CWE | OWASP LLM | MITRE ATLAS | Code fix |\n");
        sb.Append("|---|---|---|---|---|---|---|\n");
        foreach (var d in Descriptors.All.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            sb.Append("| [").Append(d.Id).Append("](analyzers/docs/rules/").Append(d.Id).Append(".md) | ")
              .Append(d.Title).Append(" | ")
              .Append(d.DefaultSeverity).Append(" | ")
              .Append(string.Join(", ", Tags(d, "CWE-").Select(t => "CWE-" + t))).Append(" | ")
              .Append(string.Join(", ", Tags(d, "OWASP-"))).Append(" | ")
              .Append(string.Join(", ", Tags(d, "ATLAS-"))).Append(" | ")
              .Append(fixable.Contains(d.Id) ? "yes" : "").Append(" |\n");
        }

        return sb.ToString();
    }
}
