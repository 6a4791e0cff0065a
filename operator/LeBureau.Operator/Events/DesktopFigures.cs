using System.Text.Json;

namespace LeBureau.Operator.Events;

/// <summary>The latest usage figures of a running desktop, read from its agent (never written to etcd).</summary>
/// <param name="Cpu">CPU use in percent.</param>
/// <param name="MemoryPercent">Memory use in percent.</param>
/// <param name="DiskPercent">Disk use in percent.</param>
public sealed record DesktopFigures(double Cpu, double MemoryPercent, double DiskPercent)
{
    /// <summary>The largest agent reply read: a hostile agent's huge reply is not read at all.</summary>
    public const int MaxReplyBytes = 64 * 1024;

    /// <summary>
    /// The figures in an agent's <c>/metrics</c> reply (<c>{cpu, memory: {percent}, disk: {percent}}</c>), or null when
    /// the reply is not that: a desktop's user owns its agent, so a reply may be anything (<c>{"cpu":0}</c>, strings,
    /// NaN, negative or absurd numbers). Pure.
    /// </summary>
    public static DesktopFigures? Parse(string reply)
    {
        try
        {
            using var json = JsonDocument.Parse(reply);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var cpu = Number(root, "cpu", 100 * 4096);
            var memory = Percent(root, "memory");
            var disk = Percent(root, "disk");
            return cpu is { } c && memory is { } m && disk is { } d ? new DesktopFigures(c, m, d) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static double? Percent(JsonElement root, string name) =>
        root.TryGetProperty(name, out var amount) && amount.ValueKind == JsonValueKind.Object ? Number(amount, "percent", 100) : null;

    private static double? Number(JsonElement parent, string name, double max) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var n)
        && double.IsFinite(n) && n >= 0 && n <= max ? n : null;
}
