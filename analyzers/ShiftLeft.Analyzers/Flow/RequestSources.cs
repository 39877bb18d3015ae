using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.KnownTypes;

namespace ShiftLeft.Analyzers.Flow
{
    /// <summary>Decides which parameters of which methods hold HTTP request data: ASP.NET Core
    /// controller actions, minimal-API handlers, SignalR hub methods and gRPC service methods.</summary>
    internal sealed class RequestSources
    {
        private readonly ConcurrentDictionary<INamedTypeSymbol, (bool Whole, ImmutableArray<string> Members)> _typeValidation =
            new ConcurrentDictionary<INamedTypeSymbol, (bool, ImmutableArray<string>)>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, (bool Whole, ImmutableArray<string> Members)> _typeBoundedMembers =
            new ConcurrentDictionary<INamedTypeSymbol, (bool, ImmutableArray<string>)>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, EndpointTypes> _endpointTypes =
            new ConcurrentDictionary<INamedTypeSymbol, EndpointTypes>(SymbolEqualityComparer.Default);
        private readonly Lazy<bool> _minimalApiValidation;

        private readonly Func<ITypeSymbol?, string, bool> _is;

        /// <param name="compilation">The compilation.</param>
        /// <param name="resolve">Resolves a type by metadata name, once per compilation and only when first needed.</param>
        /// <param name="isType">Whether a type has a metadata name (compared by name, nothing resolved).</param>
        public RequestSources(Compilation compilation, Func<string, INamedTypeSymbol?> resolve, Func<ITypeSymbol?, string, bool> isType)
        {
            _is = isType;
            // Minimal-API validation (.NET 10) runs DataAnnotations on handler parameters once AddValidation() is called.
            _minimalApiValidation = new Lazy<bool>(() =>
                resolve(TypeNames.ValidationServiceCollectionExtensions) is not null &&
                compilation.SyntaxTrees.Any(t => t.GetText().ToString().IndexOf(".AddValidation(", StringComparison.Ordinal) >= 0));
        }

        /// <summary>True for controller actions, SignalR hub methods and gRPC service methods.</summary>
        public bool IsEndpoint(IMethodSymbol method) => IsEndpointMethod(method);

        /// <summary>Whole uploads: <c>IFormFile</c>, <c>IFormFileCollection</c>, a bound body <c>Stream</c>.</summary>
        public bool IsUpload(ITypeSymbol type) =>
            Is(type, TypeNames.FormFile) || Is(type, TypeNames.FormFileCollection) || InheritsFrom(type, TypeNames.Stream);

        private bool InheritsFrom(ITypeSymbol type, string baseTypeMetadataName)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (Is(t, baseTypeMetadataName))
                    return true;
            }

