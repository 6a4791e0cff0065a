using LeBureau.Operator.Local;

namespace LeBureau.Operator.Tests.Infrastructure;

/// <summary>The launcher of the simulators' agents: one temporary folder that their <see cref="LocalDesktopLauncher.ReapAsync"/> at dispose empties.</summary>
public static class SimulatorLauncher
{
    /// <summary>A launcher of <paramref name="agentBinary"/> in a new temporary folder named after <paramref name="prefix"/>.</summary>
    public static LocalDesktopLauncher Create(string prefix, string agentBinary)
    {
        var state = Directory.CreateTempSubdirectory(prefix).FullName;
        // The chat data folders inside the state folder: the reap removes them with the rest.
        return new LocalDesktopLauncher(state, Path.Combine(state, "chat-data"), agentBinary);
    }
}
