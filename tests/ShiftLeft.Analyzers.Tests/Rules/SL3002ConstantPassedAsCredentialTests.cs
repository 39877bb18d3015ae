using ShiftLeft.Analyzers.Rules.Secrets;
using F = ShiftLeft.Analyzers.Tests.Rules.SL300xFakeCredentials;
using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Rules.Secrets.SL3002ConstantPassedAsCredentialAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL3002")]
public class SL3002ConstantPassedAsCredentialTests
{
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult D(int location, string credential, string target) =>
        Verify.Diagnostic("SL3002").WithLocation(location).WithArguments(SecretText.Redact(credential), target);

    [Fact]
    public Task CredentialTypes_AreSinks()
    {
        var (a, b, c, d, e) = (F.GenericHex(), F.GenericHex(), F.GenericB64(), F.GenericB64(44), F.GenericB64(88));
        return Verify.VerifyAnalyzerAsync($$"""
            using System;
            using System.ClientModel;
            using Azure;
            using Azure.AI.OpenAI;
            using Azure.Storage;
            using OpenAI.Chat;

            class Clients
            {
                static readonly Uri Endpoint = new("https://contoso.openai.azure.com/");

                AzureOpenAIClient A() => new AzureOpenAIClient(Endpoint, new AzureKeyCredential({|#0:"{{a}}"|}));
                ApiKeyCredential B() => new ApiKeyCredential({|#1:"{{b}}"|});
                ChatClient C() => new ChatClient("gpt-4o-mini", {|#2:"{{c}}"|});
                AzureSasCredential D() => new AzureSasCredential({|#3:"{{d}}"|});
                StorageSharedKeyCredential E() => new StorageSharedKeyCredential("account", {|#4:"{{e}}"|});
            }
            """,
            Verify.Diagnostic("SL3002").WithLocation(0).WithArguments(SecretText.Redact(a), "AzureKeyCredential(key)"),
            D(1, b, "ApiKeyCredential(key)"),
            D(2, c, "parameter 'apiKey' of ChatClient"),
            D(3, d, "AzureSasCredential(signature)"),
            D(4, e, "StorageSharedKeyCredential(accountKey)"));
    }

    [Fact]
    public Task SemanticKernelApiKeyParameters_AreSinks()
    {
        var (a, b) = (F.GenericHex(), F.GenericB64());
        return Verify.VerifyAnalyzerAsync($$"""
            using Microsoft.SemanticKernel;

            class Kernels
            {
                Kernel OpenAI() => Kernel.CreateBuilder().AddOpenAIChatCompletion(modelId: "gpt-4o-mini", apiKey: {|#0:"{{a}}"|}).Build();
                Kernel Azure() => Kernel.CreateBuilder().AddAzureOpenAIChatCompletion("chat", "https://contoso.openai.azure.com/", {|#1:"{{b}}"|}).Build();
            }
            """,
            D(0, a, "parameter 'apiKey' of OpenAIKernelBuilderExtensions.AddOpenAIChatCompletion"),
            D(1, b, "parameter 'apiKey' of AzureOpenAIKernelBuilderExtensions.AddAzureOpenAIChatCompletion"));
    }

