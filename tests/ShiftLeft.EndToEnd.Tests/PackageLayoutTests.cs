using System.IO.Compression;
using System.Xml.Linq;
using ShiftLeft.EndToEnd.Tests.Infrastructure;

namespace ShiftLeft.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public class PackageLayoutTests(PackageFixture package)
{
    [Fact]
    public void Nupkg_HasTheDocumentedLayout_AndNothingUnderLib()
    {
        Assert.Equal(new[] { Path.GetFileName(package.NupkgPath) }, Directory.GetFiles(package.Feed).Select(Path.GetFileName));
        using var zip = ZipFile.OpenRead(package.NupkgPath);
        var entries = zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("package/", StringComparison.Ordinal) && !n.StartsWith("_rels/", StringComparison.Ordinal) && n != "[Content_Types].xml").OrderBy(n => n, StringComparer.Ordinal).ToList();

        Assert.Contains("analyzers/dotnet/cs/ShiftLeft.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/ShiftLeft.Analyzers.CodeFixes.dll", entries);
        Assert.Contains("tools/net8.0/ShiftLeft.Tasks.dll", entries);
        Assert.Contains("tools/net8.0/ShiftLeft.Signing.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("tools/", StringComparison.Ordinal) && e.Contains("Microsoft.Build", StringComparison.Ordinal));
        foreach (var file in new[] { "build/ShiftLeft.props", "build/ShiftLeft.targets", "buildTransitive/ShiftLeft.props", "buildTransitive/ShiftLeft.targets",
                     "configuration/default.globalconfig", "configuration/strict.globalconfig", "configuration/none.globalconfig", "ShiftLeft.nuspec", "README.md" })
            Assert.Contains(file, entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("ref/", StringComparison.Ordinal));
        Assert.All(entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)), e => Assert.StartsWith("analyzers/dotnet/cs/", e));

        using var nuspecStream = zip.GetEntry("ShiftLeft.nuspec")!.Open();
        var nuspec = XDocument.Load(nuspecStream);
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("ShiftLeft", metadata.Element(ns + "id")!.Value);
        Assert.Equal(package.Version, metadata.Element(ns + "version")!.Value);
        Assert.Equal("true", metadata.Element(ns + "developmentDependency")!.Value);
        Assert.Empty(metadata.Descendants(ns + "dependency"));
    }

    [Fact]
    public void BuildTransitiveFiles_ImportTheBuildFiles()
    {
        using var zip = ZipFile.OpenRead(package.NupkgPath);
        foreach (var ext in new[] { "props", "targets" })
        {
            using var reader = new StreamReader(zip.GetEntry("buildTransitive/ShiftLeft." + ext)!.Open());
            Assert.Contains("../build/ShiftLeft." + ext, reader.ReadToEnd());
        }
    }

    [Fact]
    public void OnlyThePackageProjectIsPackable()
    {
        var list = DotNet.Run(package.RepoRoot, "sln", "ShiftLeft.sln", "list");
        Assert.Equal(0, list.ExitCode);
        var projects = list.Output.Split('\n').Select(l => l.Trim()).Where(l => l.EndsWith(".csproj", StringComparison.Ordinal)).ToList();
        Assert.Contains(projects, p => p.Replace('\\', '/') == "build/ShiftLeft.Package/ShiftLeft.Package.csproj");
        foreach (var project in projects)
        {
            var result = DotNet.Run(package.RepoRoot, "msbuild", project, "-getProperty:IsPackable", "-getProperty:PackageId", "-nologo");
            Assert.Equal(0, result.ExitCode);
            var packable = result.Output.Contains("\"IsPackable\": \"true\"", StringComparison.OrdinalIgnoreCase);
            var isPackageProject = project.Replace('\\', '/').EndsWith("ShiftLeft.Package.csproj", StringComparison.Ordinal);
            Assert.True(packable == isPackageProject, project + " IsPackable=" + packable + "\n" + result.Output);
        }
    }
}
