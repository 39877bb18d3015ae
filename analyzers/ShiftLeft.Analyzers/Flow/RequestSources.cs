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
        private INamedTypeSymbol? _controllerBase => _resolve(TypeNames.ControllerBase);
        private INamedTypeSymbol? _controllerAttribute => _resolve(TypeNames.ControllerAttribute);
        private INamedTypeSymbol? _apiControllerAttribute => _resolve(TypeNames.ApiControllerAttribute);
        private INamedTypeSymbol? _nonActionAttribute => _resolve(TypeNames.NonActionAttribute);
        private INamedTypeSymbol? _fromServices => _resolve(TypeNames.FromServicesAttribute);
        private INamedTypeSymbol? _fromKeyedServices => _resolve(TypeNames.FromKeyedServicesAttribute);
        private INamedTypeSymbol? _hub => _resolve(TypeNames.SignalRHub);
        private INamedTypeSymbol? _hubOfT => _resolve(TypeNames.SignalRHubOfT);
        private INamedTypeSymbol? _bindServiceMethod => _resolve(TypeNames.GrpcBindServiceMethodAttribute);
        private INamedTypeSymbol? _serverCallContext => _resolve(TypeNames.GrpcServerCallContext);
        private INamedTypeSymbol? _endpointRouteBuilderExtensions => _resolve(TypeNames.EndpointRouteBuilderExtensions);
        private INamedTypeSymbol? _formFile => _resolve(TypeNames.FormFile);
        private INamedTypeSymbol? _cancellationToken => _resolve(TypeNames.CancellationToken);
        private INamedTypeSymbol? _httpContext => _resolve(TypeNames.HttpContext);
        private INamedTypeSymbol? _httpRequest => _resolve(TypeNames.HttpRequest);
        private INamedTypeSymbol? _httpResponse => _resolve(TypeNames.HttpResponse);
        private INamedTypeSymbol? _claimsPrincipal => _resolve(TypeNames.ClaimsPrincipal);
        private INamedTypeSymbol? _formFileCollection => _resolve(TypeNames.FormFileCollection);
        private INamedTypeSymbol? _stream => _resolve(TypeNames.Stream);
        private INamedTypeSymbol? _validationAttribute => _resolve(TypeNames.ValidationAttribute);
        private INamedTypeSymbol? _requiredAttribute => _resolve(TypeNames.RequiredAttribute);
        private INamedTypeSymbol? _validatableObject => _resolve(TypeNames.ValidatableObject);
        private readonly Lazy<bool> _minimalApiValidation;

        private readonly Func<string, INamedTypeSymbol?> _resolve;

        /// <param name="compilation">The compilation.</param>
        /// <param name="resolve">Resolves a type by metadata name, once per compilation and only when first needed.</param>
        public RequestSources(Compilation compilation, Func<string, INamedTypeSymbol?> resolve)
        {
            _resolve = resolve;
            // Minimal-API validation (.NET 10) runs DataAnnotations on handler parameters once AddValidation() is called.
            _minimalApiValidation = new Lazy<bool>(() =>
                resolve(TypeNames.ValidationServiceCollectionExtensions) is not null &&
                compilation.SyntaxTrees.Any(t => t.GetText().ToString().IndexOf(".AddValidation(", StringComparison.Ordinal) >= 0));
        }

        /// <summary>True for controller actions, SignalR hub methods and gRPC service methods.</summary>
        public bool IsEndpoint(IMethodSymbol method) => IsEndpointMethod(method);

        /// <summary>Whole uploads: <c>IFormFile</c>, <c>IFormFileCollection</c>, a bound body <c>Stream</c>.</summary>
        public bool IsUpload(ITypeSymbol type) =>
            SymbolEqualityComparer.Default.Equals(type, _formFile) || SymbolEqualityComparer.Default.Equals(type, _formFileCollection) ||
            (_stream is not null && InheritsFrom(type, _stream));

        private static bool InheritsFrom(ITypeSymbol type, INamedTypeSymbol baseType)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, baseType))
                    return true;
            }

            return false;
        }

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
            var enforced = _validationAttribute is not null && (isMinimalApiHandler ? _minimalApiValidation.Value : IsApiController(method));
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
            if (annotationsEnforced && _validatableObject is not null && type.AllInterfaces.Contains(_validatableObject, SymbolEqualityComparer.Default))
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
                if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, _requiredAttribute))
                    continue;
                for (var c = data.AttributeClass; c is not null; c = c.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(c, _validationAttribute))
                        return true;
                }
            }

            return false;
        }

        private bool IsApiController(IMethodSymbol method)
        {
            if (!IsControllerAction(method))
                return false;
            for (var type = method.ContainingType; type is not null; type = type.BaseType)
            {
                if (HasAttribute(type, _apiControllerAttribute))
                    return true;
            }

            return HasAttribute(method.ContainingAssembly, _apiControllerAttribute);
        }

        /// <summary>True when ASP.NET Core, SignalR or gRPC are referenced at all.</summary>
        public bool Any => _controllerBase is not null || _endpointRouteBuilderExtensions is not null || _hub is not null || _bindServiceMethod is not null;

        /// <summary>True for the minimal-API route methods (<c>MapGet</c>, <c>MapPost</c>, …).</summary>
        public bool IsMinimalApiMap(IMethodSymbol method) =>
            _endpointRouteBuilderExtensions is not null &&
            SymbolEqualityComparer.Default.Equals(method.ContainingType, _endpointRouteBuilderExtensions) &&
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

        private bool IsControllerAction(IMethodSymbol method)
        {
            if (HasAttribute(method, _nonActionAttribute))
                return false;
            for (var type = method.ContainingType; type is not null; type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type, _controllerBase) ||
                    HasAttribute(type, _controllerAttribute) || HasAttribute(type, _apiControllerAttribute))
                    return true;
            }

            return false;
        }

        private bool IsHubMethod(IMethodSymbol method)
        {
            if (method.IsOverride)
                return false; // OnConnectedAsync, OnDisconnectedAsync
            for (var type = method.ContainingType.BaseType; type is not null; type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type, _hub) || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _hubOfT))
                    return true;
            }

            return false;
        }

        private bool IsGrpcMethod(IMethodSymbol method)
        {
            if (_bindServiceMethod is null || !method.IsOverride || method.OverriddenMethod is null)
                return false;
            var baseType = method.OverriddenMethod.ContainingType;
            for (var outer = baseType; outer is not null; outer = outer.ContainingType)
            {
                if (HasAttribute(outer, _bindServiceMethod))
                    return true;
            }

            return method.Parameters.Length >= 2 && SymbolEqualityComparer.Default.Equals(method.Parameters[method.Parameters.Length - 1].Type, _serverCallContext);
        }

        private bool IsBindableParameter(IParameterSymbol parameter)
        {
            if (HasAttribute(parameter, _fromServices) || HasAttribute(parameter, _fromKeyedServices))
                return false;
            var type = parameter.Type;
            if (SymbolEqualityComparer.Default.Equals(type, _cancellationToken) || SymbolEqualityComparer.Default.Equals(type, _httpContext) ||
                SymbolEqualityComparer.Default.Equals(type, _httpRequest) || SymbolEqualityComparer.Default.Equals(type, _httpResponse) ||
                SymbolEqualityComparer.Default.Equals(type, _claimsPrincipal))
                return false;
            if (SymbolEqualityComparer.Default.Equals(type, _formFile))
                return true;
            if (type.TypeKind == TypeKind.Interface)
            {
                // Services are injected as interfaces; bound collections come as System.Collections.Generic interfaces.
                var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
                return ns == "System.Collections.Generic" || ns == "Microsoft.AspNetCore.Http";
            }

            if (type.IsAbstract && type.TypeKind == TypeKind.Class)
                return false;
            var typeNamespace = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
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

        private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
        {
            if (attribute is null)
                return false;
            foreach (var data in symbol.GetAttributes())
            {
                for (var c = data.AttributeClass; c is not null; c = c.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(c, attribute))
                        return true;
                }
            }

            return false;
        }
    }
}
