namespace LeBureau.DesktopAgent.Input;

/// <summary>POST /input/type: any Unicode Text (at most 100 000 characters); newlines press Return, tabs Tab.</summary>
public sealed record TypeRequest(string Text);
