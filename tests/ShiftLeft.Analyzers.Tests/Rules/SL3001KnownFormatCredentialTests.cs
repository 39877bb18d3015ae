using ShiftLeft.Analyzers.Rules.Secrets;
using F = ShiftLeft.Analyzers.Tests.Rules.SL300xFakeCredentials;
using Verify = ShiftLeft.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ShiftLeft.Analyzers.Rules.Secrets.SL3001KnownFormatCredentialAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL3001")]
public class SL3001KnownFormatCredentialTests
{
    /// <summary>Expected SL3001 with the provider and redacted prefix of the first credential in <paramref name="text"/>.</summary>
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult D(int location, string text)
    {
        var match = SecretMatcher.Scan(text)![0];
        return Verify.Diagnostic("SL3001").WithLocation(location).WithArguments(match.Format.Provider, match.Redacted);
    }

    public static TheoryData<string, string> Providers() => new()
    {
        { "OpenAI API key", F.OpenAI() },
        { "OpenAI API key", F.OpenAI("sk-svcacct-") },
        { "OpenAI API key", F.OpenAI("sk-admin-") },
        { "OpenAI API key", F.OpenAILegacy() },
        { "Anthropic API key", F.Anthropic() },
        { "Hugging Face token", F.HuggingFace() },
        { "Google API key", F.Google() },
        { "AWS access key id", F.AwsKeyId() },
        { "AWS access key id", F.AwsKeyId("ASIA") },
        { "GitHub token", F.GitHubPat() },
        { "GitHub token", F.GitHubPat("gho_") },
        { "GitHub token", F.GitHubPat("ghs_") },
        { "GitHub fine-grained token", F.GitHubFine() },
        { "Replicate API token", F.Replicate() },
        { "Groq API key", F.Groq() },
        { "Pinecone API key", F.Pinecone() },
        { "Slack token", F.Slack() },
        { "Slack token", F.Slack("xoxp") },
        { "Stripe secret key", F.Stripe() },
        { "Stripe secret key", F.Stripe("rk_live_") },
        { "JSON Web Token", F.Jwt() },
        { "Perplexity API key", F.Perplexity() },
        { "xAI API key", F.Xai() },
        { "OpenRouter API key", F.OpenRouter() },
        { "NVIDIA API key", F.Nvidia() },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public Task ProviderFormat_InAConstant_IsReported(string provider, string value) => Verify.VerifyAnalyzerAsync($$"""
        class Keys
        {
            public const string Key = "{|#0:{{value}}|}";
        }
        """, Verify.Diagnostic("SL3001").WithLocation(0).WithArguments(provider, SecretMatcher.Scan(value)![0].Redacted));

    public static TheoryData<string> NearMisses() => new()
    {
        F.GitHubPatBadChecksum(),                              // right shape, wrong CRC32
        F.HuggingFace(20),                                     // too short
        F.Google(20),                                          // too short
        "AKIA" + F.S("abcdefghijklmnopqrstuvwxyz234567", 16),  // lower-case AWS key id
        "sk-proj-" + F.S("abcdefghijklmnopqrstuvwxyzABCDEFGH0123456789", 90), // no T3BlbkFJ marker
        "sk-ant-api03-" + F.S("abcdefghijklmnopqrstuvwxyz0123456789", 93) + "ZZ",  // wrong terminator
        "gsk_" + F.S("abcdefghijklmnopqrstuvwxyz0123456789", 30),        // short Groq
        "r8_" + F.S("abcdefghijklmnopqrstuvwxyz0123456789", 20),         // short Replicate
        "xoxb-your-bot-token-goes-here",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",                          // a JWT header alone
    };

    [Theory]
    [MemberData(nameof(NearMisses))]
    public Task NearMiss_IsSilent(string value) => Verify.VerifyAnalyzerAsync($$"""
        class Keys
        {
            public const string Key = "{{value}}";
        }
        """);

    [Fact]
    public Task Decoys_AreSilent() => Verify.VerifyAnalyzerAsync("""
        class Samples
        {
            const string Placeholder1 = "sk-...";
            const string Placeholder2 = "sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
            const string Placeholder3 = "<your-api-key>";
            const string Placeholder4 = "YOUR_API_KEY";
            const string Placeholder5 = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
            const string Placeholder6 = "ghp_000000000000000000000000000000000000";
            const string Placeholder7 = "r8_************************************";
            const string AwsDocsKeyId = "AKIAIOSFODNN7EXAMPLE";
            const string AwsDocsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
            const string Azurite = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";
            const string JwtIo = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
            const string PublicKey = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEexampleexampleexampleexampleexample\n-----END PUBLIC KEY-----";
            const string PemPlaceholder = "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----";
            const string StripeHint = "use sk_test_... keys in CI, never sk_live_...";
            const string Guid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
            const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
            const string Url = "https://api.openai.com/v1/models";
            const string SkWords = "task-skill-extract, disk-skew-report, risk-sk-model";
            const string Doc = "Set OPENAI_API_KEY=sk-... (see https://platform.openai.com/api-keys)";
            const string Curl = "curl https://api.openai.com/v1/models -H \"Authorization: Bearer $OPENAI_API_KEY\"";
            const string LocalDb = "Server=localhost;Database=features;User ID=sa;Password=changeme;TrustServerCertificate=true";
            const string Template = "Server={0};Database=features;User ID={1};Password=<password>;";
        }
        """);

    [Fact]
    public Task EmbeddedFormats_ReportTheSecretPart()
    {
        var storageKey = F.AzureStorageKey();
        var sig = F.AzureSasSig();
        var google = F.Google();
        var password = F.GenericB64(24);
        return Verify.VerifyAnalyzerAsync($$"""
            class Storage
            {
                const string Conn = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={|#0:{{storageKey}}|};EndpointSuffix=core.windows.net";
                const string Sas = "https://acct.blob.core.windows.net/models/a.onnx?sv=2022-11-02&sp=r&sig={|#1:{{sig}}|}";
                const string Gemini = "https://generativelanguage.googleapis.com/v1beta/models/gemini:generateContent?key={|#2:{{google}}|}";
                const string Sql = "Server=tcp:db.example.net;Database=f;User ID=ml;Password={|#3:{{password}}|};Encrypt=True;";
            }
            """,
            D(0, ";AccountKey=" + storageKey), D(1, "&sig=" + sig), D(2, google), D(3, ";Password=" + password));
    }

    [Fact]
    public Task PrivateKeys_VerbatimAndEscaped_AreReported()
    {
        var body = F.PemBody();
        var lines = string.Join("\n", Enumerable.Range(0, body.Length / 64).Select(i => body.Substring(i * 64, 64)));
        var escaped = lines.Replace("\n", "\\n");
        return Verify.VerifyAnalyzerAsync($$"""
            class Keys
            {
                const string Pem = @"{|#0:-----BEGIN RSA PRIVATE KEY-----
            {{lines}}
            -----END RSA PRIVATE KEY-----|}";
                static readonly string Escaped = "{|#1:-----BEGIN PRIVATE KEY-----\n{{escaped}}\n-----END PRIVATE KEY-----|}";
            }
            """,
            Verify.Diagnostic("SL3001").WithLocation(0).WithArguments("Private key (PEM)", "-----BEGIN RSA PRIVATE KEY-----…"),
            Verify.Diagnostic("SL3001").WithLocation(1).WithArguments("Private key (PEM)", "-----BEGIN PRIVATE KEY-----…"));
    }

    [Fact]
    public Task AllLiteralKinds_AndComments_AreScanned()
    {
        var (a, b, c, d, e, g) = (F.OpenAI(), F.Groq(), F.HuggingFace(), F.Slack("xoxp"), F.Stripe(), F.Anthropic());
        return Verify.VerifyAnalyzerAsync($$$""""
            using System;

            class Literals
            {
                // TODO remove before merge: {|#0:{{{a}}}|}
                /* old billing key {|#1:{{{e}}}|} */
                static ReadOnlySpan<byte> Utf8 => "{|#2:{{{b}}}|}"u8;
                static string Raw() => """{"model":"claude","api_key":"{|#3:{{{g}}}|}"}""";
                static string Interpolated(string user) => $"user={user};token={|#4:{{{c}}}|}";
                static string Verbatim() => @"{|#5:{{{d}}}|}";
            }
            """",
            D(0, a), D(1, e), D(2, b), D(3, g), D(4, c), D(5, d));
    }

    [Fact]
    public Task AwsSecret_IsReportedByNameOrNextToAKeyId()
    {
        var (id, secret1, secret2, lone) = (F.AwsKeyId(), F.AwsSecret(), F.AwsSecret(), F.AwsSecret());
        return Verify.VerifyAnalyzerAsync($$"""
            class Aws
            {
                static readonly string AccessKeyId = "{|#0:{{id}}|}";
                static readonly string Paired = "{|#1:{{secret1}}|}";
            }

            class Named
            {





                static readonly string AwsSecretAccessKey = "{|#2:{{secret2}}|}";
            }

            class Alone
            {
                static readonly string Blob = "{{lone}}";
            }
            """,
            D(0, id),
            Verify.Diagnostic("SL3001").WithLocation(1).WithArguments("AWS secret access key", SecretText.Redact(secret1)),
            Verify.Diagnostic("SL3001").WithLocation(2).WithArguments("AWS secret access key", SecretText.Redact(secret2)));
    }

    [Fact]
    public async Task Message_NeverContainsTheSecret()
    {
        var key = F.OpenAI();
        var diagnostics = await F.RunAsync(new SL3001KnownFormatCredentialAnalyzer(), $$"""
            class C { const string K = "{{key}}"; }
            """);
        var diagnostic = Assert.Single(diagnostics);
        var message = diagnostic.GetMessage();
        Assert.DoesNotContain(key, message);
        Assert.DoesNotContain(key.Substring(8, 12), message);
        Assert.Contains("OpenAI API key", message);
        Assert.Contains("sk-proj-", message);
        Assert.Equal("OPENAI_API_KEY", diagnostic.Properties["EnvironmentVariable"]);
    }

    [Fact]
    public Task AllowPatterns_SilenceMatchingValues()
    {
        var reported = F.Groq();
        var pat = F.GitHubPat();
        return Verify.VerifyAnalyzerAsync($$"""
            class Keys
            {
                const string Fixture = "{{pat}}";
                const string Real = "{|#0:{{reported}}|}";
            }
            """,
            "shiftleft.secrets.allow_patterns = ^ghp_[A-Za-z0-9]{36}$, ^unused{1,2}$\n",
            D(0, reported));
    }

    [Fact]
    public Task IgnoredPaths_SkipMatchingFiles() => Verify.VerifyAnalyzerAsync($$"""
        class Keys
        {
            const string Key = "{{F.Groq()}}";
        }
        """,
        "shiftleft.SL3001.ignored_paths = **/Test0.cs\n");

    [Fact]
    public Task RuleSpecificIgnoredPath_DoesNotMatchOtherFiles()
    {
        var key = F.Groq();
        return Verify.VerifyAnalyzerAsync($$"""
            class Keys
            {
                const string Key = "{|#0:{{key}}|}";
            }
            """,
            "shiftleft.SL3001.ignored_paths = tests/**, *.Designer.cs\n",
            D(0, key));
    }
}