    [Fact]
    public Task HeadersAndEnvironment_AreSinks()
    {
        var (a, b, c, d, e, f) = (F.GenericHex(), F.GenericB64(), F.GenericB64(), F.GenericHex(40), F.GenericB64(), F.GenericHex());
        return Verify.VerifyAnalyzerAsync($$"""
            using System;
            using System.Net.Http;
            using System.Net.Http.Headers;

            class Http
            {
                HttpClient Create()
                {
                    var http = new HttpClient();
                    http.DefaultRequestHeaders.Add("api-key", {|#0:"{{a}}"|});
                    http.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", {|#1:"{{b}}"|});
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", {|#2:"{{c}}"|});
                    http.DefaultRequestHeaders.Add("Authorization", "Bearer {{d}}"); // a Bearer token literal: SL3001 reports it
                    http.DefaultRequestHeaders.Add("Proxy-Authorization", {|#3:"Basic-ish {{d}}"|});
                    http.DefaultRequestHeaders.Add("Ocp-Apim-Subscription-Key", {|#4:"{{e}}"|});
                    http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
                    http.DefaultRequestHeaders.Add("x-ms-client-request-id", "3f2504e0-4f89-11d3-9a0c-0305e82c3301");
                    http.DefaultRequestHeaders.Add("X-Pinecone-API-Version", "2025-01");
                    return http;
                }

                void Env()
                {
                    Environment.SetEnvironmentVariable("MISTRAL_API_KEY", {|#5:"{{f}}"|});
                    Environment.SetEnvironmentVariable("OPENAI_MODEL", "gpt-4o-mini");
                    Environment.SetEnvironmentVariable("OPENAI_BASE_URL", "https://api.openai.com/v1");
                }
            }
            """,
            Verify.Diagnostic("SL3002").WithLocation(0).WithArguments(SecretText.Redact(a), "header 'api-key'"),
            D(1, b, "header 'X-Api-Key'"),
            D(2, c, "AuthenticationHeaderValue(parameter)"),
            D(3, d, "header 'Proxy-Authorization'"),
            D(4, e, "header 'Ocp-Apim-Subscription-Key'"),
            Verify.Diagnostic("SL3002").WithLocation(5).WithArguments(SecretText.Redact(f), "environment variable 'MISTRAL_API_KEY'"));
    }

    [Fact]
    public Task PasswordsAndConnectionStrings_AreSinks() => Verify.VerifyAnalyzerAsync("""
        using System.Net;
        using Azure.Storage.Blobs;

        class Data
        {
            NetworkCredential Proxy() => new NetworkCredential("svc-ml", {|#0:"Tr0ub4dor&3x"|});
            BlobServiceClient Bus() => new BlobServiceClient({|#1:"BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&sig=abc"|});
            BlobServiceClient Local() => new BlobServiceClient("UseDevelopmentStorage=true");
            BlobServiceClient NoCredential() => new BlobServiceClient("BlobEndpoint=https://a.blob.core.windows.net/");
        }
        """,
        D(0, "Tr0ub4dor&3x", "NetworkCredential(password)"),
        D(1, "sv=2022-11-02&sig=abc", "connection string of BlobServiceClient"));

