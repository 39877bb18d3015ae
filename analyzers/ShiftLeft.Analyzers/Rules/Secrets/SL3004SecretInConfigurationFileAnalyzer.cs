using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ShiftLeft.Analyzers.Rules.Secrets
{
    /// <summary>SL3004: the SL3001 formats and the SL3003 name + entropy check over the configuration
    /// files the package adds as AdditionalFiles (<c>appsettings*.json</c>, <c>launchSettings.json</c>,
    /// <c>secrets*.json</c>, <c>.env</c> / <c>*.env</c>, <c>*.config</c>), reported at the value's exact
    /// line and column in that file. Other additional files are ignored.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SL3004SecretInConfigurationFileAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxFileLength = 4 * 1024 * 1024;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SL3004SecretInConfigurationFile);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var cache = new SecretsSettings.Cache();
                start.RegisterAdditionalFileAction(file => Analyze(file, cache));
            });
        }

        private static void Analyze(AdditionalFileAnalysisContext context, SecretsSettings.Cache cache)
        {
            var file = context.AdditionalFile;
            var kind = ConfigFileScanner.Classify(file.Path);
            if (kind == ConfigFileKind.None)
                return;
            var settings = cache.For(context.Options, file, Descriptors.SL3004SecretInConfigurationFile);
            if (settings.IsIgnoredPath(file.Path))
                return;
            var text = file.GetText(context.CancellationToken);
            if (text is null || text.Length > MaxFileLength)
                return;
            var content = text.ToString();
            var fileName = SafeFileName(file.Path);
            var entries = ConfigFileScanner.Read(kind, content);

            // 1. Known formats anywhere in the file, comments included.
            var found = new List<TextSpan>();
            var matches = SecretMatcher.Scan(content);
            if (matches is not null)
            {
                foreach (var match in matches)
                {
                    if (settings.IsAllowed(match.Value))
                        continue;
                    var span = new TextSpan(match.Start, match.Length);
                    found.Add(span);
                    Report(context, text, span, match.Format.Provider, match.Redacted, fileName, PathAt(entries, match.Start, text));
                }
            }

            // 2. Secret-named keys with high-entropy values; AWS secret keys by name or a nearby key id.
            foreach (var entry in entries)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var span = new TextSpan(entry.Start, entry.Length);
                if (Overlaps(found, span) || entry.Value.Length < 8 || settings.IsAllowed(entry.Value))
                    continue;
                var value = entry.Value.Trim();
                if (SecretMatcher.IsAwsSecretCandidate(value) &&
                    (SecretMatcher.IsAwsSecretName(entry.Leaf) || SyntaxNames.HasAwsKeyIdNearby(text, text.Lines.GetLineFromPosition(entry.Start).LineNumber)))
                {
                    Report(context, text, span, "AWS secret access key", SecretText.Redact(value), fileName, entry.Path);
                    continue;
                }

                var nameKind = SecretText.ClassifyName(entry.Leaf);
                if (nameKind != SecretNameKind.None && !SecretMatcher.HasProviderPrefix(value) && SecretText.LooksLikeSecretValue(value, nameKind))
                    Report(context, text, span, nameKind == SecretNameKind.Password ? "Password" : "Secret value", SecretText.Redact(value), fileName, entry.Path);
            }
        }

        private static bool Overlaps(List<TextSpan> spans, TextSpan span)
        {
            foreach (var s in spans)
            {
                if (s.OverlapsWith(span) || span.Contains(s))
                    return true;
            }

            return false;
        }

        private static string PathAt(List<ConfigEntry> entries, int position, SourceText text)
        {
            foreach (var entry in entries)
            {
                if (position >= entry.Start && position < entry.Start + Math.Max(1, entry.Length))
                    return entry.Path;
            }

            return "line " + (text.Lines.GetLineFromPosition(position).LineNumber + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        private static string SafeFileName(string path)
        {
            try
            {
                return Path.GetFileName(path);
            }
            catch (ArgumentException)
            {
                return path;
            }
        }

        private static void Report(AdditionalFileAnalysisContext context, SourceText text, TextSpan span, string what, string redacted, string fileName, string keyPath)
        {
            var location = Location.Create(context.AdditionalFile.Path, span, text.Lines.GetLinePositionSpan(span));
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SL3004SecretInConfigurationFile, location, what, redacted, fileName, keyPath));
        }
    }
}
