using LeBureau.Operator.Machines;

namespace LeBureau.Operator.Local;

/// <summary>
/// One desktop to launch locally: its id (for the marker and folders), loopback address, X display, agent port, token,
/// screen size and its chat agent's settings (null without a provider).
/// </summary>
public sealed record LaunchRequest(string Id, string IpAddress, int Display, int AgentPort, string Token, int Width, int Height, ChatSettings? Chat = null);
