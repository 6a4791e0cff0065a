namespace LeBureau.Resources.Tests;

/// <summary>Finds the repository the tests were built from.</summary>
public static class RepositoryRoot
{
    /// <summary>The nearest folder above the test binaries that holds LeBureau.Operator.sln or .git.</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeBureau.Operator.sln")) || Path.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No LeBureau.Operator.sln or .git above {AppContext.BaseDirectory}.");
    }
}
