using LeBureau.Resources;

namespace LeBureau.Operator.Tiers;

/// <summary>The tier table (config/tiers.yaml), keyed by the tier's JSON name (free, pro, max).</summary>
public sealed class TierTable
{
    /// <summary>The tiers; the defaults match the product: free 2/4Gi/20Gi, pro 4/8Gi/40Gi, max 4/16Gi/80Gi.</summary>
    public Dictionary<string, TierSize> Tiers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The size of <paramref name="tier"/>, or null when the table lacks it.</summary>
    public TierSize? Find(Tier tier)
    {
        var name = tier.ToString().ToLowerInvariant();
        return Tiers.TryGetValue(name, out var size) && size.Cpu > 0 ? size : null;
    }
}
