using LeBureau.Testing;

namespace LeBureau.Operator.Tests.Infrastructure;

/// <summary>The real desktop agent, built with the tests (a project reference without an assembly reference).</summary>
public static class TestAgent
{
    /// <summary>The agent's executable.</summary>
    public static string Binary { get; } = Locate();

    private static string Locate()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = RepoPaths.Of("desktop-agent", "LeBureau.DesktopAgent", "bin", configuration, "net10.0", "LeBureau.DesktopAgent");
        return File.Exists(path) ? path : throw new FileNotFoundException("the desktop agent was not built", path);
    }
}