            return false;
        }

        private bool Is(ITypeSymbol? type, string metadataName) => _is(type, metadataName);

        /// <summary>
        /// DataAnnotations the framework enforces before the endpoint runs: on a controller with
        /// <c>[ApiController]</c> (automatic 400 on invalid model state), or on a minimal-API handler
        /// when <c>AddValidation()</c> is called. Whole: the parameter itself carries a validation
        /// attribute, its type is <c>IValidatableObject</c>, or every public property is annotated;
        /// Members: the annotated properties. <c>[Required]</c> alone bounds nothing and does not count.
        /// </summary>
        public (bool Whole, ImmutableArray<string> Members) GetDeclaredValidation(IMethodSymbol method, IParameterSymbol parameter, bool isMinimalApiHandler)
        {
            var none = (false, ImmutableArray<string>.Empty);
            if (parameter.Type.SpecialType == SpecialType.System_Boolean)
                return (true, ImmutableArray<string>.Empty); // bounded by its type
            var type = parameter.Type is INamedTypeSymbol { SpecialType: SpecialType.None, TypeKind: TypeKind.Class or TypeKind.Struct } named ? named : null;
            var enforced = isMinimalApiHandler ? _minimalApiValidation.Value : IsApiController(method);
            if (!enforced)
                return type is null ? none : _typeBoundedMembers.GetOrAdd(type, t => DeclaredMemberValidation(t, annotationsEnforced: false));
            if (HasValidationAttribute(parameter))
                return (true, ImmutableArray<string>.Empty);
            return type is null ? none : _typeValidation.GetOrAdd(type, t => DeclaredMemberValidation(t, annotationsEnforced: true));
        }

        /// <summary>For a bound model type: whether every public property is validated, and which are. A bool property is
        /// bounded by its type; with <paramref name="annotationsEnforced"/> (an [ApiController] or a minimal API with
        /// validation) a DataAnnotations attribute or IValidatableObject counts too. Computed once per type and compilation.</summary>
        private (bool Whole, ImmutableArray<string> Members) DeclaredMemberValidation(INamedTypeSymbol type, bool annotationsEnforced)
        {
            var none = (false, ImmutableArray<string>.Empty);
            if (annotationsEnforced && type.AllInterfaces.Any(i => Is(i, TypeNames.ValidatableObject)))
                return (true, ImmutableArray<string>.Empty);
            var members = ImmutableArray.CreateBuilder<string>();
            var all = true;
            for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    if (member is not IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, IsIndexer: false } property)
                        continue;
                    if (property.Type.SpecialType == SpecialType.System_Boolean ||
                        (annotationsEnforced && (HasValidationAttribute(property) || HasValidationAttribute(ConstructorParameterOf(property)))))
                        members.Add(property.Name);
                    else
                        all = false;
                }
            }

            return members.Count == 0 ? none : (all, members.ToImmutable());
        }

        private static IParameterSymbol? ConstructorParameterOf(IPropertySymbol property)
        {
            foreach (var ctor in property.ContainingType.InstanceConstructors)
            {
                foreach (var p in ctor.Parameters)
                {
                    if (p.Name == property.Name && SymbolEqualityComparer.Default.Equals(p.Type, property.Type))
                        return p;
                }
            }

            return null;
        }

        private bool HasValidationAttribute(ISymbol? symbol)
        {
            if (symbol is null)
                return false;
            foreach (var data in symbol.GetAttributes())
            {
                if (Is(data.AttributeClass, TypeNames.RequiredAttribute))
                    continue;
                if (data.AttributeClass is { } attributeClass && InheritsFrom(attributeClass, TypeNames.ValidationAttribute))
                    return true;
            }

            return false;
        }

        private bool IsApiController(IMethodSymbol method)
        {
            if (!IsControllerAction(method))
                return false;
            for (var type = method.ContainingType; type is not null; type = type.BaseType)
            {
                if (HasAttribute(type, TypeNames.ApiControllerAttribute))
                    return true;
            }

            return HasAttribute(method.ContainingAssembly, TypeNames.ApiControllerAttribute);
        }

        /// <summary>True for the minimal-API route methods (<c>MapGet</c>, <c>MapPost</c>, …).</summary>
        public bool IsMinimalApiMap(IMethodSymbol method) =>
            Is(method.ContainingType, TypeNames.EndpointRouteBuilderExtensions) &&
            method.Name.StartsWith("Map", StringComparison.Ordinal);

        /// <summary>How messages name a request-bound parameter, or null when it is not one.</summary>
        public string? DescribeSourceParameter(IMethodSymbol method, IParameterSymbol parameter, bool isMinimalApiHandler)
        {
            if (!isMinimalApiHandler && !IsEndpointMethod(method))
                return null;
            if (IsGrpcMethod(method))
                return parameter.Ordinal == 0 ? "gRPC request message '" + parameter.Name + "'" : null;
            if (!IsBindableParameter(parameter))
                return null;
            return IsHubMethod(method) ? "SignalR hub argument '" + parameter.Name + "'" : "request parameter '" + parameter.Name + "'";
        }

        private bool IsEndpointMethod(IMethodSymbol method) =>
            method.MethodKind == MethodKind.Ordinary && !method.IsStatic && method.DeclaredAccessibility == Accessibility.Public &&
            (IsControllerAction(method) || IsHubMethod(method) || IsGrpcMethod(method));

        private bool IsControllerAction(IMethodSymbol method) =>
            (EndpointTypesOf(method.ContainingType) & EndpointTypes.Controller) != 0 && !HasAttribute(method, TypeNames.NonActionAttribute);

        private bool IsHubMethod(IMethodSymbol method) =>
            !method.IsOverride && // OnConnectedAsync, OnDisconnectedAsync
            (EndpointTypesOf(method.ContainingType) & EndpointTypes.Hub) != 0;

        [Flags]
        private enum EndpointTypes
        {
            None = 0,
            Controller = 1, // ControllerBase, [Controller] or [ApiController] on the type or a base type
            Hub = 2,        // derives from a SignalR Hub
        }

        /// <summary>Whether a type's methods can be controller actions or hub methods: its base types and their attributes,
        /// worked out once per type (every method and every parameter asks).</summary>
        private EndpointTypes EndpointTypesOf(INamedTypeSymbol? type)
        {
            if (type is null)
                return EndpointTypes.None;
            return _endpointTypes.TryGetValue(type, out var known) ? known : _endpointTypes.GetOrAdd(type, t =>
            {
                var kinds = EndpointTypes.None;
                for (var current = t; current is not null; current = current.BaseType)
                {
                    if (Is(current, TypeNames.ControllerBase) ||
                        HasAttribute(current, TypeNames.ControllerAttribute) || HasAttribute(current, TypeNames.ApiControllerAttribute))
                        kinds |= EndpointTypes.Controller;
                }

                for (var current = t.BaseType; current is not null; current = current.BaseType)
                {
                    if (Is(current, TypeNames.SignalRHub) || Is(current, TypeNames.SignalRHubOfT))
                        kinds |= EndpointTypes.Hub;
                }

                return kinds;
            });
        }

        private bool IsGrpcMethod(IMethodSymbol method)
        {
            if (!method.IsOverride || method.OverriddenMethod is null)
                return false;
            var baseType = method.OverriddenMethod.ContainingType;
            for (var outer = baseType; outer is not null; outer = outer.ContainingType)
            {
                if (HasAttribute(outer, TypeNames.GrpcBindServiceMethodAttribute))
                    return true;
            }

            return method.Parameters.Length >= 2 && Is(method.Parameters[method.Parameters.Length - 1].Type, TypeNames.GrpcServerCallContext);
        }

        private bool IsBindableParameter(IParameterSymbol parameter)
        {
            if (HasAttribute(parameter, TypeNames.FromServicesAttribute) || HasAttribute(parameter, TypeNames.FromKeyedServicesAttribute))
                return false;
            var type = parameter.Type;
            if (Is(type, TypeNames.CancellationToken) || Is(type, TypeNames.HttpContext) || Is(type, TypeNames.HttpRequest) ||
                Is(type, TypeNames.HttpResponse) || Is(type, TypeNames.ClaimsPrincipal))
                return false;
            if (Is(type, TypeNames.FormFile))
                return true;
            if (type.TypeKind == TypeKind.Interface)
            {
                // Services are injected as interfaces; bound collections come as System.Collections.Generic interfaces.
                var ns = TypeNames.NamespaceOf(type);
                return ns == "System.Collections.Generic" || ns == "Microsoft.AspNetCore.Http";
            }

            if (type.IsAbstract && type.TypeKind == TypeKind.Class)
                return false;
            var typeNamespace = TypeNames.NamespaceOf(type);
            foreach (var serviceNamespace in ServiceNamespaces)
            {
                if (typeNamespace.StartsWith(serviceNamespace, StringComparison.Ordinal))
                    return false;
            }

            return true;
        }

        private static readonly string[] ServiceNamespaces =
        {
            "Microsoft.ML", "TorchSharp", "Microsoft.SemanticKernel", "OpenAI", "Azure.AI", "Microsoft.Extensions",
            "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Builder", "System.Net.Http",
        };

        private bool HasAttribute(ISymbol symbol, string attributeMetadataName)
        {
            foreach (var data in symbol.GetAttributes())
            {
                if (data.AttributeClass is { } attributeClass && InheritsFrom(attributeClass, attributeMetadataName))
                    return true;
            }

            return false;
        }
    }
}
