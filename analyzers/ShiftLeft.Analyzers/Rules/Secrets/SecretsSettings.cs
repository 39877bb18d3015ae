using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.Configuration;

namespace ShiftLeft.Analyzers.Rules.Secrets
{
    /// <summary>
    /// The secrets rules' configuration for one file: <c>allow_patterns</c> (regexes; a value matching
    /// one is never reported) and <c>ignored_paths</c> (globs over the file path; <c>**</c> spans
    /// directories), looked up as <c>shiftleft.SL300x.key</c> → <c>shiftleft.secrets.key</c> →
    /// <c>shiftleft.key</c>. Lists are comma- or semicolon-separated (separators inside
    /// <c>{}</c>, <c>[]</c> or <c>()</c> belong to the regex). Invalid patterns are ignored.
    /// </summary>
    internal sealed class SecretsSettings
    {
        public const string AllowPatternsKey = "allow_patterns";
        public const string IgnoredPathsKey = "ignored_paths";

        private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

        public static readonly SecretsSettings Empty = new(ImmutableArray<Regex>.Empty, ImmutableArray<Regex>.Empty);

        private readonly ImmutableArray<Regex> _allow;
        private readonly ImmutableArray<Regex> _ignoredPaths;

        private SecretsSettings(ImmutableArray<Regex> allow, ImmutableArray<Regex> ignoredPaths)
        {
            _allow = allow;
            _ignoredPaths = ignoredPaths;
        }

        public bool IsAllowed(string value)
        {
            foreach (var regex in _allow)
            {
                if (SecretText.SafeIsMatch(regex, value))
                    return true;
            }

            return false;
        }

        public bool IsIgnoredPath(string? path)
        {
            if (path is null || _ignoredPaths.IsEmpty)
                return false;
            var normalized = path.Replace('\\', '/');
            foreach (var regex in _ignoredPaths)
            {
                if (SecretText.SafeIsMatch(regex, normalized))
                    return true;
            }

            return false;
        }

        /// <summary>Per-compilation cache of parsed settings keyed by the raw option strings.</summary>
        public sealed class Cache
        {
            private readonly ConcurrentDictionary<(string?, string?), SecretsSettings> _byValue = new();

            public SecretsSettings For(AnalyzerOptions options, SyntaxTree tree, DiagnosticDescriptor rule)
            {
                var allow = ShiftLeftOptions.GetString(options, tree, rule, AllowPatternsKey);
                var ignored = ShiftLeftOptions.GetString(options, tree, rule, IgnoredPathsKey);
                return Get(allow, ignored);
            }

            public SecretsSettings For(AnalyzerOptions options, AdditionalText file, DiagnosticDescriptor rule)
            {
                var allow = Lookup(options, file, rule, AllowPatternsKey);
                var ignored = Lookup(options, file, rule, IgnoredPathsKey);
                return Get(allow, ignored);
            }

            private SecretsSettings Get(string? allow, string? ignored)
            {
                if (allow is null && ignored is null)
                    return Empty;
                return _byValue.GetOrAdd((allow, ignored), key => new SecretsSettings(CompilePatterns(key.Item1), CompileGlobs(key.Item2)));
            }
        }

