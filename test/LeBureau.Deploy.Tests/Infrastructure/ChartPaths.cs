using LeBureau.Testing;

namespace LeBureau.Deploy.Tests.Infrastructure;

/// <summary>Paths of the Helm chart.</summary>
public static class ChartPaths
{
    /// <summary>charts/lebureau.</summary>
    public static string Root => RepoPaths.Of("charts", "lebureau");

    /// <summary>values.yaml.</summary>
    public static string Values => Path.Combine(Root, "values.yaml");

    /// <summary>values.schema.json.</summary>
    public static string Schema => Path.Combine(Root, "values.schema.json");

    /// <summary>templates/.</summary>
    public static string Templates => Path.Combine(Root, "templates");

    /// <summary>The text of one template.</summary>
    public static string Template(string name) => File.ReadAllText(Path.Combine(Templates, name));
}
