namespace LeBureau.Operator.Desktops;

/// <summary>Names of the objects the operator creates for a desktop (all in its namespace, owned by it).</summary>
public static class DesktopNames
{
    /// <summary>The VirtualMachine (and its instance): the desktop's name.</summary>
    public static string Machine(string desktop) => desktop;

    /// <summary>The Secret with the agent's bearer token (key "token").</summary>
    public static string AgentTokenSecret(string desktop) => $"{desktop}-agent-token";

    /// <summary>The Secret with the cloud-init user data.</summary>
    public static string CloudInitSecret(string desktop) => $"{desktop}-cloud-init";

    /// <summary>The PersistentVolumeClaim of the data disk.</summary>
    public static string DataDisk(string desktop) => $"{desktop}-data";

    /// <summary>The key of the token in the agent token Secret.</summary>
    public const string TokenKey = "token";
}
