using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ShiftLeft.Analyzers.Configuration
{
    /// <summary>
    /// Reads ShiftLeft's custom .editorconfig / .globalconfig keys. A key is looked up as
    /// <c>shiftleft.SLxxxx.key</c>, then <c>shiftleft.&lt;category&gt;.key</c>, then <c>shiftleft.key</c>;
    /// tree-specific options win over global options at each level.
    /// </summary>
    internal static class ShiftLeftOptions
    {
        public static string? GetString(AnalyzerOptions options, SyntaxTree? tree, DiagnosticDescriptor rule, string key)
        {
            var provider = options.AnalyzerConfigOptionsProvider;
            var treeOptions = tree is null ? null : provider.GetOptions(tree);
            var category = RuleCategories.ConfigName(rule.Category);
            foreach (var name in new[] { "shiftleft." + rule.Id + "." + key, "shiftleft." + category + "." + key, "shiftleft." + key })
            {
                if (treeOptions is not null && treeOptions.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
                    return value.Trim();
                if (provider.GlobalOptions.TryGetValue(name, out value) && !string.IsNullOrWhiteSpace(value))
                    return value.Trim();
            }

            return null;
        }

        /// <summary>A comma- or semicolon-separated list; empty when unset.</summary>
        public static ImmutableArray<string> GetList(AnalyzerOptions options, SyntaxTree? tree, DiagnosticDescriptor rule, string key)
        {
            var raw = GetString(options, tree, rule, key);
            if (raw is null)
                return ImmutableArray<string>.Empty;
            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var part in raw.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var trimmed = part.Trim();
                if (trimmed.Length > 0)
                    builder.Add(trimmed);
            }

            return builder.ToImmutable();
        }

        public static bool GetBool(AnalyzerOptions options, SyntaxTree? tree, DiagnosticDescriptor rule, string key, bool defaultValue)
        {
            var raw = GetString(options, tree, rule, key);
            return raw is null ? defaultValue : bool.TryParse(raw, out var b) ? b : defaultValue;
        }

        public static int GetInt(AnalyzerOptions options, SyntaxTree? tree, DiagnosticDescriptor rule, string key, int defaultValue)
        {
            var raw = GetString(options, tree, rule, key);
            return raw is not null && int.TryParse(raw, out var i) ? i : defaultValue;
        }

        /// <summary>
        /// True when <paramref name="method"/> matches one of the configured names: a simple name
        /// (<c>VerifyModel</c>), a type-qualified name (<c>ModelGuard.VerifyModel</c>) or a fully
        /// qualified one (<c>Contoso.ModelGuard.VerifyModel</c>).
        /// </summary>
        public static bool MatchesMethodName(IMethodSymbol method, ImmutableArray<string> names)
        {
            if (names.IsDefaultOrEmpty)
                return false;
            var full = method.ContainingType is null ? method.Name : method.ContainingType.ToDisplayString() + "." + method.Name;
            foreach (var name in names)
            {
                if (string.Equals(name, method.Name, StringComparison.Ordinal) ||
                    string.Equals(name, full, StringComparison.Ordinal) ||
                    (full.EndsWith(name, StringComparison.Ordinal) && full.Length > name.Length && full[full.Length - name.Length - 1] == '.'))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
