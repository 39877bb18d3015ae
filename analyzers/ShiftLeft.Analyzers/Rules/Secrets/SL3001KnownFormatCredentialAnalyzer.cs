using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ShiftLeft.Analyzers.Rules.Secrets
{
    /// <summary>SL3001: provider credential formats in string literals (all kinds, including
    /// interpolated text and UTF-8 literals), comments and disabled code. Purely lexical: one pass of
    /// <see cref="SecretMatcher"/> over each literal's source text, plus AWS secret access keys paired by
    /// name or by a nearby AWS key id.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SL3001KnownFormatCredentialAnalyzer : DiagnosticAnalyzer
    {
        internal const string EnvironmentVariableProperty = "EnvironmentVariable";
        internal const string WholeLiteralProperty = "WholeLiteral";
        internal const string ProviderProperty = "Provider";

        private const string AwsSecretProvider = "AWS secret access key";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SL3001KnownFormatCredential);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var cache = new SecretsSettings.Cache();
                start.RegisterSyntaxTreeAction(tree => AnalyzeTree(tree, cache));
            });
        }

        private static void AnalyzeTree(SyntaxTreeAnalysisContext context, SecretsSettings.Cache cache)
        {
            var tree = context.Tree;
            var settings = cache.For(context.Options, tree, Descriptors.SL3001KnownFormatCredential);
            if (settings.IsIgnoredPath(tree.FilePath))
                return;
            SourceText? text = tree.GetText(context.CancellationToken);
            if (!MayContainCredential(text.ToString()))
                return;
            var root = tree.GetRoot(context.CancellationToken);
            foreach (var token in root.DescendantTokens(descendIntoTrivia: false))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (token.HasLeadingTrivia)
                    ScanTrivia(context, token.LeadingTrivia, settings);
                if (token.HasTrailingTrivia)
                    ScanTrivia(context, token.TrailingTrivia, settings);
                if (!IsStringToken(token))
                    continue;
                var raw = token.Text;
                if (raw.Length < 16)
                    continue;
                var matches = SecretMatcher.Scan(raw);
                if (matches is not null)
                {
                    var value = token.ValueText;
                    foreach (var match in matches)
                    {
                        if (settings.IsAllowed(match.Value))
                            continue;
                        var whole = token.IsKind(SyntaxKind.InterpolatedStringTextToken) ? false : value == match.Value;
                        Report(context, new TextSpan(token.SpanStart + match.Start, match.Length), match.Format.Provider, match.Redacted, match.Format.EnvironmentVariable, whole);
                    }

                    continue;
                }

                var valueText = token.ValueText;
                if (SecretMatcher.IsAwsSecretCandidate(valueText) && !settings.IsAllowed(valueText))
                {
                    var line = text.Lines.GetLineFromPosition(token.SpanStart).LineNumber;
                    if (SecretMatcher.IsAwsSecretName(SyntaxNames.TargetName(token.Parent)) || SyntaxNames.HasAwsKeyIdNearby(text, line))
                    {
                        var offset = raw.IndexOf(valueText, System.StringComparison.Ordinal);
                        var span = offset >= 0 ? new TextSpan(token.SpanStart + offset, valueText.Length) : token.Span;
                        Report(context, span, AwsSecretProvider, SecretText.Redact(valueText), "AWS_SECRET_ACCESS_KEY", !token.IsKind(SyntaxKind.InterpolatedStringTextToken));
                    }
                }
            }
        }

        /// <summary>
        /// The fast path: most files hold no credential-shaped text at all, and scanning the file's text is much cheaper than
        /// walking its tokens. Every finding below needs a provider-format match in a literal's or comment's source text
        /// (a substring of the file) or a 40-character AWS secret literal (a run of exactly 40 base64 characters between
        /// quotes); a <c>\u</c>, <c>\U</c> or <c>\x</c> escape can spell a secret's characters without showing them, so a file with one is walked.
        /// </summary>
        internal static bool MayContainCredential(string text)
        {
            if (SecretMatcher.Scan(text) is not null)
                return true;
            var run = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/')
                {
                    run++;
                    continue;
                }

                if (run == 40 || (c == '\\' && i + 1 < text.Length && text[i + 1] is 'u' or 'U' or 'x'))
                    return true;
                run = 0;
            }

            return run == 40;
        }

        private static void ScanTrivia(SyntaxTreeAnalysisContext context, SyntaxTriviaList list, SecretsSettings settings)
        {
            foreach (var trivia in list)
            {
                if (!(trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia) ||
                      trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia) ||
                      trivia.IsKind(SyntaxKind.DisabledTextTrivia)))
                    continue;
                var raw = trivia.ToFullString();
                var matches = SecretMatcher.Scan(raw);
                if (matches is null)
                    continue;
                foreach (var match in matches)
                {
                    if (!settings.IsAllowed(match.Value))
                        Report(context, new TextSpan(trivia.FullSpan.Start + match.Start, match.Length), match.Format.Provider, match.Redacted, match.Format.EnvironmentVariable, false);
                }
            }
        }

        private static void Report(SyntaxTreeAnalysisContext context, TextSpan span, string provider, string redacted, string environmentVariable, bool wholeLiteral)
        {
            var properties = ImmutableDictionary.CreateRange(new[]
            {
                new KeyValuePair<string, string?>(EnvironmentVariableProperty, environmentVariable),
                new KeyValuePair<string, string?>(WholeLiteralProperty, wholeLiteral ? "true" : "false"),
                new KeyValuePair<string, string?>(ProviderProperty, provider),
            });
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SL3001KnownFormatCredential, Location.Create(context.Tree, span), properties, provider, redacted));
        }

        internal static bool IsStringToken(SyntaxToken token)
        {
            switch ((SyntaxKind)token.RawKind)
            {
                case SyntaxKind.StringLiteralToken:
                case SyntaxKind.Utf8StringLiteralToken:
                case SyntaxKind.SingleLineRawStringLiteralToken:
                case SyntaxKind.MultiLineRawStringLiteralToken:
                case SyntaxKind.Utf8SingleLineRawStringLiteralToken:
                case SyntaxKind.Utf8MultiLineRawStringLiteralToken:
                case SyntaxKind.InterpolatedStringTextToken:
                    return true;
                default:
                    return false;
            }
        }
    }
}
