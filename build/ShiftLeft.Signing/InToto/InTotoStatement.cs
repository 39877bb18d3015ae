using System;
using System.Collections.Generic;
using System.Text.Json;
using ShiftLeft.Signing.Bundle;

namespace ShiftLeft.Signing.InToto;

/// <summary>An in-toto Statement (v1; v0.1 read as well), parsed from exact payload bytes.</summary>
public sealed class InTotoStatement
{
    public const string TypeV1 = "https://in-toto.io/Statement/v1";
    public const string TypeV01 = "https://in-toto.io/Statement/v0.1";

    private InTotoStatement(string type, IReadOnlyList<InTotoSubject> subjects, string predicateType, JsonElement? predicate)
    {
        Type = type;
        Subjects = subjects;
        PredicateType = predicateType;
        Predicate = predicate;
    }

    public string Type { get; }
    public IReadOnlyList<InTotoSubject> Subjects { get; }
    public string PredicateType { get; }

    /// <summary>The predicate (a detached clone), or null when absent.</summary>
    public JsonElement? Predicate { get; }

    /// <summary>Parses a statement. <paramref name="path"/> names the payload in error messages.</summary>
    public static InTotoStatement Parse(ReadOnlyMemory<byte> payload, string path = "dsseEnvelope.payload")
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new SigningException(ErrorCodes.MalformedBundle,
                $"malformed bundle: field '{path}': the in-toto statement is not valid JSON ({e.Message})");
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw ProtoJson.Malformed(path, "the in-toto statement must be a JSON object");
            }

            string type = RequiredString(root, "_type", path);
            if (type != TypeV1 && type != TypeV01)
            {
                throw new SigningException(ErrorCodes.UnsupportedMediaType, $"unsupported in-toto statement type '{type}'");
            }

            string predicateType = RequiredString(root, "predicateType", path);
            var subjects = new List<InTotoSubject>();
            if (!root.TryGetProperty("subject", out JsonElement subj) || subj.ValueKind != JsonValueKind.Array)
            {
                throw ProtoJson.Malformed(path + ".subject", "required array is missing");
            }

            int i = 0;
            foreach (JsonElement s in subj.EnumerateArray())
            {
                string sp = $"{path}.subject[{i++}]";
                if (s.ValueKind != JsonValueKind.Object)
                {
                    throw ProtoJson.Malformed(sp, "expected an object");
                }

                string name = s.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String
                    ? n.GetString()!
                    : string.Empty;
                var digests = new Dictionary<string, string>(StringComparer.Ordinal);
                if (!s.TryGetProperty("digest", out JsonElement d) || d.ValueKind != JsonValueKind.Object)
                {
                    throw ProtoJson.Malformed(sp + ".digest", "required object is missing");
                }

                foreach (JsonProperty p in d.EnumerateObject())
                {
                    if (p.Value.ValueKind != JsonValueKind.String)
                    {
                        throw ProtoJson.Malformed($"{sp}.digest.{p.Name}", "expected a hex string");
                    }

                    digests[p.Name] = p.Value.GetString()!;
                }

                subjects.Add(new InTotoSubject(name, digests));
            }

            JsonElement? predicate = root.TryGetProperty("predicate", out JsonElement pe) && pe.ValueKind != JsonValueKind.Null
                ? pe.Clone()
                : null;
            return new InTotoStatement(type, subjects, predicateType, predicate);
        }
    }

    private static string RequiredString(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out JsonElement v) || v.ValueKind != JsonValueKind.String)
        {
            throw ProtoJson.Malformed($"{path}.{name}", "required string is missing");
        }

        return v.GetString()!;
    }
}

/// <summary>A statement subject: name and digests by algorithm (lowercase hex).</summary>
public sealed record InTotoSubject(string Name, IReadOnlyDictionary<string, string> Digest);
