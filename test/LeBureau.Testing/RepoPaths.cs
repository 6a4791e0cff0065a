namespace LeBureau.Testing;

/// <summary>Paths inside the repository, found from the test binaries' folder.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding LeBureau.Operator.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The generated CustomResourceDefinitions.</summary>
    public static string Crds => Path.Combine(Root, "crds");

    /// <summary>A path relative to the repository root.</summary>
    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeBureau.Operator.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"LeBureau.Operator.sln not found above {AppContext.BaseDirectory}");
    }
}
