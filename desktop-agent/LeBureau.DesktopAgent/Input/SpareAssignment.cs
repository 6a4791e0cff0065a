namespace LeBureau.DesktopAgent.Input;

/// <summary>
/// The outcome of <see cref="SpareKeycodePool.Assign"/>: the keycode, whether its mapping must change,
/// and whether that change evicts a keysym typed moments ago (the caller then lets clients catch up first).
/// </summary>
public readonly record struct SpareAssignment(int Keycode, bool NeedsRemap, bool Evicts);
