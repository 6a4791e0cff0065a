namespace LeBureau.Operator.Runtime;

/// <summary>Leader election over a coordination.k8s.io Lease.</summary>
public sealed class LeaderElectionOptions
{
    /// <summary>Enabled, controllers run only while this instance holds the Lease. Default false (one instance).</summary>
    public bool Enabled { get; set; }

    /// <summary>Name of the Lease. Default lebureau-operator.</summary>
    public string LeaseName { get; set; } = "lebureau-operator";

    /// <summary>Namespace of the Lease. Default default.</summary>
    public string LeaseNamespace { get; set; } = "default";

    /// <summary>This instance's identity in the Lease. Default host name plus a random suffix.</summary>
    public string Identity { get; set; } = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>How long a Lease holds without renewal. Default 15 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before giving up. Default 10 s.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval between attempts. Default 2 s.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);
}
