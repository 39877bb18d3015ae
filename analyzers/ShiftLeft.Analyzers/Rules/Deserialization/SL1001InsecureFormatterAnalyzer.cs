using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Rules.Deserialization
{
    /// <summary>SL1001: BinaryFormatter, SoapFormatter, NetDataContractSerializer, LosFormatter,
    /// ObjectStateFormatter. Reported where one is created, and at Deserialize calls on an
    /// instance whose creation is not visible in the same declaration (parameter, property, factory).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SL1001InsecureFormatterAnalyzer : DiagnosticAnalyzer
    {
        private static readonly string[] FormatterNames =
        {
            TypeNames.BinaryFormatter, TypeNames.SoapFormatter, TypeNames.NetDataContractSerializer, TypeNames.LosFormatter, TypeNames.ObjectStateFormatter,
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SL1001InsecureFormatter);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var builder = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
                foreach (var name in FormatterNames)
                {
                    if (start.Compilation.GetTypeByMetadataName(name) is { } type)
                        builder.Add(type);
                }

                if (builder.Count == 0)
                    return;
                var formatters = builder.ToImmutable();

                start.RegisterOperationAction(
                    op =>
                    {
                        var creation = (IObjectCreationOperation)op.Operation;
                        if (creation.Type is INamedTypeSymbol type && formatters.Contains(type))
                            op.ReportDiagnostic(Diagnostic.Create(Descriptors.SL1001InsecureFormatter, creation.Syntax.GetLocation(), type.Name));
                    },
                    OperationKind.ObjectCreation);

                start.RegisterOperationAction(
                    op =>
                    {
                        var invocation = (IInvocationOperation)op.Operation;
                        var method = invocation.TargetMethod;
                        if (!method.Name.StartsWith("Deserialize", System.StringComparison.Ordinal) &&
                            !method.Name.StartsWith("UnsafeDeserialize", System.StringComparison.Ordinal))
                            return;
                        if (invocation.Instance?.Type is not INamedTypeSymbol type || !formatters.Contains(type))
                            return;
                        if (CreationIsVisible(invocation.Instance))
                            return;
                        var location = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
                            ? member.Name.GetLocation()
                            : invocation.Syntax.GetLocation();
                        op.ReportDiagnostic(Diagnostic.Create(Descriptors.SL1001InsecureFormatter, location, type.Name));
                    },
                    OperationKind.Invocation);
            });
        }

        /// <summary>True when the formatter instance is created inline or in its own declaration,
        /// where SL1001 is already reported.</summary>
        private static bool CreationIsVisible(IOperation instance)
        {
            while (instance is IConversionOperation conversion)
                instance = conversion.Operand;
            ISymbol? symbol = instance switch
            {
                IObjectCreationOperation => null,
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation field => field.Field,
                _ => null,
            };
            if (instance is IObjectCreationOperation)
                return true;
            if (symbol is null)
                return false;
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax })
                    return true;
            }

            return false;
        }
    }
}
