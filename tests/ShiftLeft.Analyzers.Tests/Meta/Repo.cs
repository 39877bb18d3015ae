namespace ShiftLeft.Analyzers.Tests.Meta;

internal static class Repo
{
    /// <summary>The repository root: the folder above the test assembly that holds ShiftLeft.sln.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShiftLeft.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("ShiftLeft.sln not found above " + AppContext.BaseDirectory);
    }
}
