using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.Rules.Secrets;
using F = ShiftLeft.Analyzers.Tests.Rules.SL300xFakeCredentials;
using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Rules.Secrets.SL3004SecretInConfigurationFileAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL3004")]
public class SL3004SecretInConfigurationFileTests
{
    private static Task RunAsync((string Path, string Text)[] files, string? globalConfig, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = "class Program { }" };
        foreach (var file in files)
            test.TestState.AdditionalFiles.Add(file);
        if (globalConfig is not null)
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static (string Provider, string Redacted) M(string text)
    {
        var match = SecretMatcher.Scan(text)![0];
        return (match.Format.Provider, match.Redacted);
    }

    [Fact]
    public Task AppSettingsJson_ReportsAtTheValue()
    {
        var (openai, hex) = (F.OpenAI(), F.GenericHex());
        var json = $$"""
            {
              "Logging": { "LogLevel": { "Default": "Information" } },
              // comments are allowed in appsettings
              "OpenAI": {
                "ApiKey": "{{openai}}",
                "Model": "gpt-4o-mini"
              },
              "AzureOpenAI": {
                "Endpoint": "https://contoso.openai.azure.com/",
                "ApiKey": "{{hex}}",
                "DeploymentId": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
              },
              "Models": [ { "Uri": "https://a.blob.core.windows.net/m.onnx", "Sha256": "{{F.GenericHex(64)}}" } ],
              "Anthropic": { "ApiKey": "${ANTHROPIC_API_KEY}" },
              "HuggingFace": { "Token": "<your-token>" }
            }
            """;
        return RunAsync(new[] { ("/app/appsettings.json", json) }, null,
            Verify.Diagnostic("SL3004").WithSpan("/app/appsettings.json", 5, 16, 5, 16 + openai.Length)
                .WithArguments("OpenAI API key", SecretMatcher.Scan(openai)![0].Redacted, "appsettings.json", "OpenAI:ApiKey"),
            Verify.Diagnostic("SL3004").WithSpan("/app/appsettings.json", 10, 16, 10, 48)
                .WithArguments("Secret value", SecretText.Redact(hex), "appsettings.json", "AzureOpenAI:ApiKey"));
    }

    [Fact]
    public Task DotEnv_HandlesExportQuotesAndComments()
    {
        var (hf, hex, b64) = (F.HuggingFace(), F.GenericHex(), F.GenericB64());
        var env = $"""
            # local environment
            export HF_TOKEN={hf}
            WANDB_API_KEY="{hex}"
            COHERE_API_KEY='{b64}' # rotated monthly
            OPENAI_API_KEY=sk-...
            OPENAI_MODEL=gpt-4o-mini
            AZURE_TENANT_ID=3f2504e0-4f89-11d3-9a0c-0305e82c3301
            MODEL_SHA256={F.GenericHex(64)}
            AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
            AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            """;
        return RunAsync(new[] { ("/app/.env", env) }, null,
            Verify.Diagnostic("SL3004").WithSpan("/app/.env", 2, 17, 2, 17 + hf.Length).WithArguments(M(hf).Provider, M(hf).Redacted, ".env", "HF_TOKEN"),
            Verify.Diagnostic("SL3004").WithSpan("/app/.env", 3, 16, 3, 48).WithArguments("Secret value", SecretText.Redact(hex), ".env", "WANDB_API_KEY"),
            Verify.Diagnostic("SL3004").WithSpan("/app/.env", 4, 17, 4, 57).WithArguments("Secret value", SecretText.Redact(b64), ".env", "COHERE_API_KEY"));
    }

    [Fact]
    public Task DotEnv_PairsAwsSecretWithKeyId()
    {
        var (id, secret) = (F.AwsKeyId(), F.AwsSecret());
        return RunAsync(new[] { ("/app/prod.env", $"AWS_ACCESS_KEY_ID={id}\nAWS_SECRET_ACCESS_KEY={secret}\n") }, null,
            Verify.Diagnostic("SL3004").WithSpan("/app/prod.env", 1, 19, 1, 39).WithArguments("AWS access key id", M(id).Redacted, "prod.env", "AWS_ACCESS_KEY_ID"),
            Verify.Diagnostic("SL3004").WithSpan("/app/prod.env", 2, 23, 2, 63).WithArguments("AWS secret access key", SecretText.Redact(secret), "prod.env", "AWS_SECRET_ACCESS_KEY"));
    }

