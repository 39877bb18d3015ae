using System.Text.Json;
using ShiftLeft.EndToEnd.Tests.Infrastructure;

namespace ShiftLeft.EndToEnd.Tests;

/// <summary>An ordinary net8.0 console project that adds ShiftLeft with PrivateAssets="all" and nothing else.
/// Restored once; each test builds it with different constants and properties.</summary>
[Collection(EndToEndCollection.Name)]
public class ConsumerBuildTests(PackageFixture package)
{
    private const string Source = """
        using System;
        using System.IO;
        using System.Xml.Serialization;
        using Newtonsoft.Json;

        public static class Program
        {
            public static void Main(string[] args) => Console.WriteLine(Read(args.Length > 0 ? args[0] : "{}"));

            static object Read(string json)
            {
        #if VULNERABLE
                var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto };
        #else
                var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
        #endif
                return JsonConvert.DeserializeObject(json, settings);
            }
        #if VULNERABLE
        #pragma warning disable SYSLIB0011
            static object Cache(Stream s) => new System.Runtime.Serialization.Formatters.Binary.BinaryFormatter().Deserialize(s);
        #endif
        #if WARN_ONLY
            static object Import(string typeName, Stream body) => new XmlSerializer(Type.GetType(typeName)).Deserialize(body);
        #endif
        }
        """;

    private string Project() => package.RestoredProject("Consumer",
        ("Consumer.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <Nullable>disable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ShiftLeft" Version="$(ShiftLeftTestVersion)" PrivateAssets="all" />
                <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
                <AdditionalFiles Include="appsettings.json" />
              </ItemGroup>
            </Project>
            """),
        ("Program.cs", Source),
        ("appsettings.json", """{ "Logging": { "LogLevel": { "Default": "Information" } } }"""),
        (".env", "LOG_LEVEL=debug\n"),
        ("config/prod.env", "REGION=westeurope\n"),
        (".env.local", "FEATURE_FLAG=on\n"),
        ("node_modules/left-pad/.env", "IGNORED=1\n"),
        ("bin/Debug/appsettings.json", "{}"));

    private static (int Line, int Column) Position(string text, string needle)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var c = lines[i].IndexOf(needle, StringComparison.Ordinal);
            if (c >= 0)
                return (i + 1, c + 1);
        }

        throw new InvalidOperationException(needle + " not in source");
    }

    [Fact]
    public void VulnerableCode_BreaksTheBuild_WithExactErrorLines_AndSarif()
    {
        var dir = Project();
        var sarif = Path.Combine(dir, "vulnerable.sarif");
        var result = package.Build(dir, "-p:DefineConstants=VULNERABLE", "-p:ErrorLog=" + sarif + "%2Cversion=2.1");

        Assert.NotEqual(0, result.ExitCode);
        var (l2, c2) = Position(Source, "TypeNameHandling.Auto");
        var (l1, c1) = Position(Source, "new System.Runtime.Serialization.Formatters.Binary.BinaryFormatter()");
        var program = Path.Combine(dir, "Program.cs");
        Assert.Equal(new[]
        {
            $"{program}({l2},{c2}): error SL1002: JsonSerializerSettings.TypeNameHandling is set to 'Auto' without a restricting SerializationBinder; set TypeNameHandling.None or add an ISerializationBinder that allows only known types (https://github.com/shiftleft-dotnet/ShiftLeft/blob/main/analyzers/docs/rules/SL1002.md)",
            $"{program}({l1},{c1}): error SL1001: 'BinaryFormatter' can run arbitrary code while deserializing untrusted data; use System.Text.Json with explicit types instead (https://github.com/shiftleft-dotnet/ShiftLeft/blob/main/analyzers/docs/rules/SL1001.md)",
        }.OrderBy(s => s, StringComparer.Ordinal), result.ShiftLeftDiagnostics());

        using var doc = JsonDocument.Parse(File.ReadAllText(sarif));
        var run = doc.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("ruleId").GetString()!.StartsWith("SL", StringComparison.Ordinal))
            .Select(r => (r.GetProperty("ruleId").GetString(), r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()))
            .OrderBy(r => r.Item1)
            .ToList();
        Assert.Equal(new[] { ("SL1001", l1), ("SL1002", l2) }, results);
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "SL1001");
        Assert.EndsWith("analyzers/docs/rules/SL1001.md", rule.GetProperty("helpUri").GetString());
        var tags = rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("CWE-502", tags);
        Assert.Contains("OWASP-LLM03", tags);
        Assert.Contains("ATLAS-AML.T0010", tags);
    }

    [Fact]
    public void CleanCode_BuildsWithZeroShiftLeftDiagnostics()
    {
        var dir = Project();
        var result = package.Build(dir);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Empty(result.ShiftLeftDiagnostics());
        Assert.Contains("0 Error(s)", result.Output);
    }

    [Fact]
    public void Presets_TurnRulesOffOrIntoErrors()
    {
        var dir = Project();

        var none = package.Build(dir, "-p:DefineConstants=VULNERABLE", "-p:ShiftLeftPreset=none");
        Assert.True(none.ExitCode == 0, none.Output);
        Assert.Empty(none.ShiftLeftDiagnostics());

        var (line, column) = Position(Source, "Type.GetType(typeName)");
        var expected = $"Program.cs({line},{column}): {{0}} SL1003: The type given to 'XmlSerializer' comes from 'Type.GetType' of non-constant text; deserialize into a fixed type or map the name through an allow-list (https://github.com/shiftleft-dotnet/ShiftLeft/blob/main/analyzers/docs/rules/SL1003.md)";

        var byDefault = package.Build(dir, "-p:DefineConstants=WARN_ONLY");
        Assert.True(byDefault.ExitCode == 0, byDefault.Output);
        Assert.Equal(new[] { string.Format(expected, "warning") }, byDefault.ShiftLeftDiagnostics(dir));

        var strict = package.Build(dir, "-p:DefineConstants=WARN_ONLY", "-p:ShiftLeftPreset=strict");
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Equal(new[] { string.Format(expected, "error") }, strict.ShiftLeftDiagnostics(dir));
    }

    [Fact]
    public void ConfigFiles_BecomeAdditionalFilesOnce_OutsideBuildOutputAndNodeModules()
    {
        var dir = Project();
        var items = DotNet.Run(dir, "msbuild", "-getItem:AdditionalFiles", "-p:ShiftLeftVersion=" + package.Version, "-nologo");
        Assert.Equal(0, items.ExitCode);
        var identities = JsonDocument.Parse(items.Output).RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray()
            .Select(i => i.GetProperty("Identity").GetString()!.Replace('\\', '/'))
            .OrderBy(i => i, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(new[] { ".env", ".env.local", "appsettings.json", "config/prod.env", "nuget.config" }, identities);

        var off = DotNet.Run(dir, "msbuild", "-getItem:AdditionalFiles", "-p:ShiftLeftVersion=" + package.Version, "-p:ShiftLeftScanConfigFiles=false", "-nologo");
        var offItems = JsonDocument.Parse(off.Output).RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray()
            .Select(i => i.GetProperty("Identity").GetString()).ToList();
        Assert.Equal(new[] { "appsettings.json" }, offItems);
    }
}
