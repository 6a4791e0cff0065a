namespace LeBureau.DesktopAgent.Input;

/// <summary>A physical key to press: its keycode and whether shift must be held for the wanted keysym.</summary>
public readonly record struct KeyStroke(int Keycode, bool Shift);
