using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;

namespace ShiftLeft.Signing.Manifest;

/// <summary>OMS serialization method.</summary>
public enum SerializationMethod
{
    /// <summary>One resource per file: name = POSIX path, algorithm <c>sha256</c>.</summary>
    Files,

    /// <summary>One resource per shard: name = <c>path:start:end</c>, algorithm <c>sha256-sharded-SIZE</c>.</summary>
    Shards,
}

/// <summary>The <c>predicate.serialization</c> object.</summary>
public sealed class SerializationParameters
{
    public const long DefaultShardSize = 1_000_000_000;

    public SerializationMethod Method { get; init; } = SerializationMethod.Files;
    public string HashType { get; init; } = "sha256";
    public bool AllowSymlinks { get; init; }
    public long ShardSize { get; init; } = DefaultShardSize;

    /// <summary>Ignore paths recorded in the signature (POSIX, relative to the model root).</summary>
    public IReadOnlyList<string> IgnorePaths { get; init; } = Array.Empty<string>();

    public string ResourceAlgorithm => Method == SerializationMethod.Files
        ? HashType
        : string.Create(CultureInfo.InvariantCulture, $"{HashType}-sharded-{ShardSize}");
}

/// <summary>One resource: a file (<see cref="Start"/>/<see cref="End"/> null) or a shard of a file.</summary>
public sealed class ManifestResource
{
    public ManifestResource(string path, long? start, long? end, string algorithm, byte[] digest)
    {
        Path = path;
        Start = start;
        End = end;
        Algorithm = algorithm;
        Digest = digest;
    }

    /// <summary>POSIX path relative to the model root; "." for a single-file model.</summary>
    public string Path { get; }

    public long? Start { get; }
    public long? End { get; }
    public string Algorithm { get; }
    public byte[] Digest { get; }

    public bool IsShard => Start.HasValue;

    /// <summary>The resource name as written: <c>path</c> or <c>path:start:end</c>.</summary>
    public string Name => IsShard
        ? string.Create(CultureInfo.InvariantCulture, $"{Path}:{Start}:{End}")
        : Path;

    public string DigestHex => Convert.ToHexString(Digest).ToLowerInvariant();
}

/// <summary>An OMS model manifest: model name, serialization parameters, resources in canonical order.</summary>
public sealed class ModelManifest
{
    public ModelManifest(string modelName, SerializationParameters serialization, IReadOnlyList<ManifestResource> resources)
    {
        ModelName = modelName;
        Serialization = serialization;
        Resources = resources;
    }

    public string ModelName { get; }
    public SerializationParameters Serialization { get; }
    public IReadOnlyList<ManifestResource> Resources { get; }

    /// <summary>SHA-256 over the concatenated raw digests of the resources, in order.</summary>
    public byte[] RootDigest() => ComputeRootDigest(Resources);

    public static byte[] ComputeRootDigest(IEnumerable<ManifestResource> resources)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (ManifestResource r in resources)
        {
            h.AppendData(r.Digest);
        }

        return h.GetHashAndReset();
    }
}
