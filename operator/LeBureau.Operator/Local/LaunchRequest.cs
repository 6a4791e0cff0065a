using LeBureau.Operator.Machines;

namespace LeBureau.Operator.Local;

/// <summary>
/// One desktop to launch locally: its id (for the marker and folders), loopback address, X display, agent port, token,
/// screen size, its chat agent's settings (null without a provider) and the key of its home folder (the id when null; the
/// test simulators pass the data disk's claim, so that a new Pod or VM instance finds the files of the one before).
/// </summary>
public sealed record LaunchRequest(string Id, string IpAddress, int Display, int AgentPort, string Token, int Width, int Height, ChatSettings? Chat = null,
    string? HomeId = null);
