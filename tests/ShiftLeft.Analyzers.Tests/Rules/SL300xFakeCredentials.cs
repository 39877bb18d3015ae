using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.Tests.Verifiers;

namespace ShiftLeft.Analyzers.Tests.Rules;

/// <summary>
/// Structurally valid but fake credentials, generated at test time from a fixed seed (no real key is
/// ever committed), plus a small runner that returns raw diagnostics for message/property checks.
/// </summary>
internal static class SL300xFakeCredentials
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string B62 = Digits + Upper + Lower;
    private const string UrlSafe = B62 + "-_";
    private const string Hex = "0123456789abcdef";

    private static readonly Random Rng = new(20250611);

    public static string S(string alphabet, int n)
    {
        lock (Rng)
        {
            var sb = new StringBuilder(n);
            for (var i = 0; i < n; i++)
                sb.Append(alphabet[Rng.Next(alphabet.Length)]);
            return sb.ToString();
        }
    }

    private static byte[] Bytes(int n)
    {
        lock (Rng)
        {
            var b = new byte[n];
            Rng.NextBytes(b);
            return b;
        }
    }

    public static string OpenAI(string prefix = "sk-proj-") => prefix + S(UrlSafe, 74) + "T3BlbkFJ" + S(UrlSafe, 74);
    public static string OpenAILegacy() => "sk-" + S(B62, 20) + "T3BlbkFJ" + S(B62, 20);
    public static string Anthropic() => "sk-ant-api03-" + S(UrlSafe, 93) + "AA";
    public static string HuggingFace(int n = 34) => "hf_" + S(Upper + Lower, n);
    public static string Google(int n = 33) => "AIzaSy" + S(UrlSafe, n);
    public static string AwsKeyId(string prefix = "AKIA") => prefix + S(Upper + "234567", 16);
    public static string AwsSecret() => S(B62, 38) + "+/";
    public static string AzureStorageKey() => Convert.ToBase64String(Bytes(64));
    public static string AzureSasSig() => Convert.ToBase64String(Bytes(32)).Replace("+", "%2B").Replace("/", "%2F").Replace("=", "%3D");
    public static string AzureOpenAI() => S(Hex, 32);
    public static string GitHubPat(string prefix = "ghp_")
    {
        var body = S(B62, 30);
        return prefix + body + ShiftLeft.Analyzers.Rules.Secrets.SecretMatcher.Base62Crc32(body);
    }

    public static string GitHubPatBadChecksum()
    {
        var body = S(B62, 30);
        var good = ShiftLeft.Analyzers.Rules.Secrets.SecretMatcher.Base62Crc32(body);
        var bad = good[0] == 'A' ? "B" + good.Substring(1) : "A" + good.Substring(1);
        return "ghp_" + body + bad;
    }

    public static string GitHubFine() => "github_pat_11" + S(Upper + Digits, 20) + "_" + S(B62, 59);
    public static string Replicate() => "r8_" + S(B62, 37);
    public static string Groq() => "gsk_" + S(B62, 52);
    public static string Pinecone() => "pcsk_" + S(B62, 6) + "_" + S(B62, 63);
    public static string Slack(string kind = "xoxb") => kind + "-" + S(Digits, 12) + "-" + S(Digits, 13) + "-" + S(B62, 24);
    public static string Stripe(string prefix = "sk_live_") => prefix + "51" + S(B62, 97);
    public static string Perplexity() => "pplx-" + S(B62, 48);
    public static string Xai() => "xai-" + S(B62, 80);
    public static string OpenRouter() => "sk-or-v1-" + S(Hex, 64);
    public static string Nvidia() => "nvapi-" + S(UrlSafe, 64);
    public static string GenericB64(int n = 40) => S(B62, n - 2) + "+/";
    public static string GenericHex(int n = 32) => S(Hex, n);

    public static string Jwt()
    {
        static string B64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = B64Url(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
        var payload = B64Url(Encoding.UTF8.GetBytes("{\"sub\":\"" + S(Hex, 12) + "\",\"scope\":\"inference\",\"iat\":1700000000}"));
        return header + "." + payload + "." + B64Url(Bytes(32));
    }

    public static string PemBody() => Convert.ToBase64String(Bytes(600));

    /// <summary>Runs one analyzer over C# sources (and additional files) and returns its diagnostics.</summary>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(DiagnosticAnalyzer analyzer, string source, params (string Path, string Text)[] additionalFiles)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test0.cs");
        var compilation = CSharpCompilation.Create("Probe", new[] { tree }, TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new AnalyzerOptions(additionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray());
        return await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options).GetAnalyzerDiagnosticsAsync();
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) =>
            Microsoft.CodeAnalysis.Text.SourceText.From(text);
    }
}
