using System;
using System.Collections.Generic;
using System.Text;

namespace ShiftLeft.Signing.Manifest;

/// <summary>POSIX model-relative paths: validation, component-wise ordering, component-prefix matching.</summary>
public static class ModelPaths
{
    /// <summary>Maximum length of one resource name (bytes of UTF-8); longer names are rejected as invalid.</summary>
    public const int MaxPathBytes = 4096;

    /// <summary>Orders paths by their '/'-separated components, each compared by Unicode code point
    /// (UTF-8 byte order): <c>a/b</c> &lt; <c>a-b/c</c> &lt; <c>a.b</c>.</summary>
    public static readonly IComparer<string> ComponentComparer = Comparer<string>.Create(Compare);

    public static int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        string[] a = x.Split('/');
        string[] b = y.Split('/');
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            int c = CompareCodePoints(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static int CompareCodePoints(string a, string b)
    {
        // UTF-8 byte order equals code-point order (Python's str ordering); UTF-16 ordinal does not.
        byte[] ua = Encoding.UTF8.GetBytes(a);
        byte[] ub = Encoding.UTF8.GetBytes(b);
        return ua.AsSpan().SequenceCompareTo(ub);
    }

    /// <summary>Why <paramref name="path"/> is not a safe model-relative POSIX path, or null when it is.
    /// "." (single-file model) is valid only when <paramref name="allowDot"/>.</summary>
    public static string? Validate(string path, bool allowDot)
    {
        if (path.Length == 0)
        {
            return "empty path";
        }

        if (path == ".")
        {
            return allowDot ? null : "'.' is only valid for a single-file model";
        }

        if (Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
        {
            return $"path longer than {MaxPathBytes} bytes";
        }

        if (path.IndexOf('\0') >= 0)
        {
            return "path contains a NUL character";
        }

        if (path.IndexOf('\\') >= 0)
        {
            return "path contains a backslash";
        }

        if (path[0] == '/')
        {
            return "absolute path";
        }

        if (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0]))
        {
            return "path with a drive letter";
        }

        foreach (string c in path.Split('/'))
        {
            if (c.Length == 0)
            {
                return "empty path component";
            }

            if (c == "." || c == "..")
            {
                return $"'{c}' path component";
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="prefix"/> equals <paramref name="path"/> or is a whole-component prefix of it
    /// (<c>.git</c> matches <c>.git/config</c>, not <c>.gitfoo</c>).</summary>
    public static bool IsComponentPrefix(string prefix, string path)
    {
        if (prefix.Length == 0)
        {
            return false;
        }

        return path.Length == prefix.Length
            ? string.Equals(path, prefix, StringComparison.Ordinal)
            : path.Length > prefix.Length && path[prefix.Length] == '/' &&
              path.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>Normalizes a user-given relative ignore path to POSIX form ("./a//b/" → "a/b"); null when it
    /// escapes the root.</summary>
    public static string? NormalizeRelative(string path)
    {
        var parts = new List<string>();
        foreach (string c in path.Replace('\\', '/').Split('/'))
        {
            if (c.Length == 0 || c == ".")
            {
                continue;
            }

            if (c == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(c);
        }

        return string.Join("/", parts);
    }
}