        /// <summary>Same precedence as <see cref="ShiftLeftOptions"/>, for an additional (non-C#) file.</summary>
        private static string? Lookup(AnalyzerOptions options, AdditionalText file, DiagnosticDescriptor rule, string key)
        {
            var provider = options.AnalyzerConfigOptionsProvider;
            AnalyzerConfigOptions? fileOptions = null;
            try
            {
                fileOptions = provider.GetOptions(file);
            }
            catch (ArgumentException)
            {
            }

            var category = RuleCategories.ConfigName(rule.Category);
            foreach (var name in new[] { "shiftleft." + rule.Id + "." + key, "shiftleft." + category + "." + key, "shiftleft." + key })
            {
                if (fileOptions is not null && fileOptions.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
                    return value.Trim();
                if (provider.GlobalOptions.TryGetValue(name, out value) && !string.IsNullOrWhiteSpace(value))
                    return value.Trim();
            }

            return null;
        }

        internal static List<string> SplitList(string raw)
        {
            var items = new List<string>();
            var sb = new StringBuilder();
            var depth = 0;
            for (var i = 0; i < raw.Length; i++)
            {
                var c = raw[i];
                if (c == '\\' && i + 1 < raw.Length)
                {
                    sb.Append(c).Append(raw[++i]);
                    continue;
                }

                if (c is '{' or '[' or '(')
                    depth++;
                else if (c is '}' or ']' or ')')
                    depth = Math.Max(0, depth - 1);
                if ((c == ',' || c == ';') && depth == 0)
                {
                    if (sb.ToString().Trim().Length > 0)
                        items.Add(sb.ToString().Trim());
                    sb.Clear();
                    continue;
                }

                sb.Append(c);
            }

            if (sb.ToString().Trim().Length > 0)
                items.Add(sb.ToString().Trim());
            return items;
        }

        private static ImmutableArray<Regex> CompilePatterns(string? raw)
        {
            if (raw is null)
                return ImmutableArray<Regex>.Empty;
            var builder = ImmutableArray.CreateBuilder<Regex>();
            foreach (var pattern in SplitList(raw))
            {
                try
                {
                    builder.Add(new Regex(pattern, RegexOptions.CultureInvariant, Timeout));
                }
                catch (ArgumentException)
                {
                    // An invalid pattern is ignored rather than failing the analyzer.
                }
            }

            return builder.ToImmutable();
        }

        private static ImmutableArray<Regex> CompileGlobs(string? raw)
        {
            if (raw is null)
                return ImmutableArray<Regex>.Empty;
            var builder = ImmutableArray.CreateBuilder<Regex>();
            foreach (var glob in SplitList(raw))
            {
                try
                {
                    builder.Add(new Regex(GlobToRegex(glob), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, Timeout));
                }
                catch (ArgumentException)
                {
                }
            }

            return builder.ToImmutable();
        }

        /// <summary><c>**</c> any path, <c>*</c> within a segment, <c>?</c> one character. A glob not
        /// starting with <c>/</c> matches at any directory boundary (<c>Tests/**</c> matches <c>/src/Tests/a.cs</c>).</summary>
        internal static string GlobToRegex(string glob)
        {
            var g = glob.Replace('\\', '/');
            var sb = new StringBuilder();
            sb.Append(g.StartsWith("/", StringComparison.Ordinal) ? "^" : "(^|/)");
            for (var i = 0; i < g.Length; i++)
            {
                var c = g[i];
                if (c == '*' && i + 1 < g.Length && g[i + 1] == '*')
                {
                    i++;
                    if (i + 1 < g.Length && g[i + 1] == '/')
                    {
                        i++;
                        sb.Append("(.*/)?");
                    }
                    else
                    {
                        sb.Append(".*");
                    }
                }
                else if (c == '*')
                {
                    sb.Append("[^/]*");
                }
                else if (c == '?')
                {
                    sb.Append("[^/]");
                }
                else
                {
                    sb.Append(Regex.Escape(c.ToString()));
                }
            }

            sb.Append('$');
            return sb.ToString();
        }
    }

    /// <summary>Whether another SL3xxx rule is enabled for a tree, so overlapping rules report once.</summary>
    internal static class RuleState
    {
        public static bool IsEnabled(Compilation compilation, SyntaxTree tree, string id, CancellationToken ct)
        {
            try
            {
                var options = compilation.Options;
                if (options.SyntaxTreeOptionsProvider is { } provider)
                {
                    if (provider.TryGetDiagnosticValue(tree, id, ct, out var treeValue))
                        return treeValue != ReportDiagnostic.Suppress;
                    if (provider.TryGetGlobalDiagnosticValue(id, ct, out var globalValue))
                        return globalValue != ReportDiagnostic.Suppress;
                }

                if (options.SpecificDiagnosticOptions.TryGetValue(id, out var value))
                    return value != ReportDiagnostic.Suppress;
                return true;
            }
            catch (ArgumentException)
            {
                return true;
            }
        }
    }
}
