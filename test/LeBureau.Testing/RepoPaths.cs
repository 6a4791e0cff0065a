namespace LeBureau.Testing;

/// <summary>Paths inside the repository, found from the test binaries' folder.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding LeBureau.Operator.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The generated CustomResourceDefinitions.</summary>
    public static string Crds => Path.Combine(Root, "crds");

    /// <summary>The build configuration of the running tests (Debug or Release); sibling projects were built with it too.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The desktop agent built alongside the tests (for the local runtime and the simulator).</summary>
    public static string DesktopAgent => Of("desktop-agent", "LeBureau.DesktopAgent", "bin", Configuration, "net10.0", "LeBureau.DesktopAgent.dll");

    /// <summary>The output of <paramref name="project"/> (a folder under the root) built with <see cref="Configuration"/>.</summary>
    public static string BuildOutput(string project, string file) => Of(project, "bin", Configuration, "net10.0", file);

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
