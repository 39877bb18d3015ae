using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Flow;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Rules.Deserialization
{
    /// <summary>SL1005: ONNX Runtime custom-op libraries and <c>NativeLibrary.Load</c> given a path
    /// that is not a constant or built only from constants and the application's own directories.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SL1005NativeExtensionPathAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxDepth = 6;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SL1005NativeExtensionFromVariablePath);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var sessionOptions = start.Compilation.GetTypeByMetadataName(TypeNames.OnnxSessionOptions);
                var nativeLibrary = start.Compilation.GetTypeByMetadataName(TypeNames.NativeLibrary);
                if (sessionOptions is null && nativeLibrary is null)
                    return;
                var appDirectories = new AppDirectories(start.Compilation);
                start.RegisterOperationAction(
                    op =>
                    {
                        var invocation = (IInvocationOperation)op.Operation;
                        var method = invocation.TargetMethod;
                        var type = method.ContainingType;
                        string display;
                        if (SymbolEqualityComparer.Default.Equals(type, sessionOptions) && method.Name.StartsWith("RegisterCustomOpLibrary", System.StringComparison.Ordinal))
                            display = "SessionOptions." + method.Name;
                        else if (SymbolEqualityComparer.Default.Equals(type, nativeLibrary) && method.Name is "Load" or "TryLoad")
                            display = "NativeLibrary." + method.Name;
                        else
                            return;
                        foreach (var argument in invocation.Arguments)
                        {
                            if (argument.Parameter is not { Ordinal: 0 } p || p.Type.SpecialType != SpecialType.System_String)
                                continue;
                            if (!IsApplicationConstant(argument.Value, appDirectories, 0, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default)))
                                op.ReportDiagnostic(Diagnostic.Create(Descriptors.SL1005NativeExtensionFromVariablePath, argument.Value.Syntax.GetLocation(), display));
                        }
                    },
                    OperationKind.Invocation);
            });
        }

        private sealed class AppDirectories
        {
            private readonly ImmutableHashSet<ISymbol> _properties;
            private readonly INamedTypeSymbol? _path;
            private readonly INamedTypeSymbol? _string;

            public AppDirectories(Compilation compilation)
            {
                var builder = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
                void Add(string typeName, string member)
                {
                    if (compilation.GetTypeByMetadataName(typeName) is { } t)
                    {
                        foreach (var m in t.GetMembers(member))
                            builder.Add(m);
                    }
                }

                Add(TypeNames.AppContext, "BaseDirectory");
                Add(TypeNames.AppDomain, "BaseDirectory");
                Add(TypeNames.AppDomain, "CurrentDomain");
                Add(TypeNames.Assembly, "Location");
                Add(TypeNames.HostEnvironment, "ContentRootPath");
                Add(TypeNames.WebHostEnvironment, "WebRootPath");
                Add("Microsoft.AspNetCore.Hosting.IHostingEnvironment", "ContentRootPath");
                _properties = builder.ToImmutable();
                _path = compilation.GetTypeByMetadataName(TypeNames.Path);
                _string = compilation.GetSpecialType(SpecialType.System_String);
            }

            public bool IsAppDirectory(IPropertySymbol property)
            {
                for (ISymbol? p = property; p is IPropertySymbol prop; p = prop.OverriddenProperty)
                {
                    if (_properties.Contains(prop.OriginalDefinition))
                        return true;
                }

                foreach (var implemented in property.ExplicitInterfaceImplementations)
                {
                    if (_properties.Contains(implemented))
                        return true;
                }

                return _properties.Contains(property);
            }

            public bool IsPathBuilder(IMethodSymbol method) =>
                (SymbolEqualityComparer.Default.Equals(method.ContainingType, _path) &&
                 method.Name is "Combine" or "Join" or "GetFullPath" or "GetDirectoryName" or "ChangeExtension") ||
                (SymbolEqualityComparer.Default.Equals(method.ContainingType, _string) && method.Name is "Concat" or "Format" or "Join");
        }

        private static bool IsApplicationConstant(IOperation operation, AppDirectories app, int depth, HashSet<ILocalSymbol> visiting)
        {
            if (depth > MaxDepth)
                return false;
            if (operation.ConstantValue.HasValue)
                return true;
            switch (operation)
            {
                case IConversionOperation conversion:
                    return IsApplicationConstant(conversion.Operand, app, depth + 1, visiting);
                case IParenthesizedOperation parenthesized:
                    return IsApplicationConstant(parenthesized.Operand, app, depth + 1, visiting);
                case IBinaryOperation binary:
                    return IsApplicationConstant(binary.LeftOperand, app, depth + 1, visiting) && IsApplicationConstant(binary.RightOperand, app, depth + 1, visiting);
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation interpolation && !IsApplicationConstant(interpolation.Expression, app, depth + 1, visiting))
                            return false;
                    }

                    return true;
                case IInvocationOperation invocation when app.IsPathBuilder(invocation.TargetMethod):
                    foreach (var argument in invocation.Arguments)
                    {
                        if (!IsApplicationConstant(argument.Value, app, depth + 1, visiting))
                            return false;
                    }

                    return true;
                case IArrayCreationOperation array:
                    return array.Initializer is not null && AllConstant(array.Initializer.ElementValues, app, depth, visiting);
                case IPropertyReferenceOperation property:
                    return app.IsAppDirectory(property.Property) || (property.Instance is { } instance &&
                        app.IsAppDirectory(property.Property) && IsApplicationConstant(instance, app, depth + 1, visiting));
                case IInvocationOperation { TargetMethod.Name: "GetExecutingAssembly" or "GetEntryAssembly" }:
                    return true;
                case ITypeOfOperation:
                    return true;
                case IFieldReferenceOperation field when field.Field.IsReadOnly && field.Field.IsStatic:
                    return IsFieldInitializerConstant(field, app, depth, visiting);
                case ILocalReferenceOperation local:
                    return IsLocalConstant(local, app, depth, visiting);
                default:
                    return false;
            }
        }

        private static bool AllConstant(ImmutableArray<IOperation> values, AppDirectories app, int depth, HashSet<ILocalSymbol> visiting)
        {
            foreach (var value in values)
            {
                if (!IsApplicationConstant(value, app, depth + 1, visiting))
                    return false;
            }

            return true;
        }

        private static bool IsFieldInitializerConstant(IFieldReferenceOperation field, AppDirectories app, int depth, HashSet<ILocalSymbol> visiting)
        {
            var model = field.SemanticModel;
            foreach (var reference in field.Field.DeclaringSyntaxReferences)
            {
                if (model is null || reference.SyntaxTree != model.SyntaxTree)
                    return false;
                if (reference.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } value })
                    return false;
                if (model.GetOperation(value) is not { } initializer || !IsApplicationConstant(initializer, app, depth + 1, visiting))
                    return false;
            }

            return field.Field.DeclaringSyntaxReferences.Length > 0;
        }

        /// <summary>A local is constant-like when every value written to it in its method is.</summary>
        private static bool IsLocalConstant(ILocalReferenceOperation reference, AppDirectories app, int depth, HashSet<ILocalSymbol> visiting)
        {
            var local = reference.Local;
            if (!visiting.Add(local))
                return true; // a cycle adds no new values
            if (!LocalWrites.TryGetWrittenValues(reference, out var written) || written.IsEmpty)
                return false;
            foreach (var value in written)
            {
                if (!IsApplicationConstant(value, app, depth + 1, visiting))
                    return false;
            }

            return true;
        }
    }
}
