using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using ShiftLeft.Signing.Bundle;
using ShiftLeft.Signing.InToto;

namespace ShiftLeft.Signing.Manifest;

/// <summary>The OMS (model_signing) in-toto payload: a statement whose single subject is the model and whose
/// predicate carries the serialization parameters and the resources.</summary>
public static class ModelSigningPayload
{
    /// <summary>Current OMS predicate type.</summary>
    public const string PredicateTypeV1 = "https://model_signing/signature/v1.0";

    /// <summary>model_signing 0.2.x predicate type (one subject per file; compat read only).</summary>
    public const string PredicateTypeDigestsV01 = "https://model_signing/Digests/v0.1";

    private const string PayloadPath = "dsseEnvelope.payload";

    /// <summary>Writes the statement bytes for <paramref name="manifest"/> (compact JSON).</summary>
    public static byte[] Build(ModelManifest manifest)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("_type", InTotoStatement.TypeV1);
            w.WriteStartArray("subject");
            w.WriteStartObject();
            w.WriteString("name", manifest.ModelName);
            w.WriteStartObject("digest");
            w.WriteString("sha256", Convert.ToHexString(manifest.RootDigest()).ToLowerInvariant());
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("predicateType", PredicateTypeV1);
            w.WriteStartObject("predicate");
            w.WriteStartObject("serialization");
            SerializationParameters s = manifest.Serialization;
            w.WriteString("method", s.Method == SerializationMethod.Files ? "files" : "shards");
            w.WriteString("hash_type", s.HashType);
            w.WriteBoolean("allow_symlinks", s.AllowSymlinks);
            if (s.Method == SerializationMethod.Shards)
            {
                w.WriteNumber("shard_size", s.ShardSize);
            }

            w.WriteStartArray("ignore_paths");
            foreach (string p in s.IgnorePaths)
            {
                w.WriteStringValue(p);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("resources");
            foreach (ManifestResource r in manifest.Resources)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                w.WriteString("algorithm", r.Algorithm);
                w.WriteString("digest", r.DigestHex);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return ms.ToArray();
    }

    /// <summary>True for the predicate types this library verifies as model signatures.</summary>
    public static bool IsSupportedPredicateType(string predicateType) =>
        predicateType == PredicateTypeV1 || predicateType == PredicateTypeDigestsV01;

    /// <summary>Reads the signed manifest out of a statement and checks it is self-consistent: for v1.0 exactly one
    /// subject whose sha256 equals the root digest of the resources; for Digests/v0.1 one subject per file.</summary>
    public static ModelManifest ReadManifest(InTotoStatement statement)
    {
        if (statement.PredicateType == PredicateTypeDigestsV01)
        {
            return ReadLegacy(statement);
        }

        if (statement.PredicateType != PredicateTypeV1)
        {
            throw new SigningException(ErrorCodes.UnsupportedPredicate,
                $"unsupported predicate type '{statement.PredicateType}' (expected '{PredicateTypeV1}')");
        }

        if (statement.Subjects.Count != 1)
        {
            throw new SigningException(ErrorCodes.InvalidManifest,
                $"a model signature must have exactly one subject, found {statement.Subjects.Count}");
        }

        InTotoSubject subject = statement.Subjects[0];
        if (!subject.Digest.TryGetValue("sha256", out string? rootHex))
        {
            throw ProtoJson.Malformed(PayloadPath + ".subject[0].digest.sha256", "required digest is missing");
        }

        JsonElement predicate = statement.Predicate is { ValueKind: JsonValueKind.Object } p
            ? p
            : throw ProtoJson.Malformed(PayloadPath + ".predicate", "required object is missing");
        SerializationParameters parameters = ReadSerialization(predicate);
        List<ManifestResource> resources = ReadResources(predicate, parameters);
        var manifest = new ModelManifest(subject.Name, parameters, resources);

        byte[] root = manifest.RootDigest();
        if (!string.Equals(Convert.ToHexString(root), rootHex, StringComparison.OrdinalIgnoreCase))
        {
            throw new SigningException(ErrorCodes.SubjectMismatch,
                $"the subject digest sha256:{rootHex} does not match the root digest of the signed resources " +
                $"(sha256:{Convert.ToHexString(root).ToLowerInvariant()})");
        }

        return manifest;
    }

