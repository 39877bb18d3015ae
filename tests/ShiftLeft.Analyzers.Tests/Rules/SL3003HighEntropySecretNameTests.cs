using ShiftLeft.Analyzers.Rules.Secrets;
using F = ShiftLeft.Analyzers.Tests.Rules.SL300xFakeCredentials;
using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Rules.Secrets.SL3003HighEntropySecretNameAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL3003")]
public class SL3003HighEntropySecretNameTests
{
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult D(int location, string name, string value) =>
        Verify.Diagnostic("SL3003").WithLocation(location).WithArguments(name, SecretText.Redact(value));

    [Fact]
    public Task SecretNamedTargets_AreReported()
    {
        var v = Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? F.GenericB64() : F.GenericHex()).ToArray();
        return Verify.VerifyAnalyzerAsync($$"""
            using System.Collections.Generic;

            class Settings
            {
                private const string JwtSigningSecret = {|#0:"{{v[0]}}"|};
                public string FallbackToken { get; set; } = {|#1:"{{v[1]}}"|};
                public string WebhookSecret => {|#2:"{{v[2]}}"|};

                void Locals()
                {
                    var wandbApiKey = {|#3:"{{v[3]}}"|};
                    string clientSecret;
                    clientSecret = {|#4:"{{v[4]}}"|};
                    _ = wandbApiKey + clientSecret;
                }

                void Connect(string host, string apiKey = {|#5:"{{v[5]}}"|}) { }
                void Call() => Connect("localhost", apiKey: {|#6:"{{v[6]}}"|});

                Dictionary<string, string> Map() => new()
                {
                    ["ApiKey"] = {|#7:"{{v[7]}}"|},
                    ["Model"] = "gpt-4o-mini",
                };

                Dictionary<string, string> Add()
                {
                    var d = new Dictionary<string, string> { { "MISTRAL_API_KEY", {|#8:"{{v[8]}}"|} } };
                    d.Add("CohereToken", {|#9:"{{v[9]}}"|});
                    return d;
                }

                object Anonymous() => new { api_key = {|#10:"{{v[10]}}"|}, model = "gpt-4o" };
                Options Init() => new Options { Password = {|#11:"{{v[11]}}"|} };
            }

            class Options { public string Password { get; set; } = ""; }
            """,
            D(0, "JwtSigningSecret", v[0]),
            D(1, "FallbackToken", v[1]),
            D(2, "WebhookSecret", v[2]),
            D(3, "wandbApiKey", v[3]),
            D(4, "clientSecret", v[4]),
            D(5, "apiKey", v[5]),
            D(6, "apiKey", v[6]),
            D(7, "ApiKey", v[7]),
            D(8, "MISTRAL_API_KEY", v[8]),
            D(9, "CohereToken", v[9]),
            D(10, "api_key", v[10]),
            D(11, "Password", v[11]));
    }

    [Fact]
    public Task LookupKeys_AreSilent_ButKeyParametersOfCredentialMembersAreNot()
    {
        var secret = F.GenericB64();
        return Verify.VerifyAnalyzerAsync($$"""
            using System.Collections.Generic;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            class Lookups
            {
                string Read(IConfiguration config, Dictionary<string, string> d, [FromKeyedServices("HomeAutomationKernel7Qx")] object kernel)
                {
                    d["ChatResponseMessage.FunctionToolCalls"] = config["AzureAIInference:ChatModelId"]!;
                    d.TryGetValue("MistralAI:ImageModelId9f", out var model);
                    return d["AzureOpenAI:Deployment4oMini"] + model;
                }

                SigningKey Configure() => new SigningKey({|#0:"{{secret}}"|});
            }

            class SigningKey { public SigningKey(string key) { } }
            """, D(0, "key", secret));
    }

    [Fact]
    public Task ChosenPasswords_UseTheLowerBar() => Verify.VerifyAnalyzerAsync("""
        class Db
        {
            const string AdminPassword = {|#0:"Tr0ub4dor&3x"|};
            const string Password = "changeme";
            const string DbPwd = "postgres";
            const string PasswordPolicy = "Password must be at least 12 characters";
        }
        """, D(0, "AdminPassword", "Tr0ub4dor&3x"));

    [Fact]
    public Task Decoys_AreSilent()
    {
        var (guid, sha, png, blob) = ("3f2504e0-4f89-11d3-9a0c-0305e82c3301", F.GenericHex(64),
            Convert.ToBase64String(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.Concat(Enumerable.Repeat((byte)7, 40)).ToArray()),
            Convert.ToBase64String(Enumerable.Range(0, 240).Select(i => (byte)(i * 37)).ToArray()));
        return Verify.VerifyAnalyzerAsync($$"""
            [assembly: System.Reflection.AssemblyMetadata("ModelSha256", "{{sha}}")]

            class Decoys
            {
                const string TenantId = "{{guid}}";
                const string ApiKeyId = "{{guid}}";
                const string ModelSha256 = "{{sha}}";
                const string TokenHash = "{{sha}}";
                const string SnapshotDigest = "sha256:{{sha}}";
                const string TokenLogoPng = "{{png}}";
                const string SecretBlob = "{{blob}}";
                const string ApiKeyName = "api-key";
                const string ApiKeyHeader = "x-api-key";
                const string TokenEndpoint = "https://login.microsoftonline.com/common/oauth2/v2.0/token";
                const string SecretName = "openai-api-key-prod-2024";
                const string DeploymentKey = "gpt-4o-mini-2024-07-18";
                const string ApiKey = "YOUR_PINECONE_API_KEY";
                const string Token = "dummy-token-for-unit-tests";
                const string Secret = "not-a-real-secret";
                const string SigningKey = "<signing-key>";
                const string AccessToken = "${ACCESS_TOKEN}";
                const string PartitionKey = "{{F.GenericB64()}}";
                const string CacheKey = "{{F.GenericB64()}}";
                const string SessionId = "{{F.GenericB64()}}";
                const string TestData = "{{F.GenericB64()}}";
                static readonly string[] BenchmarkInputs = { "{{F.GenericB64()}}", "{{F.GenericHex()}}" };
                const int MaxTokens = 4096;
                const string KernelFunctionContextKey = "KernelFunctionContextOpenApiKey";
                const string AdditionalPropertiesKey = "additionalProperties";
                const string ServiceKey = "AzureAIInference:ChatModelId";
            }
            """);
    }

    [Fact]
    public Task KnownFormatsAndSinks_AreLeftToTheirRules()
    {
        var (openai, hex) = (F.OpenAI(), F.GenericHex());
        return Verify.VerifyAnalyzerAsync($$"""
            using System.ClientModel;

            class Overlap
            {
                const string OpenAIKey = "{{openai}}";
                ApiKeyCredential Create() => new ApiKeyCredential(key: "{{hex}}");

                ApiKeyCredential FromLocal()
                {
                    var apiKey = "{{F.GenericHex()}}";
                    return new ApiKeyCredential(apiKey);
                }
            }
            """);
    }

    [Fact]
    public Task SwitchArmsAndArrays_UseTheTargetName()
    {
        var (a, b) = (F.GenericB64(), F.GenericHex());
        return Verify.VerifyAnalyzerAsync($$"""
            class Providers
            {
                static string ApiKeyFor(string provider) => provider switch
                {
                    "cohere" => {|#0:"{{a}}"|},
                    _ => "",
                };

                static readonly string[] FallbackTokens = { {|#1:"{{b}}"|} };
            }
            """,
            D(0, "ApiKeyFor", a),
            D(1, "FallbackTokens", b));
    }

    [Fact]
    public Task IgnoredPaths_And_AllowPatterns() => Verify.VerifyAnalyzerAsync($$"""
        class Settings
        {
            const string ApiKey = "{{F.GenericHex()}}";
        }
        """, "shiftleft.secrets.ignored_paths = /0/**\n");
}
