using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Rules.Deserialization
{
    /// <summary>SL1002: Json.NET <c>TypeNameHandling</c> other than <c>None</c> on settings, a
    /// serializer or a <c>[JsonProperty]</c>/<c>[JsonObject]</c> attribute, unless the same settings
    /// object gets a restricting <c>SerializationBinder</c>.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SL1002JsonNetTypeNameHandlingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly string[] HandlingProperties = { "TypeNameHandling", "ItemTypeNameHandling" };
        private static readonly string[] BinderProperties = { "SerializationBinder", "Binder" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SL1002JsonNetTypeNameHandling);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var handling = start.Compilation.GetTypeByMetadataName(TypeNames.JsonNetTypeNameHandling);
                if (handling is null)
                    return;
                var types = new KnownJsonTypes(
                    handling,
                    start.Compilation.GetTypeByMetadataName(TypeNames.JsonNetSerializerSettings),
                    start.Compilation.GetTypeByMetadataName(TypeNames.JsonNetSerializer),
                    start.Compilation.GetTypeByMetadataName(TypeNames.JsonNetPropertyAttribute),
                    start.Compilation.GetTypeByMetadataName(TypeNames.JsonNetContainerAttribute),
                    start.Compilation.GetTypeByMetadataName(TypeNames.JsonNetDefaultSerializationBinder));

                start.RegisterOperationAction(op => AnalyzeAssignment(op, types), OperationKind.SimpleAssignment);
                start.RegisterSymbolAction(symbol => AnalyzeAttributes(symbol, types), SymbolKind.NamedType, SymbolKind.Property, SymbolKind.Field);
            });
        }

        private sealed class KnownJsonTypes
        {
            public KnownJsonTypes(INamedTypeSymbol handling, INamedTypeSymbol? settings, INamedTypeSymbol? serializer,
                INamedTypeSymbol? propertyAttribute, INamedTypeSymbol? containerAttribute, INamedTypeSymbol? defaultBinder)
            {
                Handling = handling;
                Settings = settings;
                Serializer = serializer;
                PropertyAttribute = propertyAttribute;
                ContainerAttribute = containerAttribute;
                DefaultBinder = defaultBinder;
            }

            public INamedTypeSymbol Handling { get; }
            public INamedTypeSymbol? Settings { get; }
            public INamedTypeSymbol? Serializer { get; }
            public INamedTypeSymbol? PropertyAttribute { get; }
            public INamedTypeSymbol? ContainerAttribute { get; }
            public INamedTypeSymbol? DefaultBinder { get; }

            public bool IsSettingsOrSerializer(ITypeSymbol? type)
            {
                for (var t = type; t is not null; t = t.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(t, Settings) || SymbolEqualityComparer.Default.Equals(t, Serializer))
                        return true;
                }

                return false;
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, KnownJsonTypes types)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation property ||
                !HandlingProperties.Contains(property.Property.Name) ||
                !SymbolEqualityComparer.Default.Equals(property.Property.Type, types.Handling) ||
                !types.IsSettingsOrSerializer(property.Property.ContainingType))
                return;

            var value = assignment.Value;
            var constant = value.ConstantValue;
            if (constant.HasValue && constant.Value is int i && i == 0)
                return;
            if (HasRestrictingBinder(property.Instance, assignment, types))
                return;

            var valueText = constant.HasValue ? EnumName(types.Handling, constant.Value) : value.Syntax.ToString();
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SL1002JsonNetTypeNameHandling, value.Syntax.GetLocation(),
                property.Property.ContainingType.Name + "." + property.Property.Name, valueText));
        }

        /// <summary>True when the same settings object is given a binder other than Json.NET's default,
        /// in the same object initializer or anywhere in the same method body.</summary>
        private static bool HasRestrictingBinder(IOperation? instance, IOperation assignment, KnownJsonTypes types)
        {
            if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                if (assignment.Parent is IObjectOrCollectionInitializerOperation initializer)
                {
                    foreach (var sibling in initializer.Initializers)
                    {
                        if (IsBinderAssignment(sibling, types))
                            return true;
                    }
                }

                return false;
            }

            var target = SymbolOf(instance);
            if (target is null)
                return false;
            var root = assignment;
            while (root.Parent is not null)
                root = root.Parent;
            foreach (var op in root.Descendants())
            {
                if (op is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation p } binderAssignment &&
                    SymbolEqualityComparer.Default.Equals(SymbolOf(p.Instance), target) &&
                    IsBinderAssignment(binderAssignment, types))
                    return true;
            }

            return false;
        }

        private static ISymbol? SymbolOf(IOperation? operation) => operation switch
        {
            ILocalReferenceOperation l => l.Local,
            IFieldReferenceOperation f => f.Field,
            IParameterReferenceOperation p => p.Parameter,
            IPropertyReferenceOperation p => p.Property,
            IConversionOperation c => SymbolOf(c.Operand),
            _ => null,
        };

        private static bool IsBinderAssignment(IOperation operation, KnownJsonTypes types)
        {
            if (operation is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment ||
                !BinderProperties.Contains(property.Property.Name))
                return false;
            var value = assignment.Value;
            while (value is IConversionOperation conversion)
                value = conversion.Operand;
            if (value.ConstantValue.HasValue && value.ConstantValue.Value is null)
                return false;
            return !SymbolEqualityComparer.Default.Equals(value.Type, types.DefaultBinder);
        }

        private static void AnalyzeAttributes(SymbolAnalysisContext context, KnownJsonTypes types)
        {
            foreach (var attribute in context.Symbol.GetAttributes())
            {
                if (!DerivesFrom(attribute.AttributeClass, types.PropertyAttribute) && !DerivesFrom(attribute.AttributeClass, types.ContainerAttribute))
                    continue;
                foreach (var argument in attribute.NamedArguments)
                {
                    if (!HandlingProperties.Contains(argument.Key) || argument.Value.Value is not int value || value == 0)
                        continue;
                    var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax;
                    var argumentSyntax = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == argument.Key);
                    var location = argumentSyntax?.Expression.GetLocation() ?? syntax?.GetLocation() ?? context.Symbol.Locations[0];
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.SL1002JsonNetTypeNameHandling, location,
                        attribute.AttributeClass!.Name + "." + argument.Key, EnumName(types.Handling, value)));
                }
            }
        }

        private static bool DerivesFrom(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
                return false;
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, baseType))
                    return true;
            }

            return false;
        }

        private static string EnumName(INamedTypeSymbol enumType, object? value)
        {
            foreach (var member in enumType.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, value))
                    return field.Name;
            }

            return value?.ToString() ?? "null";
        }
    }
}
