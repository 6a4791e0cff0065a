namespace LeBureau.Resources;

/// <summary>The labels the operator puts on the objects it creates.</summary>
public static class Labels
{
    /// <summary>The name of the Desktop an object belongs to.</summary>
    public const string Desktop = "lebureau.io/desktop";

    /// <summary>The name of the ApiKey a Secret belongs to.</summary>
    public const string ApiKey = "lebureau.io/apikey";

    /// <summary>What the object is for (agent-token, provider-key, cloud-init, api-key, data-disk).</summary>
    public const string Component = "lebureau.io/component";

    /// <summary>Marks objects managed by the operator.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";
}
