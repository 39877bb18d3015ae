using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using ShiftLeft.Analyzers.Flow;

namespace ShiftLeft.Analyzers.Rules.Secrets
{
    /// <summary>SL3002: a compile-time constant (see <see cref="ConstantResolver"/>) reaching a
    /// credential parameter or property (see <see cref="CredentialSinks"/>). Reported on the literal
    /// (once per literal, even when several sinks use it). When a piece of the value is already a
    /// known-format credential, SL3001 reports it and SL3002 stays silent.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SL3002ConstantPassedAsCredentialAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SL3002ConstantPassedAsCredential);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var state = new State(start.Compilation);
                start.RegisterOperationAction(op => AnalyzeArgument(op, state), OperationKind.Argument);
                start.RegisterOperationAction(op => AnalyzeAssignment(op, state), OperationKind.SimpleAssignment);
            });
        }

        private sealed class State
        {
            public State(Compilation compilation)
            {
                Compilation = compilation;
                Sinks = new CredentialSinks(compilation);
            }

            public Compilation Compilation { get; }

            public CredentialSinks Sinks { get; }

            public SecretsSettings.Cache Settings { get; } = new();

            public ConcurrentDictionary<(SyntaxTree, TextSpan), byte> Reported { get; } = new();
        }

        private static void AnalyzeArgument(OperationAnalysisContext context, State state)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.IsImplicit && argument.Value.IsImplicit)
                return;
            if (state.Sinks.Classify(argument) is { } sink)
                Check(context, state, argument.Value, sink);
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, State state)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation property && state.Sinks.Classify(property) is { } sink)
                Check(context, state, assignment.Value, sink);
        }

        private static void Check(OperationAnalysisContext context, State state, IOperation value, CredentialSink sink)
        {
            var resolved = ConstantResolver.Resolve(value, context.CancellationToken);
            if (resolved is null)
                return;
            if (CredentialSinks.ExtractCredential(resolved.Value, sink.Kind) is not { } extracted || !CredentialSinks.IsCredentialConstant(extracted.Credential))
                return;
            if (CoveredBySl3001(state.Compilation, resolved, context.CancellationToken))
                return;

            var main = resolved.MainPiece;
            var location = main?.Literal?.GetLocation() ?? value.Syntax.GetLocation();
            var tree = location.SourceTree ?? value.Syntax.SyntaxTree;
            var settings = state.Settings.For(context.Options, tree, Descriptors.SL3002ConstantPassedAsCredential);
            if (settings.IsIgnoredPath(tree.FilePath) || settings.IsAllowed(extracted.Credential) || settings.IsAllowed(resolved.Value))
                return;
            if (!state.Reported.TryAdd((tree, location.SourceSpan), 0))
                return;

            var whole = SecretMatcher.Scan(extracted.Credential);
            var redacted = whole is { Count: > 0 } ? whole[0].Redacted : SecretText.Redact(extracted.Credential);
            string target;
            string environment;
            if (main?.Via is { } via)
            {
                // Reported once per literal: describe it by the symbol it flows through, not by whichever sink came first.
                target = "a credential parameter through '" + via.Name + "'";
                environment = SecretText.ToEnvironmentName(via.Name);
            }
            else
            {
                target = sink.Description;
                environment = whole is { Count: > 0 } ? whole[0].Format.EnvironmentVariable : sink.EnvironmentName;
            }

            var wholeLiteral = main is { Literal: not null } && resolved.Pieces.Length == 1 && sink.Kind == SinkValueKind.Value;
            var properties = ImmutableDictionary.CreateRange(new[]
            {
                new KeyValuePair<string, string?>(SL3001KnownFormatCredentialAnalyzer.EnvironmentVariableProperty, environment),
                new KeyValuePair<string, string?>(SL3001KnownFormatCredentialAnalyzer.WholeLiteralProperty, wholeLiteral ? "true" : "false"),
            });
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SL3002ConstantPassedAsCredential, location, properties, redacted, target));
        }

        /// <summary>SL3001 already reports a literal of this value (a known format, or an AWS secret it pairs).</summary>
        private static bool CoveredBySl3001(Compilation compilation, ResolvedConstant resolved, System.Threading.CancellationToken ct)
        {
            foreach (var piece in resolved.Pieces)
            {
                if (piece.Literal is null)
                    continue;
                var tree = piece.Literal.SyntaxTree;
                var covered = SecretMatcher.Scan(piece.Value) is { Count: > 0 } ||
                              (SecretMatcher.IsAwsSecretCandidate(piece.Value) &&
                               (SecretMatcher.IsAwsSecretName(SyntaxNames.TargetName(piece.Literal)) ||
                                SyntaxNames.HasAwsKeyIdNearby(tree.GetText(ct), tree.GetLineSpan(piece.Literal.Span, ct).StartLinePosition.Line)));
                if (covered && RuleState.IsEnabled(compilation, tree, RuleIds.KnownFormatCredential, ct))
                    return true;
            }

            return false;
        }
    }
}
