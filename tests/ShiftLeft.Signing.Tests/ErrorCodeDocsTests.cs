using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace ShiftLeft.Signing.Tests;

public class ErrorCodeDocsTests
{
    [Fact]
    public void EveryCodeIsUniqueInRangeAndDocumented()
    {
        string[] constants = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();
        Assert.Equal(constants.Length, constants.Distinct().Count());
        Assert.Equal(constants.OrderBy(c => c), ErrorCodes.All.OrderBy(c => c));
        string doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "build", "docs", "errors.md"));
        foreach (string code in constants)
        {
            Assert.Matches("^SL9[0-9]{3}$", code);
            Assert.Contains($"| {code} |", doc);
        }

        int documented = doc.Split('\n').Count(l => l.StartsWith("| SL9"));
        Assert.Equal(constants.Length, documented);
    }
}
