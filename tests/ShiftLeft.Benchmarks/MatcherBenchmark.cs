using BenchmarkDotNet.Attributes;
using ShiftLeft.Analyzers.Rules.Secrets;

namespace ShiftLeft.Benchmarks;

/// <summary>`bdn`: BenchmarkDotNet micro-benchmark of the single-pass matcher over every literal of
/// the 20k-line file (the lexical core of SL3001/SL3004).</summary>
[MemoryDiagnoser]
public class MatcherBenchmark
{
    private string[] _literals = Array.Empty<string>();

    [GlobalSetup]
    public void Setup()
    {
        var source = LiteralHeavySource.Create(20_000);
        _literals = source.Split('"').Where((_, i) => i % 2 == 1).ToArray();
    }

    [Benchmark]
    public int ScanAllLiterals()
    {
        var found = 0;
        foreach (var literal in _literals)
            found += SecretMatcher.Scan(literal)?.Count ?? 0;
        return found;
    }

    [Benchmark]
    public int EntropyCheckAllLiterals()
    {
        var found = 0;
        foreach (var literal in _literals)
            found += SecretText.LooksLikeSecretValue(literal, SecretNameKind.Secret) ? 1 : 0;
        return found;
    }
}
