using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace ShiftLeft.Signing.Bundle;

/// <summary>
/// Lenient readers for the proto3 JSON mapping: camelCase (or original snake_case) names, JSON null = absent,
/// missing repeated = empty, int64 as string or number, bytes as standard or URL-safe base64 (padding optional).
/// Every error names the field path.
/// </summary>
internal static class ProtoJson
{
    public static bool TryGet(JsonElement obj, string camelName, out JsonElement value)
    {
        if (obj.TryGetProperty(camelName, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        string snake = ToSnake(camelName);
        if (snake != camelName && obj.TryGetProperty(snake, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public static JsonElement? Object(JsonElement obj, string name, string path, bool required = false)
    {
        if (!TryGet(obj, name, out JsonElement v))
        {
            if (required)
            {
                throw Malformed(Join(path, name), "required object is missing");
            }

            return null;
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(Join(path, name), $"expected an object, found {Describe(v)}");
        }

        return v;
    }

    public static string? String(JsonElement obj, string name, string path, bool required = false)
    {
        if (!TryGet(obj, name, out JsonElement v))
        {
            if (required)
            {
                throw Malformed(Join(path, name), "required string is missing");
            }

            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            throw Malformed(Join(path, name), $"expected a string, found {Describe(v)}");
        }

        return v.GetString();
    }

    public static byte[]? Bytes(JsonElement obj, string name, string path, bool required = false)
    {
        string? s = String(obj, name, path, required);
        return s is null ? null : DecodeBase64(s, Join(path, name));
    }

    public static long? Int64(JsonElement obj, string name, string path, bool required = false)
    {
        if (!TryGet(obj, name, out JsonElement v))
        {
            if (required)
            {
                throw Malformed(Join(path, name), "required integer is missing");
            }

            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n))
        {
            return n;
        }

        if (v.ValueKind == JsonValueKind.String &&
            long.TryParse(v.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n))
        {
            return n;
        }

        throw Malformed(Join(path, name), $"expected an int64 (number or decimal string), found {Describe(v)}");
    }

    public static IEnumerable<(JsonElement Item, string Path)> Array(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out JsonElement v))
        {
            yield break;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(Join(path, name), $"expected an array, found {Describe(v)}");
        }

        int i = 0;
        foreach (JsonElement item in v.EnumerateArray())
        {
            yield return (item, $"{Join(path, name)}[{i}]");
            i++;
        }
    }

    public static byte[] DecodeBase64(string s, string path)
    {
        string t = s.Trim();
        if (t.IndexOfAny(new[] { '-', '_' }) >= 0)
        {
            t = t.Replace('-', '+').Replace('_', '/');
        }

        switch (t.Length % 4)
        {
            case 2: t += "=="; break;
            case 3: t += "="; break;
            case 1: throw Malformed(path, "invalid base64 (bad length)");
        }

        try
        {
            return Convert.FromBase64String(t);
        }
        catch (FormatException)
        {
            throw Malformed(path, "invalid base64");
        }
    }

    public static SigningException Malformed(string path, string message) =>
        new(ErrorCodes.MalformedBundle, $"malformed bundle: field '{path}': {message}");

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => v.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string ToSnake(string camel)
    {
        var sb = new System.Text.StringBuilder(camel.Length + 4);
        foreach (char c in camel)
        {
            if (char.IsUpper(c))
            {
                sb.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
