namespace ShiftLeft.Analyzers.Tests.Meta;

/// <summary>README's rule table is generated from the descriptors. Regenerate with
/// <c>SHIFTLEFT_UPDATE_README=1 dotnet test --filter ReadmeRuleTable</c>.</summary>
public class ReadmeRuleTableTests
{
    private const string Begin = "<!-- rules:begin (generated from Descriptors.cs by ReadmeRuleTableTests) -->";
    private const string End = "<!-- rules:end -->";

    [Fact]
    public void ReadmeRuleTableIsCurrent()
    {
        var path = Path.Combine(Repo.Root, "README.md");
        var text = File.ReadAllText(path).Replace("\r\n", "\n");
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md lacks the generated rule table markers");
        var current = text.Substring(start + Begin.Length, end - start - Begin.Length).Trim('\n');
        var expected = RuleCatalog.GenerateReadmeTable().Trim('\n');
        if (current != expected && Environment.GetEnvironmentVariable("SHIFTLEFT_UPDATE_README") == "1")
        {
            File.WriteAllText(path, text.Substring(0, start + Begin.Length) + "\n" + expected + "\n" + text.Substring(end));
            return;
        }

        Assert.Equal(expected, current);
    }
}
