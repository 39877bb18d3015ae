using System.ClientModel;
using System.Net.Http.Headers;
using OpenAI;
using OpenAI.Chat;

namespace Holdout.Providers;

/// <summary>OpenAI-compatible providers behind one factory (written in a different style on purpose).</summary>
public static class MultiProvider
{
    private static readonly Dictionary<string, Uri> Endpoints = new()
    {
        ["mistral"] = new Uri("https://api.mistral.ai/v1"), «ok sink url»
        ["together"] = new Uri("https://api.together.xyz/v1"), «ok sink url»
    };

    public static ChatClient Mistral() =>
        new("mistral-large-latest", new ApiKeyCredential("{{alnum:32}}"), new OpenAIClientOptions { Endpoint = Endpoints["mistral"] }); «flag sink generic»

    public static ChatClient Together()
    {
        string key;
        key = "{{hex:64}}"; «flag sink generic #tog»
        return new ChatClient("meta-llama/Llama-3.3-70B-Instruct-Turbo", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = Endpoints["together"] }); «also #tog»
    }

    public static ChatClient Perplexity() => new("sonar-pro", "pplx-{{alnum:48}}"); «flag format generic»

    public static ChatClient DeepSeek() => new("deepseek-chat", new ApiKeyCredential("sk-{{hex:32}}")); «flag format generic»

    public static ChatClient OpenRouter() => new("openai/gpt-4o", "sk-or-v1-{{hex:64}}"); «flag format generic»

    public static HttpClient Cohere()
    {
        var http = new HttpClient { BaseAddress = new Uri("https://api.cohere.com/v2/") }; «ok sink url»
        http.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse("Bearer {{alnum:40}}"); «flag sink generic»
        return http;
    }

    public static HttpClient Voyage() => new()
    {
        DefaultRequestHeaders = { { "Authorization", $"Bearer {VoyageKey}" } }, «also #voy»
    };

    private const string VoyageKey = "pa-{{alnum:43}}"; «flag sink generic #voy»

    public static HttpClient Gemini()
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.TryAddWithoutValidation("x-goog-api-key", "{{google}}"); «flag format google»
        http.DefaultRequestHeaders.TryAddWithoutValidation("x-goog-user-project", "contoso-ml-prod"); «ok sink no_secret»
        return http;
    }

    public static HttpClient AzureSpeech() => new()
    {
        DefaultRequestHeaders = { { "Ocp-Apim-Subscription-Key", "{{hex:32}}" } }, «flag sink generic»
    };

    public static void ConfigureAssemblyAi() => Environment.SetEnvironmentVariable("ASSEMBLYAI_API_KEY", "{{hex:32}}"); «flag sink generic»

    public static void ConfigureRegion() => Environment.SetEnvironmentVariable("ASSEMBLYAI_REGION", "eu-west-1"); «ok sink no_secret»

    public static string Fireworks(string? fromConfig) => fromConfig ?? "fw_{{alnum:24}}"; «flag entropy generic»

    public static ChatClient Idempotent(string model) =>
        new(model, Environment.GetEnvironmentVariable("XAI_API_KEY") ?? throw new InvalidOperationException("Set XAI_API_KEY")); «ok sink env_lookup»

    public static readonly string XaiFallback = "xai-{{alnum:80}}"; «flag format generic»
    public static readonly string NvidiaKey = "nvapi-{{alnum:64}}"; «flag format generic»
    public static readonly string LangSmith = "lsv2_pt_{{hex:32}}_{{hex:10}}"; «flag format generic»
}

public sealed record ProviderSettings(string Name, string ApiKey, Uri Endpoint);

public static class Registry
{
    public static readonly ProviderSettings[] All =
    {
        new("mistral", "{{alnum:32}}", new Uri("https://api.mistral.ai/v1")), «flag entropy generic»
        new("groq", ApiKey: "{{groq}}", Endpoint: new Uri("https://api.groq.com/openai/v1")), «flag format groq»
        new("local", "ollama", new Uri("http://localhost:11434/v1")), «ok entropy placeholder»
    };

    public static ProviderSettings WithRotatedKey(ProviderSettings s) => s with { ApiKey = "{{b64:40}}" }; «flag entropy generic»

    public static string KeyFor(string provider) => provider switch
    {
        "deepinfra" => "{{alnum:32}}", «flag entropy generic»
        "sambanova" => Environment.GetEnvironmentVariable("SAMBANOVA_API_KEY") ?? "", «ok entropy env_lookup»
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}

/// <summary>Values that look random but are not secrets.</summary>
public static class NotSecrets
{
    public const string ApiKeyHeaderName = "x-api-key"; «ok entropy no_secret»
    public const string TokenizerVocabSha256 = "{{sha256}}"; «ok entropy sha256»
    public const string ApiKeyVaultSecretName = "openai-api-key-prod"; «ok entropy no_secret»
    public const string ApiKeyId = "{{guid}}"; «ok entropy guid»
    public const string EmbeddingCacheKey = "emb:v3:{{hex:40}}"; «ok entropy test_data»
    public const string PartitionKey = "{{b64:40}}"; «ok entropy test_data»
    public const string Nonce = "{{b64:24}}"; «ok entropy test_data»
    public const string TokenCountEstimate = "4096"; «ok entropy no_secret»
    public const string SecretRotationPolicy = "Rotate every 90 days via Key Vault; never commit"; «ok entropy doc_string»
    public const string PublicKeyPem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE{{b64:64}}\n-----END PUBLIC KEY-----"; «ok format no_secret»
    public const string CommitSha = "{{hex:40}}"; «ok entropy sha256»
    public const string ModelRevision = "{{hex:40}}"; «ok entropy sha256»
    public const string ExampleHeader = "Authorization: Bearer <token>"; «ok format placeholder»
    public const string SampleCurl = "curl -H \"x-api-key: $ANTHROPIC_API_KEY\" https://api.anthropic.com/v1/messages"; «ok format doc_string»
    public const string TokenEndpoint = "https://oauth2.googleapis.com/token"; «ok entropy url»
    public static readonly byte[] Salt = Convert.FromBase64String("{{b64:24}}"); «ok entropy test_data»
    public const string ConnectionTemplate = "Host=db;Username=ml;Password=${DB_PASSWORD}"; «ok format placeholder»
    public const string DevPostgres = "postgres://postgres:postgres@localhost:5432/ml"; «ok format placeholder»
}

public static class Leaky
{
    // export ANTHROPIC_API_KEY={{anthropic}} «flag format anthropic»
    public const string Db = "postgres://ml_admin:{{alnum:8}}9Q{{alnum:12}}@db.contoso.internal:5432/ml"; «flag format generic»
    public const string Webhook = "https://contoso.azurewebsites.net/api/score?code={{b64:54}}=="; «flag format generic»
    public const string SigningKeyHex = "{{hex:64}}"; «flag entropy generic»
    public static string EncryptionKey => "{{b64:44}}"; «flag entropy generic»
}