    [Fact]
    public Task ConstantsThroughFieldsLocalsAndExpressions_AreResolved()
    {
        var (h1, h2, b, c, u, r) = (F.GenericHex(16), F.GenericHex(16), F.GenericB64(), F.GenericHex(), F.GenericHex(), F.GenericB64());
        var (decoded, charKey, fallback) = (F.GenericHex(), F.GenericHex(24), F.GenericHex());
        var b64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(decoded));
        var chars = string.Join(", ", charKey.Select(ch => "'" + ch + "'"));
        return Verify.VerifyAnalyzerAsync($$""""
            using System;
            using System.ClientModel;
            using System.Text;
            using Azure;

            class Assembly
            {
                private const string Head = {|#0:"{{h1}}"|}, Tail = "{{h2}}";
                private static readonly string Backup = {|#1:"{{b}}"|};

                AzureKeyCredential Pieces() => new(Head + Tail);
                ApiKeyCredential ReadOnlyField() => new(Backup);
                ApiKeyCredential Again() => new(Backup);

                ApiKeyCredential Local()
                {
                    var key = {|#2:"{{c}}"|};
                    return new ApiKeyCredential(key);
                }

                ApiKeyCredential Utf8()
                {
                    ReadOnlySpan<byte> bytes = {|#3:"{{u}}"u8|};
                    return new ApiKeyCredential(Encoding.UTF8.GetString(bytes));
                }

                ApiKeyCredential Raw() => new({|#4:"""{{r}}"""|});
                ApiKeyCredential Base64() => new(Encoding.UTF8.GetString(Convert.FromBase64String({|#5:"{{b64}}"|})));
                ApiKeyCredential Chars() => new(new string({|#6:new[] { {{chars}} }|}));
                ApiKeyCredential Fallback(string? fromConfig) => new(fromConfig ?? {|#7:"{{fallback}}"|});
            }
            """",
            Verify.Diagnostic("SL3002").WithLocation(0).WithArguments(SecretText.Redact(h1 + h2), "a credential parameter through 'Head'"),
            D(1, b, "a credential parameter through 'Backup'"),
            D(2, c, "a credential parameter through 'key'"),
            D(3, u, "a credential parameter through 'bytes'"),
            D(4, r, "ApiKeyCredential(key)"),
            D(5, decoded, "ApiKeyCredential(key)"),
            D(6, charKey, "ApiKeyCredential(key)"),
            D(7, fallback, "ApiKeyCredential(key)"));
    }

    [Fact]
    public Task StaticReadonlyFieldInAnotherFile_IsReadSyntactically()
    {
        var key = F.GenericB64();
        var test = new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.ClientModel;

                    class Use { ApiKeyCredential Create() => new(Keys.Cohere); }
                    """,
                    $$"""
                    static class Keys
                    {
                        public static readonly string Cohere = "{{key.Substring(0, 10)}}" + {|#0:"{{key.Substring(10)}}"|};
                    }
                    """,
                },
            },
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("SL3002").WithLocation(0).WithArguments(SecretText.Redact(key), "a credential parameter through 'Cohere'"));
        return test.RunAsync();
    }

    [Fact]
    public Task NonConstantsAndPlaceholders_AreSilent() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.ClientModel;
        using Azure;
        using Microsoft.Extensions.Configuration;
        using OpenAI.Chat;

        class Clean
        {
            ChatClient Env() => new ChatClient("gpt-4o", Environment.GetEnvironmentVariable("OPENAI_API_KEY")!);
            AzureKeyCredential Config(IConfiguration configuration) => new AzureKeyCredential(configuration["AzureOpenAI:ApiKey"]!);
            ApiKeyCredential Parameter(string key) => new ApiKeyCredential(key);
            ChatClient Placeholder1() => new ChatClient("gpt-4o", "<your-api-key>");
            ChatClient Placeholder2() => new ChatClient("gpt-4o", "sk-...");
            AzureKeyCredential Placeholder3() => new AzureKeyCredential("YOUR_API_KEY");
            ApiKeyCredential Placeholder4() => new ApiKeyCredential("changeme");
            ApiKeyCredential NamesTheThing1() => new ApiKeyCredential("fakekey");
            AzureKeyCredential NamesTheThing2() => new AzureKeyCredential("api-key");
            ChatClient NamesTheThing3() => new ChatClient("gpt-4o", "bad-key");
            AzureKeyCredential NamesTheThing4() => new AzureKeyCredential("wrong_password2");
            ApiKeyCredential Empty() => new ApiKeyCredential(string.Empty);
            ApiKeyCredential Fallback(string? k) => new ApiKeyCredential(k ?? "changeme");

            void Mixed()
            {
                var key = "2f5c1a9e8d7b6c5a4f3e2d1c0b9a8f7e";
                key = Environment.GetEnvironmentVariable("KEY") ?? "";
                _ = new ApiKeyCredential(key);
            }
        }
        """);

    [Fact]
    public async Task KnownFormat_IsLeftToSL3001_UnlessSL3001IsDisabled()
    {
        var key = F.OpenAI();
        var source = $$"""
            using OpenAI.Chat;

            class Chat { ChatClient Create() => new ChatClient("gpt-4o", {|#0:"{{key}}"|}); }
            """;
        await Verify.VerifyAnalyzerAsync(source.Replace("{|#0:", string.Empty).Replace("|}", string.Empty));
        await Verify.VerifyAnalyzerAsync(source, "dotnet_diagnostic.SL3001.severity = none\n",
            Verify.Diagnostic("SL3002").WithLocation(0).WithArguments(SecretMatcher.Scan(key)![0].Redacted, "parameter 'apiKey' of ChatClient"));
    }

    [Fact]
    public Task AllowPatterns_AndIgnoredPaths() => Verify.VerifyAnalyzerAsync("""
        using System.ClientModel;

        class Fixtures
        {
            ApiKeyCredential A() => new ApiKeyCredential("kx-2f5c1a9e8d7b6c5a4f3e");
            ApiKeyCredential B() => new ApiKeyCredential({|#0:"kq-2f5c1a9e8d7b6c5a4f3e"|});
        }
        """, "shiftleft.SL3002.allow_patterns = ^kx-[0-9a-f]+$\n", D(0, "kq-2f5c1a9e8d7b6c5a4f3e", "ApiKeyCredential(key)"));
}
