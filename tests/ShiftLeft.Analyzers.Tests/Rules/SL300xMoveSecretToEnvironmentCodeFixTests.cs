using ShiftLeft.Analyzers.Rules.Secrets;
using F = ShiftLeft.Analyzers.Tests.Rules.SL300xFakeCredentials;
using Fix3001 = ShiftLeft.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ShiftLeft.Analyzers.Rules.Secrets.SL3001KnownFormatCredentialAnalyzer,
    ShiftLeft.Analyzers.CodeFixes.Rules.Secrets.SL300xMoveSecretToEnvironmentCodeFix>;
using Fix3002 = ShiftLeft.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ShiftLeft.Analyzers.Rules.Secrets.SL3002ConstantPassedAsCredentialAnalyzer,
    ShiftLeft.Analyzers.CodeFixes.Rules.Secrets.SL300xMoveSecretToEnvironmentCodeFix>;
using Fix3003 = ShiftLeft.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ShiftLeft.Analyzers.Rules.Secrets.SL3003HighEntropySecretNameAnalyzer,
    ShiftLeft.Analyzers.CodeFixes.Rules.Secrets.SL300xMoveSecretToEnvironmentCodeFix>;

namespace ShiftLeft.Analyzers.Tests.Rules;

[Trait("Rule", "SL3001")]
[Trait("Rule", "SL3002")]
[Trait("Rule", "SL3003")]
public class SL300xMoveSecretToEnvironmentCodeFixTests
{
    [Fact]
    public Task SL3001_ConstField_BecomesStaticReadonlyEnvironmentLookup()
    {
        var key = F.OpenAI();
        return Fix3001.VerifyCodeFixAsync($$"""
            using System;
            using OpenAI.Chat;

            class Chat
            {
                private const string OpenAIKey = "{|#0:{{key}}|}";

                public ChatClient Create() => new ChatClient("gpt-4o-mini", OpenAIKey);
            }
            """, """
            using System;
            using OpenAI.Chat;

            class Chat
            {
                private static readonly string OpenAIKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set OPENAI_API_KEY");

                public ChatClient Create() => new ChatClient("gpt-4o-mini", OpenAIKey);
            }
            """, Fix3001.Diagnostic("SL3001").WithLocation(0).WithArguments("OpenAI API key", SecretMatcher.Scan(key)![0].Redacted));
    }

    [Fact]
    public Task SL3001_NullableTarget_GetsNoThrow()
    {
        var token = F.HuggingFace();
        return Fix3001.VerifyCodeFixAsync($$"""
            #nullable enable
            using System;

            class Hub
            {
                public string? Token { get; set; } = "{|#0:{{token}}|}";
            }
            """, """
            #nullable enable
            using System;

            class Hub
            {
                public string? Token { get; set; } = Environment.GetEnvironmentVariable("HF_TOKEN");
            }
            """, Fix3001.Diagnostic("SL3001").WithLocation(0).WithArguments("Hugging Face token", SecretMatcher.Scan(token)![0].Redacted));
    }

    [Fact]
    public Task SL3002_InlineArgument_IsReplaced()
    {
        var key = F.GenericHex();
        return Fix3002.VerifyCodeFixAsync($$"""
            using System;
            using Azure;

            class Azure1
            {
                AzureKeyCredential Create() => new AzureKeyCredential({|#0:"{{key}}"|});
            }
            """, """
            using System;
            using Azure;

            class Azure1
            {
                AzureKeyCredential Create() => new AzureKeyCredential(Environment.GetEnvironmentVariable("KEY") ?? throw new InvalidOperationException("Set KEY"));
            }
            """, Fix3002.Diagnostic("SL3002").WithLocation(0).WithArguments(SecretText.Redact(key), "AzureKeyCredential(key)"));
    }

    [Fact]
    public Task SL3002_ConstLocal_LosesConst()
    {
        var key = F.GenericHex();
        // Reported on the declaration because of a use further down: the IDE shows it when the whole
        // method is analyzed, so the local (span-only) diagnostic check does not apply.
        var test = new Fix3002.Test
        {
            CodeFixTestBehaviors = Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            TestCode = $$"""
            using System;
            using Microsoft.SemanticKernel;

            class Kernels
            {
                Kernel Create()
                {
                    const string secondaryKey = {|#0:"{{key}}"|};
                    return Kernel.CreateBuilder().AddAzureOpenAIChatCompletion("chat", "https://contoso.openai.azure.com/", secondaryKey).Build();
                }
            }
            """,
            FixedCode = """
            using System;
            using Microsoft.SemanticKernel;

            class Kernels
            {
                Kernel Create()
                {
                    string secondaryKey = Environment.GetEnvironmentVariable("SECONDARY_KEY") ?? throw new InvalidOperationException("Set SECONDARY_KEY");
                    return Kernel.CreateBuilder().AddAzureOpenAIChatCompletion("chat", "https://contoso.openai.azure.com/", secondaryKey).Build();
                }
            }
            """,
        };
        test.ExpectedDiagnostics.Add(Fix3002.Diagnostic("SL3002").WithLocation(0).WithArguments(SecretText.Redact(key), "a credential parameter through 'secondaryKey'"));
        return test.RunAsync();
    }

    [Fact]
    public Task SL3003_Property_IsReplacedWithNamedVariable()
    {
        var secret = F.GenericB64();
        return Fix3003.VerifyCodeFixAsync($$"""
            using System;

            class Options
            {
                public string WebhookSecret { get; set; } = {|#0:"{{secret}}"|};
            }
            """, """
            using System;

            class Options
            {
                public string WebhookSecret { get; set; } = Environment.GetEnvironmentVariable("WEBHOOK_SECRET") ?? throw new InvalidOperationException("Set WEBHOOK_SECRET");
            }
            """, Fix3003.Diagnostic("SL3003").WithLocation(0).WithArguments("WebhookSecret", SecretText.Redact(secret)));
    }

    [Fact]
    public Task SL3001_SecretInsideALargerLiteral_HasNoFix()
    {
        var key = F.AzureStorageKey();
        var source = $$"""
            class Storage
            {
                const string Conn = "DefaultEndpointsProtocol=https;AccountName=a;AccountKey={|#0:{{key}}|};EndpointSuffix=core.windows.net";
            }
            """;
        return Fix3001.VerifyCodeFixAsync(source, source,
            Fix3001.Diagnostic("SL3001").WithLocation(0).WithArguments("Azure Storage account key", SecretMatcher.Scan(";AccountKey=" + key)![0].Redacted));
    }
}
