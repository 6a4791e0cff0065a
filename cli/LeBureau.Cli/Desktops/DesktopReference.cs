using LeBureau.Cli.Hosting;
using LeBureau.Client;

namespace LeBureau.Cli.Desktops;

/// <summary>A desktop named on the command line by its id (a UUID) or, kubectl-like, by its name when that name is unique (pure).</summary>
public static class DesktopReference
{
    public static bool IsId(string text) => Guid.TryParse(text, out _);

    /// <summary>The id of the one desktop in <paramref name="desktops"/> called <paramref name="name"/>.</summary>
    public static string ByName(string name, IEnumerable<DesktopInfo> desktops)
    {
        var matches = desktops.Where(d => string.Equals(d.Name, name, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            1 => matches[0].Id,
            0 => throw new CliException($"no desktop has the id or name '{name}' (see `lebureau desktops list`)", ExitCodes.NotFound),
            _ => throw new CliException(
                $"{matches.Count} desktops are called '{name}': give the id instead ({string.Join(", ", matches.Select(m => m.Id))})", ExitCodes.Usage),
        };
    }
}
