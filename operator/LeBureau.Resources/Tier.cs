using System.Text.Json.Serialization;

namespace LeBureau.Resources;

/// <summary>Resource tier of a desktop; the operator's tier table maps it to vCPU, memory and disk.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Tier>))]
public enum Tier
{
    /// <summary>2 vCPU, 4 GiB memory, 20 GiB disk (default table).</summary>
    [JsonStringEnumMemberName("free")] Free,

    /// <summary>4 vCPU, 8 GiB memory, 40 GiB disk (default table).</summary>
    [JsonStringEnumMemberName("pro")] Pro,

    /// <summary>4 vCPU, 16 GiB memory, 80 GiB disk (default table).</summary>
    [JsonStringEnumMemberName("max")] Max,
}
