using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.Tests.Verifiers;

namespace ShiftLeft.Analyzers.Tests.Meta;

/// <summary>Checks every descriptor and every analyzer the package ships, so a new rule cannot land
/// without its range, docs, release entry, tags and a clean run on empty source.</summary>
public class DescriptorMetaTests
{
    public static TheoryData<string> Ids() => new(Descriptors.All.Select(d => d.Id));

    public static TheoryData<string> AnalyzerNames() => new(RuleCatalog.Analyzers.Select(a => a.GetType().Name));

    private static DiagnosticDescriptor Descriptor(string id) => Descriptors.All.Single(d => d.Id == id);

    [Theory, MemberData(nameof(Ids))]
    public void IdIsInItsCategoryRange(string id)
    {
        var d = Descriptor(id);
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, "analyzers", "ShiftLeft.Analyzers", "DiagnosticCategoryAndIdRanges.txt"));
        var line = lines.Single(l => l.StartsWith(d.Category + ":", StringComparison.Ordinal));
        var range = Regex.Match(line, @"SL(\d{4})-SL(\d{4})");
        var n = int.Parse(id.Substring(2));
        Assert.InRange(n, int.Parse(range.Groups[1].Value), int.Parse(range.Groups[2].Value));
        var expectedCategory = id[2] switch { '1' => RuleCategories.Deserialization, '2' => RuleCategories.ModelInputAndLlm, '3' => RuleCategories.Secrets, _ => "?" };
        Assert.Equal(expectedCategory, d.Category);
    }

    [Theory, MemberData(nameof(Ids))]
    public void HelpLinkPointsAtAnExistingDocWithTheRequiredSections(string id)
    {
        var d = Descriptor(id);
        Assert.Equal(Descriptors.HelpLinkBase + id + ".md", d.HelpLinkUri);
        var doc = Path.Combine(Repo.Root, "analyzers", "docs", "rules", id + ".md");
        Assert.True(File.Exists(doc), doc + " is missing");
        var text = File.ReadAllText(doc);
        Assert.StartsWith("# " + id + ": " + d.Title.ToString(), text);
        foreach (var section in new[] { "## Cause", "## Why it matters", "## Non-compliant", "## Compliant", "## How to fix", "## Configuration", "## How to suppress" })
            Assert.Contains(section, text);
    }

    [Theory, MemberData(nameof(Ids))]
    public void IsListedInReleaseTrackingWithItsSeverityAndCategory(string id)
    {
        var d = Descriptor(id);
        var dir = Path.Combine(Repo.Root, "analyzers", "ShiftLeft.Analyzers");
        var rows = File.ReadAllLines(Path.Combine(dir, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(dir, "AnalyzerReleases.Unshipped.md")))
            .Where(l => l.StartsWith(id + " ", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .ToList();
        var row = Assert.Single(rows);
        Assert.Equal(d.Category, row[1]);
        Assert.Equal(d.DefaultSeverity.ToString(), row[2]);
    }

    [Theory, MemberData(nameof(Ids))]
    public void CarriesThreatTags(string id)
    {
        var d = Descriptor(id);
        Assert.Matches(@"^\d+$", Assert.Single(RuleCatalog.Tags(d, "CWE-").Take(1)));
        Assert.NotEmpty(RuleCatalog.Tags(d, "OWASP-LLM"));
        Assert.All(RuleCatalog.Tags(d, "OWASP-"), t => Assert.Matches(@"^LLM(0[1-9]|10)$", t));
        Assert.All(RuleCatalog.Tags(d, "ATLAS-"), t => Assert.Matches(@"^AML\.T\d{4}(\.\d{3})?$", t));
        Assert.True(d.IsEnabledByDefault);
        Assert.DoesNotContain("{0}", d.Title.ToString());
    }

    [Fact]
    public void EveryDescriptorIsReportedBySomeAnalyzer_AndEveryAnalyzerUsesOnlyCatalogDescriptors()
    {
        var supported = RuleCatalog.Analyzers.SelectMany(a => a.SupportedDiagnostics).ToList();
        Assert.All(Descriptors.All, d => Assert.Contains(d, supported));
        Assert.All(supported, d => Assert.Contains(d, Descriptors.All));
        Assert.Equal(Descriptors.All.Length, Descriptors.All.Select(d => d.Id).Distinct().Count());
    }

    [Theory, MemberData(nameof(AnalyzerNames))]
    public async Task RunsCleanOnEmptyAndOrdinarySource(string analyzerName)
    {
        var analyzer = RuleCatalog.Analyzers.Single(a => a.GetType().Name == analyzerName);
        var sources = new[]
        {
            string.Empty,
            """
            using System; using System.IO; using System.Linq; using System.Threading.Tasks;
            namespace Ordinary;
            public record Customer(string Name, int Age);
            public static class Program
            {
                public static async Task<int> Main(string[] args)
                {
                    var total = args.Select(a => a.Length).Sum();
                    Func<int, int> twice = x => x * 2;
                    int Local(int y) => y + total;
                    await Task.Yield();
                    try { File.Exists(args.FirstOrDefault() ?? "x"); } catch (IOException) { } finally { total++; }
                    return Local(twice(total)) > 0 ? 0 : 1;
                }
            }
            """,
        };
        foreach (var source in sources)
        {
            var exceptions = new List<Exception>();
            var compilation = CSharpCompilation.Create("Meta", new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
                TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => exceptions.Add(e), concurrentAnalysis: true, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options).GetAnalyzerDiagnosticsAsync();
            Assert.Empty(exceptions);
            Assert.Empty(diagnostics);
        }
    }
}
