using System.Text;

namespace ShiftLeft.Benchmarks;

/// <summary>A deterministic, literal-heavy C# file: every line holds at least one string literal
/// (random tokens, GUIDs, URLs, model names, digests, base64, prose) and roughly one line in 200 a
/// fake credential, so the matcher's prefilter and every rule's value checks are exercised.</summary>
internal static class LiteralHeavySource
{
    private const string B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Create(int lines, int seed = 42)
    {
        var rng = new Random(seed);
        string S(int n, string alphabet = B62)
        {
            var sb = new StringBuilder(n);
            for (var i = 0; i < n; i++)
                sb.Append(alphabet[rng.Next(alphabet.Length)]);
            return sb.ToString();
        }

        var sb = new StringBuilder(lines * 80);
        sb.AppendLine("using System; using System.Collections.Generic; using System.Net.Http;");
        sb.AppendLine("namespace Bench;");
        var written = 2;
        var cls = 0;
        while (written < lines)
        {
            sb.AppendLine($"public static class Literals{cls++}");
            sb.AppendLine("{");
            written += 2;
            for (var i = 0; i < 200 && written < lines - 1; i++, written++)
            {
                var name = "Value" + i;
                var value = (i % 10) switch
                {
                    0 => Guid.NewGuid().ToString(),
                    1 => "https://contoso-" + S(6).ToLowerInvariant() + ".openai.azure.com/v1/models/" + S(8),
                    2 => "gpt-4o-mini-2024-07-" + rng.Next(10, 28),
                    3 => S(64, "0123456789abcdef"),
                    4 => Convert.ToBase64String(Encoding.UTF8.GetBytes(S(60))),
                    5 => "The quick brown fox " + S(12) + " jumps over the lazy dog",
                    6 => S(32),
                    7 => "sk-learn-" + S(5).ToLowerInvariant(),
                    8 => "Server=db" + i + ";Database=features;Integrated Security=true",
                    _ => S(20) + "-" + S(20),
                };
                if (i == 100)
                {
                    name = "ApiKey" + cls;
                    value = "gsk_" + S(52);
                }
                else if (i == 150)
                {
                    name = "ServiceToken" + cls;
                    value = S(40);
                }

                sb.Append("    public const string ").Append(name).Append(" = \"").Append(value).AppendLine("\";");
            }

            sb.AppendLine("}");
            written++;
        }

        return sb.ToString();
    }
}
