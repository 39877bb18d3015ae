using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Rules.Secrets
{
    /// <summary>SL3003: a high-entropy literal stored under a secret-like name — a field, property,
    /// local, parameter (default value or argument), object-initializer member, anonymous-type member,
    /// dictionary entry (<c>["ApiKey"] = …</c>, <c>{ "ApiKey", … }</c>, <c>Add("ApiKey", …)</c>) or the
    /// return value of a secret-named property. Values reported by SL3001 (known format) or SL3002
    /// (credential sink) are left to those rules.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SL3003HighEntropySecretNameAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SL3003HighEntropySecretName);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var sinks = new CredentialSinks(start.Compilation);
                var cache = new SecretsSettings.Cache();
                var compilation = start.Compilation;
                start.RegisterOperationAction(op => Analyze(op, sinks, cache, compilation), OperationKind.Literal, OperationKind.Utf8String);
            });
        }

        private static void Analyze(OperationAnalysisContext context, CredentialSinks sinks, SecretsSettings.Cache cache, Compilation compilation)
        {
            var literal = context.Operation;
            string? text = literal switch
            {
                ILiteralOperation l when l.ConstantValue is { HasValue: true, Value: string s } => s,
                IUtf8StringOperation u => u.Value,
                _ => null,
            };
            if (text is null || text.Length < 8)
                return;

            // Climb to the whole value: conversions, constant concatenation (reported once, from its first literal),
            // `x ?? "…"`, conditional branches, array initializers.
            IOperation value = literal;
            IOperation reported = literal;
            while (value.Parent is { } parent)
            {
                if (parent is IConversionOperation or IParenthesizedOperation or IArrayInitializerOperation or IArrayCreationOperation)
                {
                    value = parent;
                    continue;
                }

                if (parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary && binary.ConstantValue is { HasValue: true, Value: string folded })
                {
                    if (!IsFirstLiteral(binary, literal))
                        return;
                    value = parent;
                    reported = parent;
                    text = folded;
                    continue;
                }

                if (parent is ISwitchExpressionArmOperation arm && arm.Value == value && arm.Parent is { } switchExpression)
                {
                    value = switchExpression;
                    continue;
                }

                if ((parent is ICoalesceOperation coalesce && coalesce.WhenNull == value) ||
                    (parent is IConditionalOperation conditional && (conditional.WhenTrue == value || conditional.WhenFalse == value)))
                {
                    value = parent;
                    continue;
                }

                break;
            }

            var (name, argument, property) = TargetName(value, context.ContainingSymbol);
            var kind = SecretText.ClassifyName(name);
            if (kind == SecretNameKind.None || name is null)
                return;
            if (!SecretText.LooksLikeSecretValue(text, kind) || SecretMatcher.HasProviderPrefix(text))
                return;

            var tree = literal.Syntax.SyntaxTree;
            var ct = context.CancellationToken;
            // Left to SL3001: known formats, and AWS secrets paired by name or a nearby key id.
            if ((SecretMatcher.Scan(text) is { Count: > 0 } ||
                 (SecretMatcher.IsAwsSecretCandidate(text) && (SecretMatcher.IsAwsSecretName(name) ||
                   SyntaxNames.HasAwsKeyIdNearby(tree.GetText(ct), tree.GetLineSpan(literal.Syntax.Span, ct).StartLinePosition.Line)))) &&
                RuleState.IsEnabled(compilation, tree, RuleIds.KnownFormatCredential, ct))
                return;
            // Left to SL3002: the literal is passed straight to a credential parameter or property.
            var sink = argument is not null ? sinks.Classify(argument) : property is not null ? sinks.Classify(property) : null;
            if (sink is { } found && CredentialSinks.ExtractCredential(text, found.Kind) is { } extracted && CredentialSinks.IsCredentialConstant(extracted.Credential) &&
                RuleState.IsEnabled(compilation, tree, RuleIds.ConstantPassedAsCredential, ct))
                return;

            if (value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } local } } &&
                LocalReachesSink(value, local, sinks) && RuleState.IsEnabled(compilation, tree, RuleIds.ConstantPassedAsCredential, ct))
                return;

            var settings = cache.For(context.Options, tree, Descriptors.SL3003HighEntropySecretName);
            if (settings.IsIgnoredPath(tree.FilePath) || settings.IsAllowed(text))
                return;
            var properties = ImmutableDictionary.CreateRange(new[]
            {
                new KeyValuePair<string, string?>(SL3001KnownFormatCredentialAnalyzer.EnvironmentVariableProperty, SecretText.ToEnvironmentName(name)),
                new KeyValuePair<string, string?>(SL3001KnownFormatCredentialAnalyzer.WholeLiteralProperty, reported == literal ? "true" : "false"),
            });
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SL3003HighEntropySecretName, reported.Syntax.GetLocation(), properties, name, SecretText.Redact(text)));
        }

        /// <summary>The local is passed to a credential sink in its method: SL3002 reports the literal.</summary>
        private static bool LocalReachesSink(IOperation value, ILocalSymbol local, CredentialSinks sinks)
        {
            var root = value;
            while (root.Parent is not null)
                root = root.Parent;
            foreach (var op in root.Descendants())
            {
                if (op is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                    continue;
                IOperation use = reference;
                while (use.Parent is IConversionOperation or IParenthesizedOperation or IBinaryOperation or IInterpolationOperation or IInterpolatedStringOperation or ICoalesceOperation)
                    use = use.Parent;
                if (use.Parent is IArgumentOperation argument && sinks.Classify(argument) is not null)
                    return true;
                if (use.Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment && assignment.Value == use && sinks.Classify(property) is not null)
                    return true;
            }

            return false;
        }

        private static bool IsFirstLiteral(IOperation top, IOperation literal)
        {
            foreach (var d in top.Descendants())
            {
                if (d is ILiteralOperation or IUtf8StringOperation)
                    return d == literal;
            }

            return false;
        }

        /// <summary>The name the value is stored under, plus the argument / property write it is (for the SL3002 overlap check).</summary>
        private static (string? Name, IArgumentOperation? Argument, IPropertyReferenceOperation? Property) TargetName(IOperation value, ISymbol containingSymbol)
        {
            switch (value.Parent)
            {
                case IFieldInitializerOperation field when field.InitializedFields.Length > 0:
                    return (field.InitializedFields[0].Name, null, null);
                case IPropertyInitializerOperation property when property.InitializedProperties.Length > 0:
                    return (property.InitializedProperties[0].Name, null, null);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return (declarator.Symbol.Name, null, null);
                case IParameterInitializerOperation parameter:
                    return (parameter.Parameter.Name, null, null);
                case ISimpleAssignmentOperation assignment when assignment.Value == value:
                    return assignment.Target switch
                    {
                        IPropertyReferenceOperation { Property.IsIndexer: true, Arguments: { Length: 1 } args } indexer when args[0].Value.ConstantValue is { HasValue: true, Value: string key } => (key, null, indexer),
                        IPropertyReferenceOperation p => (p.Property.Name, null, p),
                        IFieldReferenceOperation f => (f.Field.Name, null, null),
                        ILocalReferenceOperation l => (l.Local.Name, null, null),
                        IParameterReferenceOperation pr => (pr.Parameter.Name, null, null),
                        _ => (null, null, null),
                    };
                case IArgumentOperation argument:
                    return (ArgumentName(argument), argument, null);
                case IReturnOperation:
                    return containingSymbol switch
                    {
                        IMethodSymbol { AssociatedSymbol: IPropertySymbol p } => (p.Name, null, null),
                        IMethodSymbol m => (m.Name, null, null),
                        _ => (null, null, null),
                    };
                default:
                    return (null, null, null);
            }
        }

        /// <summary>The parameter name, or for <c>Add("ApiKey", "…")</c> / <c>new KeyValuePair("ApiKey", "…")</c>
        /// the constant key that precedes the value.</summary>
        private static string? ArgumentName(IArgumentOperation argument)
        {
            var parameter = argument.Parameter;
            if (parameter is null)
                return null;
            if (parameter.Ordinal >= 1 && parameter.Name is "value" or "Value" or "item2" or "Item2")
            {
                var arguments = argument.Parent switch
                {
                    IInvocationOperation invocation => invocation.Arguments,
                    IObjectCreationOperation creation => creation.Arguments,
                    _ => ImmutableArray<IArgumentOperation>.Empty,
                };
                foreach (var other in arguments)
                {
                    if (other.Parameter?.Ordinal == parameter.Ordinal - 1 && other.Value.ConstantValue is { HasValue: true, Value: string key })
                        return key;
                }
            }

            // A bare "key" or "token" parameter is a lookup key (configuration["…"], dictionary keys, keyed services,
            // AssemblyMetadata) unless the member or its type is about credentials (AzureKeyCredential(key), SetApiKey(key)).
            var name = parameter.Name;
            if (!CredentialSinks.IsStrongSecretName(name) && !NamesCredential(parameter.ContainingSymbol))
                return null;
            return name;
        }

        private static bool NamesCredential(ISymbol? member)
        {
            if (member is null)
                return false;
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && SecretText.ClassifyName(method.Name) != SecretNameKind.None)
                return true;
            if (member is IMethodSymbol { AssociatedSymbol: IPropertySymbol { IsIndexer: false } property } && SecretText.ClassifyName(property.Name) != SecretNameKind.None)
                return true;
            return member.ContainingType is { } type && SecretText.ClassifyName(type.Name) != SecretNameKind.None;
        }
    }
}
