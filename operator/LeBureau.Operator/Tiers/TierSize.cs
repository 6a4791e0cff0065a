namespace LeBureau.Operator.Tiers;

/// <summary>What one tier buys: vCPUs, memory and data disk (Kubernetes quantities such as 8Gi).</summary>
public sealed class TierSize
{
    /// <summary>Virtual CPUs.</summary>
    public int Cpu { get; set; }

    /// <summary>Guest memory, a quantity (e.g. 4Gi).</summary>
    public string Memory { get; set; } = "";

    /// <summary>Persistent data disk, a quantity (e.g. 20Gi).</summary>
    public string Disk { get; set; } = "";
}
