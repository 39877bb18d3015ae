using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Rules.Secrets
{
    /// <summary>How the constant at a sink holds the credential.</summary>
    internal enum SinkValueKind
    {
        /// <summary>The whole value is the credential.</summary>
        Value,

        /// <summary>An Authorization-style header value: <c>Bearer &lt;credential&gt;</c>.</summary>
        AuthorizationValue,

        /// <summary>A connection string: only its <c>Password=</c>/<c>AccountKey=</c>/... parts are credentials.</summary>
        ConnectionString,
    }

    internal readonly struct CredentialSink
    {
        public CredentialSink(string description, SinkValueKind kind, string environmentName)
        {
            Description = description;
            Kind = kind;
            EnvironmentName = environmentName;
        }

        /// <summary>For messages, e.g. <c>AzureKeyCredential(key)</c> or <c>header 'api-key'</c>.</summary>
        public string Description { get; }

        public SinkValueKind Kind { get; }

        /// <summary>Environment variable name the code fix suggests.</summary>
        public string EnvironmentName { get; }
    }

    /// <summary>Metadata names of the credential APIs the secrets rules know by name.</summary>
    internal static class SecretTypeNames
    {
        public const string ApiKeyCredential = "System.ClientModel.ApiKeyCredential";
        public const string AzureKeyCredential = "Azure.AzureKeyCredential";
        public const string AzureSasCredential = "Azure.AzureSasCredential";
        public const string AzureNamedKeyCredential = "Azure.AzureNamedKeyCredential";
        public const string HttpHeaders = "System.Net.Http.Headers.HttpHeaders";
        public const string AuthenticationHeaderValue = "System.Net.Http.Headers.AuthenticationHeaderValue";
        public const string Environment = "System.Environment";
        public const string GrpcMetadata = "Grpc.Core.Metadata";
    }

    /// <summary>
    /// Decides whether an argument or property write is a place where a credential is expected.
    /// Known credential types first (<c>ApiKeyCredential</c>, <c>AzureKeyCredential</c>,
    /// <c>AzureSasCredential</c>, any <c>*Credential(s)</c> type's key/secret/password/token
    /// parameters, <c>AuthenticationHeaderValue</c>), then header writes with an auth-like name,
    /// <c>Environment.SetEnvironmentVariable</c> with a secret-like name, connection-string
    /// parameters, and finally — generically, so unseen SDKs are covered — any parameter or property
    /// of a library (metadata) API whose name says it is a secret (<c>apiKey</c>, <c>clientSecret</c>,
    /// <c>password</c>, <c>accessToken</c> …).
    /// </summary>
    internal sealed class CredentialSinks
    {
        private readonly INamedTypeSymbol? _apiKeyCredential;
        private readonly INamedTypeSymbol? _azureKeyCredential;
        private readonly INamedTypeSymbol? _azureSasCredential;
        private readonly INamedTypeSymbol? _httpHeaders;
        private readonly INamedTypeSymbol? _authenticationHeaderValue;
        private readonly INamedTypeSymbol? _environment;
        private readonly INamedTypeSymbol? _grpcMetadata;

        public CredentialSinks(Compilation compilation)
        {
            _apiKeyCredential = compilation.GetTypeByMetadataName(SecretTypeNames.ApiKeyCredential);
            _azureKeyCredential = compilation.GetTypeByMetadataName(SecretTypeNames.AzureKeyCredential);
            _azureSasCredential = compilation.GetTypeByMetadataName(SecretTypeNames.AzureSasCredential);
            _httpHeaders = compilation.GetTypeByMetadataName(SecretTypeNames.HttpHeaders);
            _authenticationHeaderValue = compilation.GetTypeByMetadataName(SecretTypeNames.AuthenticationHeaderValue);
            _environment = compilation.GetTypeByMetadataName(SecretTypeNames.Environment);
            _grpcMetadata = compilation.GetTypeByMetadataName(SecretTypeNames.GrpcMetadata);
        }

        private static readonly HashSet<string> BareCredentialWords = new(StringComparer.OrdinalIgnoreCase)
        {
            "key", "keys", "token", "tokens", "auth", "sig", "signature", "pat", "bearer", "pass", "pw", "sas", "value", "secret", "password", "credential",
        };

        public CredentialSink? Classify(IArgumentOperation argument)
        {
            var parameter = argument.Parameter;
            if (parameter?.ContainingSymbol is not IMethodSymbol method || method.ContainingType is not { } type)
                return null;
            var parent = argument.Parent;

            // A credential type as the parameter type: new OpenAIClient("…") converts to ApiKeyCredential.
            if (IsCredentialType(parameter.Type))
                return new CredentialSink(parameter.Type.Name + " parameter '" + parameter.Name + "' of " + Display(method), SinkValueKind.Value, EnvName(parameter.Name, method));

            if (!IsStringLike(parameter.Type))
                return null;

            // Credential types' own constructors and Update methods.
            if (IsCredentialType(type) && (method.MethodKind == MethodKind.Constructor || method.Name == "Update"))
            {
                var words = SecretText.SplitName(parameter.Name);
                var credentialParameter = SecretText.ClassifyName(parameter.Name) != SecretNameKind.None ||
                                          (words.Count == 1 && BareCredentialWords.Contains(words[0]));
                if (credentialParameter && !NamesIdentity(parameter.Name))
                    return new CredentialSink(type.Name + "(" + parameter.Name + ")", SinkValueKind.Value, EnvName(parameter.Name, method));
                return null;
            }

            if (_authenticationHeaderValue is not null && SymbolEqualityComparer.Default.Equals(type, _authenticationHeaderValue))
            {
                if (method.MethodKind == MethodKind.Constructor && parameter.Name == "parameter")
                    return new CredentialSink("AuthenticationHeaderValue(parameter)", SinkValueKind.Value, "AUTH_TOKEN");
                if (method.Name is "Parse" or "TryParse" && parameter.Ordinal == 0)
                    return new CredentialSink("AuthenticationHeaderValue." + method.Name, SinkValueKind.AuthorizationValue, "AUTH_TOKEN");
                return null;
            }

            // headers.Add("api-key", value) / TryAddWithoutValidation / gRPC Metadata.Add.
            if (parameter.Ordinal == 1 && method.Name is "Add" or "TryAddWithoutValidation" or "Append" or "TryAdd" or "Set" or "Insert" && IsHeaderCollection(type) &&
                parent is IInvocationOperation invocation && NameArgument(invocation.Arguments) is { } headerName && IsAuthHeaderName(headerName))
            {
                return new CredentialSink("header '" + headerName + "'", IsAuthorizationHeader(headerName) ? SinkValueKind.AuthorizationValue : SinkValueKind.Value, SecretText.ToEnvironmentName(headerName));
            }

            // Environment.SetEnvironmentVariable("OPENAI_API_KEY", value)
            if (_environment is not null && SymbolEqualityComparer.Default.Equals(type, _environment) && method.Name == "SetEnvironmentVariable" && parameter.Ordinal == 1 &&
                parent is IInvocationOperation setEnv && NameArgument(setEnv.Arguments) is { } variable && SecretText.ClassifyName(variable) != SecretNameKind.None)
            {
                return new CredentialSink("environment variable '" + variable + "'", SinkValueKind.Value, variable);
            }

            if (IsConnectionStringName(parameter.Name))
                return new CredentialSink("connection string of " + Display(method), SinkValueKind.ConnectionString, "CONNECTION_STRING");

            // Generic: a library parameter whose name says it is a secret.
            if (!IsInSource(method) && IsStrongSecretName(parameter.Name))
                return new CredentialSink("parameter '" + parameter.Name + "' of " + Display(method), SinkValueKind.Value, EnvName(parameter.Name, method));
            return null;
        }

        /// <summary>A write to a property: <c>builder.Password = "…"</c>, <c>options.ApiKey = "…"</c>,
        /// <c>client.Headers["x-api-key"] = "…"</c>, <c>ConnectionString = "…"</c>.</summary>
        public CredentialSink? Classify(IPropertyReferenceOperation target)
        {
            var property = target.Property;
            var type = property.ContainingType;
            if (type is null)
                return null;
            if (property.IsIndexer)
            {
                if (IsHeaderCollection(type) && target.Arguments.Length == 1 && target.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string header } && IsAuthHeaderName(header))
                    return new CredentialSink("header '" + header + "'", IsAuthorizationHeader(header) ? SinkValueKind.AuthorizationValue : SinkValueKind.Value, SecretText.ToEnvironmentName(header));
                return null;
            }

            if (IsInSource(property))
                return null;
            if (IsConnectionStringName(property.Name))
                return new CredentialSink(type.Name + "." + property.Name, SinkValueKind.ConnectionString, "CONNECTION_STRING");
            if (IsCredentialType(property.Type) || (IsStringLike(property.Type) && IsStrongSecretName(property.Name)))
                return new CredentialSink(type.Name + "." + property.Name, SinkValueKind.Value, SecretText.ToEnvironmentName(property.Name));
            return null;
        }

        private static string EnvName(string parameterName, IMethodSymbol method)
        {
            var typeName = method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;
            foreach (var provider in new[] { "AzureOpenAI", "OpenAI", "Anthropic", "HuggingFace", "Mistral", "Google", "Gemini", "Cohere", "Groq", "Pinecone", "Qdrant", "Ollama", "Bedrock", "Replicate" })
            {
                if (typeName.IndexOf(provider, StringComparison.OrdinalIgnoreCase) >= 0)
                    return SecretText.ToEnvironmentName(provider) + "_" + SecretText.ToEnvironmentName(parameterName);
            }

            return SecretText.ToEnvironmentName(parameterName);
        }

        private static string Display(IMethodSymbol method) =>
            method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.ContainingType.Name + "." + method.Name;

        private static bool IsInSource(ISymbol symbol)
        {
            foreach (var location in symbol.Locations)
            {
                if (location.IsInSource)
                    return true;
            }

            return false;
        }

        private bool IsCredentialType(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named)
                return false;
            if (SymbolEqualityComparer.Default.Equals(named, _apiKeyCredential) || SymbolEqualityComparer.Default.Equals(named, _azureKeyCredential) ||
                SymbolEqualityComparer.Default.Equals(named, _azureSasCredential))
                return true;
            var name = named.Name;
            return !IsInSource(named) && (name.EndsWith("Credential", StringComparison.Ordinal) || name.EndsWith("Credentials", StringComparison.Ordinal));
        }

        private static bool IsStringLike(ITypeSymbol? type)
        {
            if (type is null)
                return false;
            if (type.SpecialType == SpecialType.System_String)
                return true;
            if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Char or SpecialType.System_Byte })
                return true;
            return type is INamedTypeSymbol { Name: "ReadOnlySpan" or "ReadOnlyMemory" or "SecureString", } n &&
                   (n.TypeArguments.Length == 0 || n.TypeArguments[0].SpecialType is SpecialType.System_Char or SpecialType.System_Byte);
        }

        private bool IsHeaderCollection(INamedTypeSymbol type)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, _httpHeaders) || SymbolEqualityComparer.Default.Equals(t, _grpcMetadata))
                    return true;
                if (t.Name.IndexOf("Header", StringComparison.Ordinal) >= 0)
                    return true;
            }

            foreach (var i in type.AllInterfaces)
            {
                if (i.Name.IndexOf("Header", StringComparison.Ordinal) >= 0)
                    return true;
            }

            return false;
        }

        private static string? NameArgument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var a in arguments)
            {
                if (a.Parameter?.Ordinal == 0)
                    return a.Value.ConstantValue is { HasValue: true, Value: string s } ? s : null;
            }

            return null;
        }

        public static bool IsAuthorizationHeader(string name) =>
            name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase);

        public static bool IsAuthHeaderName(string name)
        {
            if (IsAuthorizationHeader(name) || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
                return true;
            return SecretText.ClassifyName(name) != SecretNameKind.None;
        }

        private static bool IsConnectionStringName(string name)
        {
            var tokens = SecretText.SplitName(name);
            for (var i = 0; i + 1 < tokens.Count; i++)
            {
                if (tokens[i] == "connection" && tokens[i + 1] is "string" or "str")
                    return true;
            }

            return false;
        }

        /// <summary>Names like apiKey / clientSecret / password / accessToken; bare key / token are too
        /// common as dictionary keys or lookup names to be a credential by themselves.</summary>
        public static bool IsStrongSecretName(string name)
        {
            if (SecretText.ClassifyName(name) == SecretNameKind.None)
                return false;
            var tokens = SecretText.SplitName(name);
            if (tokens.Count == 1)
                return tokens[0] is not ("key" or "keys" or "token" or "tokens" or "auth" or "sig" or "signature" or "pat" or "bearer" or "pass" or "pw" or "sas");
            return true;
        }

        private static bool NamesIdentity(string name)
        {
            var tokens = SecretText.SplitName(name);
            return tokens.Contains("name") || tokens.Contains("id") || tokens.Contains("user") || tokens.Contains("username") || tokens.Contains("account") && tokens.Count == 2 && tokens[1] == "name";
        }

        /// <summary>The credential text inside a sink value, with its offset in the value; null when
        /// the value holds no credential (a connection string without a password, a bare scheme).</summary>
        public static (string Credential, int Offset)? ExtractCredential(string value, SinkValueKind kind)
        {
            switch (kind)
            {
                case SinkValueKind.AuthorizationValue:
                {
                    var trimmed = value.Trim();
                    var space = trimmed.IndexOf(' ');
                    if (space > 0 && space < 32)
                    {
                        var rest = trimmed.Substring(space + 1).Trim();
                        return rest.Length == 0 ? null : (rest, value.IndexOf(rest, StringComparison.Ordinal));
                    }

                    return (trimmed, value.IndexOf(trimmed, StringComparison.Ordinal));
                }

                case SinkValueKind.ConnectionString:
                {
                    var offset = 0;
                    foreach (var part in value.Split(';'))
                    {
                        var eq = part.IndexOf('=');
                        if (eq > 0)
                        {
                            var key = part.Substring(0, eq).Trim().Replace(" ", string.Empty).ToLowerInvariant();
                            var v = part.Substring(eq + 1).Trim();
                            if (v.Length > 0 && key is "password" or "pwd" or "accountkey" or "sharedaccesskey" or "sharedaccesssignature" or "accesskey" or "apikey" or "clientsecret" or "secret" or "token" or "accesstoken" or "key")
                                return (v, offset + part.IndexOf(v, eq, StringComparison.Ordinal));
                        }

                        offset += part.Length + 1;
                    }

                    return null;
                }

                default:
                    return (value, 0);
            }
        }

        /// <summary>Is this constant a credential rather than a stand-in? Any non-placeholder value
        /// counts at a sink — the API says it is a credential — except prose, URLs and very short text.</summary>
        public static bool IsCredentialConstant(string credential)
        {
            var v = credential.Trim();
            if (v.Length < 6 || SecretText.IsPlaceholder(v) || SecretText.IsUrl(v))
                return false;
            foreach (var c in v)
            {
                if (char.IsWhiteSpace(c))
                    return false;
            }

            return true;
        }
    }
}
