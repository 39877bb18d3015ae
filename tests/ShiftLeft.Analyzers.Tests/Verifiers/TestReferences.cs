using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ShiftLeft.Analyzers.Tests.Verifiers;

/// <summary>
/// Metadata references for analyzer tests: the .NET and ASP.NET Core framework plus every package
/// this test project restores (Microsoft.ML, ONNX Runtime, TorchSharp, Semantic Kernel, OpenAI,
/// Azure.AI.OpenAI, Microsoft.Extensions.AI, Newtonsoft.Json, gRPC), read from the running
/// process's trusted platform assemblies. The stock ReferenceAssemblies packages need a download
/// this machine cannot make; these are the real assemblies, so symbols match by real metadata names.
/// </summary>
internal static class TestReferences
{
    /// <summary>No reference-assembly package: nothing is downloaded.</summary>
    public static ReferenceAssemblies None { get; } = new ReferenceAssemblies("net10.0");

    private static readonly Lazy<ImmutableArray<MetadataReference>> Lazy = new(Load);

    public static ImmutableArray<MetadataReference> All => Lazy.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in tpa.Split(Path.PathSeparator))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.StartsWith("ShiftLeft.", StringComparison.Ordinal) ||
                name.StartsWith("xunit", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("testhost", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("Microsoft.TestPlatform", StringComparison.Ordinal) ||
                name.StartsWith("Microsoft.VisualStudio", StringComparison.Ordinal) ||
                name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                continue;
            builder.Add(MetadataReference.CreateFromFile(path));
        }

        return builder.ToImmutable();
    }
}
