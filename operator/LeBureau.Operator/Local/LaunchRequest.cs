namespace LeBureau.Operator.Local;

/// <summary>One desktop to launch locally: its id (for the marker and folders), loopback address, X display, agent port, token and screen size.</summary>
public sealed record LaunchRequest(string Id, string IpAddress, int Display, int AgentPort, string Token, int Width, int Height);
