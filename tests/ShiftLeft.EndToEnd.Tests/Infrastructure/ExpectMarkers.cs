using System.Text.RegularExpressions;

namespace ShiftLeft.EndToEnd.Tests.Infrastructure;

/// <summary>The findings a vulnerable sample announces with <c>// expect: SLxxxx[, SLyyyy]</c> at the end of a line.</summary>
public static class ExpectMarkers
{
    /// <summary>(file relative to <paramref name="directory"/>, 1-based line, rule id) for every marker under the folder.</summary>
    public static List<(string File, int Line, string Id)> Read(string directory)
    {
        var expected = new List<(string, int, string)>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var marker = Regex.Match(lines[i], @"// expect: (SL\d{4}(?:, *SL\d{4})*)");
                if (!marker.Success)
                    continue;
                foreach (var id in marker.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries))
                    expected.Add((Path.GetRelativePath(directory, file), i + 1, id));
            }
        }

        return expected;
    }
}
