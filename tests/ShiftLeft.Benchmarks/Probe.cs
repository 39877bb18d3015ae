using ShiftLeft.Analyzers.Rules.Secrets;

namespace ShiftLeft.Benchmarks;

/// <summary>`probe NAME VALUE`: prints how the secrets heuristics classify a value (dev aid).</summary>
internal static class Probe
{
    public static int Run(string[] args)
    {
        var name = args.Length > 1 ? args[0] : null;
        var value = args[^1];
        var kind = SecretText.ClassifyName(name);
        Console.WriteLine($"name={name} kind={kind} tokens=[{string.Join(",", SecretText.SplitName(name ?? ""))}]");
        Console.WriteLine($"placeholder={SecretText.IsPlaceholder(value)} blob={SecretText.IsDataBlob(value)} slug={SecretText.IsSlug(value)} guid={SecretText.IsGuid(value)} entropy={SecretText.Entropy(value):F2}");
        Console.WriteLine($"looksSecret(Secret)={SecretText.LooksLikeSecretValue(value, SecretNameKind.Secret)} looksSecret(kind)={SecretText.LooksLikeSecretValue(value, kind)}");
        foreach (var m in SecretMatcher.Scan(value) ?? new())
            Console.WriteLine($"match {m.Format.Id} @{m.Start}+{m.Length} {m.Redacted}");
        return 0;
    }
}
