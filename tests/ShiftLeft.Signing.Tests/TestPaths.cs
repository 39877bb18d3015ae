using System;
using System.IO;

namespace ShiftLeft.Signing.Tests;

/// <summary>Locates the repository root (the folder holding Directory.Build.props) and the shared vectors next to it.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepoRoot => Root.Value;

    /// <summary><c>&lt;repo&gt;/../shared/…</c>.</summary>
    public static string Shared(params string[] parts)
    {
        string p = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
        foreach (string part in parts)
        {
            p = Path.Combine(p, part);
        }

        return p;
    }

    public static string ModelTransparency(params string[] parts)
    {
        string[] all = new string[parts.Length + 2];
        all[0] = "vectors";
        all[1] = "model-transparency";
        Array.Copy(parts, 0, all, 2, parts.Length);
        return Shared(all);
    }

    public static string OmsTest(params string[] parts)
    {
        string[] all = new string[parts.Length + 2];
        all[0] = "scripts";
        all[1] = "tests";
        Array.Copy(parts, 0, all, 2, parts.Length);
        return ModelTransparency(all);
    }

    public static string Npm(string name) => Shared("vectors", "npm-generated", name);

    private static string FindRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir, "Directory.Build.props")))
            {
                return dir;
            }

            dir = Path.GetDirectoryName(dir);
        }

        throw new InvalidOperationException("repository root (Directory.Build.props) not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary directory removed on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sl-test-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine(new[] { Path }.Concat(parts));

    public string Write(string relative, string content) => Write(relative, System.Text.Encoding.UTF8.GetBytes(content));

    public string Write(string relative, byte[] content)
    {
        string full = System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

internal static class EnumerableExtensions
{
    public static T[] Concat<T>(this T[] a, T[] b)
    {
        var r = new T[a.Length + b.Length];
        a.CopyTo(r, 0);
        b.CopyTo(r, a.Length);
        return r;
    }
}