    [Fact]
    public Task LaunchSettingsAndSecretsJson_AreChecked()
    {
        var (pat, bad, jwt) = (F.GitHubPat(), F.GitHubPatBadChecksum(), F.Jwt());
        var launch = $$"""
            {
              "profiles": {
                "App": {
                  "environmentVariables": {
                    "GITHUB_TOKEN": "{{pat}}",
                    "MOCK_GITHUB_TOKEN": "{{bad}}"
                  }
                }
              }
            }
            """;
        var secrets = $$"""
            { "Auth:ServiceToken": "{{jwt}}", "AzureAd:ClientId": "3f2504e0-4f89-11d3-9a0c-0305e82c3301" }
            """;
        return RunAsync(new[] { ("/app/Properties/launchSettings.json", launch), ("/app/secrets.json", secrets) }, null,
            Verify.Diagnostic("SL3004").WithSpan("/app/Properties/launchSettings.json", 5, 26, 5, 26 + pat.Length)
                .WithArguments("GitHub token", M(pat).Redacted, "launchSettings.json", "profiles:App:environmentVariables:GITHUB_TOKEN"),
            Verify.Diagnostic("SL3004").WithSpan("/app/secrets.json", 1, 25, 1, 25 + jwt.Length)
                .WithArguments("JSON Web Token", M(jwt).Redacted, "secrets.json", "Auth:ServiceToken"));
    }

    [Fact]
    public Task XmlConfig_AppSettingsAndConnectionStrings()
    {
        var (groq, key, pw, sak) = (F.Groq(), F.AzureStorageKey(), F.GenericB64(), F.GenericB64(43) + "=");
        var xml = $$"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <appSettings>
                <add key="Groq:ApiKey" value="{{groq}}" />
                <add key="Training:BaseModel" value="text-embedding-3-small" />
                <!-- <add key="Old:ApiKey" value="<your-key>" /> -->
              </appSettings>
              <connectionStrings>
                <add name="Models" connectionString="DefaultEndpointsProtocol=https;AccountName=a;AccountKey={{key}};EndpointSuffix=core.windows.net" />
                <add name="Features" connectionString="Server=tcp:db;Database=f;User ID=ml;Password={{pw}};" providerName="Microsoft.Data.SqlClient" />
                <add name="Events" connectionString="Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={{sak}}" />
                <add name="Local" connectionString="Server=(localdb)\MSSQLLocalDB;Integrated Security=true" />
              </connectionStrings>
            </configuration>
            """;
        var line9 = "    <add name=\"Models\" connectionString=\"DefaultEndpointsProtocol=https;AccountName=a;AccountKey=".Length + 1;
        var line10 = "    <add name=\"Features\" connectionString=\"Server=tcp:db;Database=f;User ID=ml;Password=".Length + 1;
        var line11 = "    <add name=\"Events\" connectionString=\"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=".Length + 1;
        return RunAsync(new[] { ("/app/web.config", xml) }, null,
            Verify.Diagnostic("SL3004").WithSpan("/app/web.config", 4, 35, 4, 35 + groq.Length).WithArguments("Groq API key", SecretMatcher.Scan(groq)![0].Redacted, "web.config", "add[Groq:ApiKey]/@value"),
            Verify.Diagnostic("SL3004").WithSpan("/app/web.config", 9, line9, 9, line9 + key.Length)
                .WithArguments("Azure Storage account key", M(";AccountKey=" + key).Redacted, "web.config", "add[Models]/@connectionString"),
            Verify.Diagnostic("SL3004").WithSpan("/app/web.config", 10, line10, 10, line10 + pw.Length)
                .WithArguments("Password in connection string", M(";Password=" + pw).Redacted, "web.config", "add[Features]/@connectionString"),
            Verify.Diagnostic("SL3004").WithSpan("/app/web.config", 11, line11, 11, line11 + sak.Length)
                .WithArguments("Azure Service Bus / Event Hubs shared access key", M(";SharedAccessKey=" + sak).Redacted, "web.config", "add[Events]/@connectionString"));
    }

    [Fact]
    public Task OtherAdditionalFiles_AreIgnored() => RunAsync(
        new[] { ("/app/package-lock.json", $$"""{ "token": "{{F.Groq()}}" }"""), ("/app/data.json", $$"""{ "ApiKey": "{{F.OpenAI()}}" }"""), ("/app/notes.txt", F.Groq()) },
        null);

    [Fact]
    public Task IgnoredPathsAndAllowPatterns_Apply()
    {
        var (a, b) = (F.Groq(), F.Replicate());
        return RunAsync(
            new[] { ("/app/samples/appsettings.json", $$"""{ "Groq": { "ApiKey": "{{a}}" } }"""), ("/app/appsettings.json", $$"""{ "Replicate": { "Token": "{{b}}" }, "Groq": { "ApiKey": "{{a}}" } }""") },
            "shiftleft.secrets.ignored_paths = samples/**\nshiftleft.SL3004.allow_patterns = ^r8_\n",
            Verify.Diagnostic("SL3004").WithSpan("/app/appsettings.json", 1, 28 + b.Length + 26, 1, 28 + b.Length + 26 + a.Length)
                .WithArguments("Groq API key", M(a).Redacted, "appsettings.json", "Groq:ApiKey"));
    }
}
