namespace ShiftLeft.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Packs ShiftLeft once per test run into a temporary feed, under a unique prerelease version so that no
/// cache can serve a stale copy, and provides consumer projects that restore it into an isolated package
/// folder (the user's package folder is a read-only fallback for the big ML packages).
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        RepoRoot = FindRepoRoot();
        WorkDirectory = Directory.CreateTempSubdirectory("shiftleft-e2e-").FullName;
        Feed = Path.Combine(WorkDirectory, "feed");
        Version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
        PackResult = DotNet.Run(RepoRoot, "pack", Path.Combine(RepoRoot, "build", "ShiftLeft.Package", "ShiftLeft.Package.csproj"),
            "-c", "Release", "-o", Feed, "-p:Version=" + Version, "-nologo");
        if (PackResult.ExitCode != 0)
            throw new InvalidOperationException("dotnet pack failed:\n" + PackResult.Output);
        NupkgPath = Path.Combine(Feed, "ShiftLeft." + Version + ".nupkg");

        var userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ??
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        NuGetConfig = Path.Combine(WorkDirectory, "nuget.config");
        File.WriteAllText(NuGetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(WorkDirectory, "packages")}" /></config>
              <packageSources><add key="shiftleft-e2e" value="{Feed}" /></packageSources>
              <fallbackPackageFolders><add key="user" value="{userPackages}" /></fallbackPackageFolders>
            </configuration>
            """);
    }

    public string RepoRoot { get; }

    public string WorkDirectory { get; }

    public string Feed { get; }

    public string Version { get; }

    public string NupkgPath { get; }

    public string NuGetConfig { get; }

    public CommandResult PackResult { get; }

    /// <summary>Creates a project directory under the work folder; files are (relative path, content).</summary>
    public string CreateProject(string name, params (string Path, string Content)[] files)
    {
        var dir = Path.Combine(WorkDirectory, "projects", name);
        Directory.CreateDirectory(dir);
        File.Copy(NuGetConfig, Path.Combine(dir, "nuget.config"), overwrite: true);
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content.Replace("$(ShiftLeftTestVersion)", Version));
        }

        return dir;
    }

    /// <summary>Copies samples/&lt;name&gt; (with samples/Directory.Build.props) to the work folder and restores it.</summary>
    public string CopySample(string name, string? copyName = null)
    {
        var samples = Path.Combine(WorkDirectory, "samples");
        Directory.CreateDirectory(samples);
        File.Copy(Path.Combine(RepoRoot, "samples", "Directory.Build.props"), Path.Combine(samples, "Directory.Build.props"), overwrite: true);
        File.Copy(NuGetConfig, Path.Combine(samples, "nuget.config"), overwrite: true);
        var source = Path.Combine(RepoRoot, "samples", name);
        var target = Path.Combine(samples, copyName ?? name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
                continue;
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return target;
    }

    private readonly Dictionary<string, string> _restored = new(StringComparer.Ordinal);

    /// <summary>Creates and restores a project once per run; later callers get the same directory.</summary>
    public string RestoredProject(string name, params (string Path, string Content)[] files)
    {
        lock (_restored)
        {
            if (_restored.TryGetValue(name, out var existing))
                return existing;
            var dir = CreateProject(name, files);
            var restore = Restore(dir);
            if (restore.ExitCode != 0)
                throw new InvalidOperationException("restore of " + name + " failed:\n" + restore.Output);
            _restored[name] = dir;
            return dir;
        }
    }

    /// <summary>Copies and restores a sample once per run.</summary>
    public string RestoredSample(string name)
    {
        lock (_restored)
        {
            if (_restored.TryGetValue("sample:" + name, out var existing))
                return existing;
            var dir = CopySample(name);
            var restore = Restore(dir);
            if (restore.ExitCode != 0)
                throw new InvalidOperationException("restore of sample " + name + " failed:\n" + restore.Output);
            _restored["sample:" + name] = dir;
            return dir;
        }
    }

    public CommandResult Restore(string projectDirectory) =>
        DotNet.Run(projectDirectory, "restore", "-p:ShiftLeftVersion=" + Version, "-nologo");

    public CommandResult Build(string projectDirectory, params string[] extra) =>
        DotNet.Run(projectDirectory, new[] { "build", "--no-restore", "-nologo", "-p:ShiftLeftVersion=" + Version }.Concat(extra).ToArray());

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShiftLeft.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("ShiftLeft.sln not found");
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("SHIFTLEFT_KEEP_E2E") == "1")
            return;
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "EndToEnd";
}
