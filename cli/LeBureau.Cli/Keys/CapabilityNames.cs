using LeBureau.ApiServer.Auth;
using LeBureau.Cli.Hosting;
using LeBureau.Resources;

namespace LeBureau.Cli.Keys;

/// <summary>Capabilities as typed on the command line (pure): their API names, repeated or comma-separated, or <c>all</c>.</summary>
public static class CapabilityNames
{
    public static IReadOnlyList<string> Known { get; } = CapabilityPolicy.Names(Enum.GetValues<Capability>());

    public static Capability[] Parse(IEnumerable<string> typed)
    {
        var names = typed.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (names.Count == 0) throw new CliException($"give at least one --capability: {string.Join(", ", Known)} or all", ExitCodes.Usage);
        if (names.Contains("all", StringComparer.OrdinalIgnoreCase)) return Enum.GetValues<Capability>();
        var unknown = names.Where(n => !Known.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new CliException($"unknown capability {string.Join(", ", unknown.Select(u => $"'{u}'"))}: use {string.Join(", ", Known)} or all",
                ExitCodes.Usage);
        }
        return Enum.GetValues<Capability>()
            .Where(c => names.Contains(CapabilityPolicy.Name(c), StringComparer.OrdinalIgnoreCase))
            .ToArray();
    }
}