    private static ModelManifest ReadLegacy(InTotoStatement statement)
    {
        var resources = new List<ManifestResource>();
        int i = 0;
        foreach (InTotoSubject s in statement.Subjects)
        {
            string sp = $"{PayloadPath}.subject[{i++}]";
            if (!s.Digest.TryGetValue("sha256", out string? hex))
            {
                throw ProtoJson.Malformed(sp + ".digest.sha256", "required digest is missing");
            }

            string? invalid = ModelPaths.Validate(s.Name, allowDot: true);
            if (invalid is not null)
            {
                throw new SigningException(ErrorCodes.PathEscape, $"signed file name '{s.Name}' is invalid: {invalid}");
            }

            resources.Add(new ManifestResource(s.Name, null, null, "sha256", ParseHex(hex, sp + ".digest.sha256", 32)));
        }

        resources.Sort((a, b) => ModelPaths.Compare(a.Path, b.Path));
        CheckDuplicates(resources);
        return new ModelManifest(string.Empty, new SerializationParameters { Method = SerializationMethod.Files }, resources);
    }

    private static SerializationParameters ReadSerialization(JsonElement predicate)
    {
        string sp = PayloadPath + ".predicate.serialization";
        if (!predicate.TryGetProperty("serialization", out JsonElement s) || s.ValueKind != JsonValueKind.Object)
        {
            throw ProtoJson.Malformed(sp, "required object is missing");
        }

        string method = s.TryGetProperty("method", out JsonElement m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()!
            : throw ProtoJson.Malformed(sp + ".method", "required string is missing");
        SerializationMethod sm = method switch
        {
            "files" => SerializationMethod.Files,
            "shards" => SerializationMethod.Shards,
            _ => throw new SigningException(ErrorCodes.UnsupportedPredicate, $"unsupported serialization method '{method}'"),
        };

        string hashType = s.TryGetProperty("hash_type", out JsonElement h) && h.ValueKind == JsonValueKind.String
            ? h.GetString()!
            : throw ProtoJson.Malformed(sp + ".hash_type", "required string is missing");
        if (hashType != "sha256")
        {
            throw new SigningException(ErrorCodes.UnsupportedPredicate, $"unsupported hash type '{hashType}'");
        }

        bool allowSymlinks = false;
        if (s.TryGetProperty("allow_symlinks", out JsonElement a) && a.ValueKind != JsonValueKind.Null)
        {
            allowSymlinks = a.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw ProtoJson.Malformed(sp + ".allow_symlinks", "expected a boolean"),
            };
        }

        long shardSize = SerializationParameters.DefaultShardSize;
        if (sm == SerializationMethod.Shards)
        {
            if (!s.TryGetProperty("shard_size", out JsonElement z) || z.ValueKind != JsonValueKind.Number)
            {
                throw ProtoJson.Malformed(sp + ".shard_size", "required number is missing");
            }

            shardSize = ReadIntegralNumber(z, sp + ".shard_size");
            if (shardSize <= 0)
            {
                throw ProtoJson.Malformed(sp + ".shard_size", "must be positive");
            }
        }

        var ignores = new List<string>();
        if (s.TryGetProperty("ignore_paths", out JsonElement ig) && ig.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement e in ig.EnumerateArray())
            {
                if (e.ValueKind == JsonValueKind.String)
                {
                    ignores.Add(e.GetString()!);
                }
            }
        }

