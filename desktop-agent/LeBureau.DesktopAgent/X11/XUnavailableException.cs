namespace LeBureau.DesktopAgent.X11;

/// <summary>The X display cannot be reached; requests that need it answer 503.</summary>
public sealed class XUnavailableException(string message) : Exception(message);
