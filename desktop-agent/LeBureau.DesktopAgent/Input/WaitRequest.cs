namespace LeBureau.DesktopAgent.Input;

/// <summary>POST /input/wait: Ms milliseconds, 0..60000.</summary>
public sealed record WaitRequest(int Ms);