        return new SerializationParameters
        {
            Method = sm,
            HashType = hashType,
            AllowSymlinks = allowSymlinks,
            ShardSize = shardSize,
            IgnorePaths = ignores,
        };
    }

    /// <summary>Accepts <c>1000000000</c> and <c>1000000000.0</c>; rejects fractions.</summary>
    private static long ReadIntegralNumber(JsonElement z, string path)
    {
        if (z.TryGetInt64(out long l))
        {
            return l;
        }

        if (z.TryGetDecimal(out decimal d) && d == decimal.Truncate(d) && d <= long.MaxValue && d >= long.MinValue)
        {
            return (long)d;
        }

        throw ProtoJson.Malformed(path, "expected an integral number");
    }

    private static List<ManifestResource> ReadResources(JsonElement predicate, SerializationParameters parameters)
    {
        string rp = PayloadPath + ".predicate.resources";
        if (!predicate.TryGetProperty("resources", out JsonElement arr) || arr.ValueKind == JsonValueKind.Null)
        {
            return new List<ManifestResource>();
        }

        if (arr.ValueKind != JsonValueKind.Array)
        {
            throw ProtoJson.Malformed(rp, "expected an array");
        }

        string expectedAlgorithm = parameters.ResourceAlgorithm;
        var resources = new List<ManifestResource>();
        int i = 0;
        int total = arr.GetArrayLength();
        foreach (JsonElement r in arr.EnumerateArray())
        {
            string p = $"{rp}[{i++}]";
            if (r.ValueKind != JsonValueKind.Object)
            {
                throw ProtoJson.Malformed(p, "expected an object");
            }

            string name = Str(r, "name", p);
            string algorithm = Str(r, "algorithm", p);
            string digestHex = Str(r, "digest", p);
            if (algorithm != expectedAlgorithm)
            {
                throw new SigningException(ErrorCodes.UnsupportedPredicate,
                    $"resource '{name}' uses algorithm '{algorithm}', expected '{expectedAlgorithm}'");
            }

            byte[] digest = ParseHex(digestHex, p + ".digest", 32);
            if (parameters.Method == SerializationMethod.Files)
            {
                CheckName(name, total);
                resources.Add(new ManifestResource(name, null, null, algorithm, digest));
            }
            else
            {
                (string path, long start, long end) = ParseShardName(name, p + ".name");
                CheckName(path, total);
                if (start < 0 || end <= start || end - start > parameters.ShardSize || start % parameters.ShardSize != 0)
                {
                    throw new SigningException(ErrorCodes.InvalidManifest,
                        $"shard '{name}' does not fit shard size {parameters.ShardSize}");
                }

                resources.Add(new ManifestResource(path, start, end, algorithm, digest));
            }
        }

        CheckDuplicates(resources);
        return resources;
    }

    private static void CheckName(string name, int total)
    {
        string? invalid = ModelPaths.Validate(name, allowDot: true);
        if (invalid is not null)
        {
            throw new SigningException(ErrorCodes.PathEscape, $"signed resource name '{name}' is invalid: {invalid}");
        }
    }

    private static void CheckDuplicates(List<ManifestResource> resources)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool hasDot = false;
        foreach (ManifestResource r in resources)
        {
            if (!seen.Add(r.Name))
            {
                throw new SigningException(ErrorCodes.InvalidManifest, $"resource '{r.Name}' is listed more than once");
            }

            hasDot |= r.Path == ".";
        }

        if (hasDot)
        {
            foreach (ManifestResource r in resources)
            {
                if (r.Path != ".")
                {
                    throw new SigningException(ErrorCodes.InvalidManifest,
                        "resource '.' (single-file model) cannot be combined with other files");
                }
            }
        }
    }

    /// <summary>Splits <c>path:start:end</c> at the last two colons (paths may contain colons).</summary>
    internal static (string Path, long Start, long End) ParseShardName(string name, string fieldPath)
    {
        int c2 = name.LastIndexOf(':');
        int c1 = c2 > 0 ? name.LastIndexOf(':', c2 - 1) : -1;
        if (c1 <= 0 ||
            !long.TryParse(name.AsSpan(c1 + 1, c2 - c1 - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long start) ||
            !long.TryParse(name.AsSpan(c2 + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long end))
        {
            throw new SigningException(ErrorCodes.InvalidManifest,
                $"shard name '{name}' ({fieldPath}) is not of the form path:start:end");
        }

        return (name.Substring(0, c1), start, end);
    }

    private static string Str(JsonElement obj, string name, string path) =>
        obj.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw ProtoJson.Malformed($"{path}.{name}", "required string is missing");

    private static byte[] ParseHex(string hex, string path, int expectedLength)
    {
        if (hex.Length != expectedLength * 2)
        {
            throw ProtoJson.Malformed(path, $"expected {expectedLength * 2} hex digits");
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw ProtoJson.Malformed(path, "invalid hex");
        }
    }
}
