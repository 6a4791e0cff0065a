namespace LeBureau.DesktopAgent.Input;

/// <summary>
/// A snapshot of the X keyboard mapping (keysyms per keycode) and the decisions taken on it:
/// which keycode and shift level produce a keysym, and which keycodes are free for temporary remapping.
/// </summary>
public sealed class KeyboardLayout
{
    private readonly uint[] _keysyms;

    public KeyboardLayout(int minKeycode, int keysymsPerKeycode, uint[] keysyms)
    {
        ArgumentNullException.ThrowIfNull(keysyms);
        ArgumentOutOfRangeException.ThrowIfLessThan(keysymsPerKeycode, 1);
        MinKeycode = minKeycode;
        KeysymsPerKeycode = keysymsPerKeycode;
        _keysyms = keysyms;
    }

    public int MinKeycode { get; }

    public int KeysymsPerKeycode { get; }

    public int MaxKeycode => MinKeycode + (_keysyms.Length / KeysymsPerKeycode) - 1;

    /// <summary>
    /// Finds the keycode producing <paramref name="keysym"/> at level 0 (no modifier) or level 1 (shift),
    /// preferring level 0 anywhere on the keyboard. Higher levels (AltGr) are not used: they depend on
    /// the layout's modifier setup, so such characters go through a remapped spare keycode instead.
    /// </summary>
    public KeyStroke? Find(uint keysym)
    {
        for (var level = 0; level < Math.Min(2, KeysymsPerKeycode); level++)
        {
            for (var keycode = MinKeycode; keycode <= MaxKeycode; keycode++)
            {
                if (At(keycode, level) == keysym)
                {
                    return new KeyStroke(keycode, level == 1);
                }
            }
        }

        return null;
    }

    /// <summary>Keycodes that have no keysym at all, highest first (low keycodes are sometimes special, e.g. 8).</summary>
    public IReadOnlyList<int> SpareKeycodes()
    {
        var spares = new List<int>();
        for (var keycode = MaxKeycode; keycode >= MinKeycode; keycode--)
        {
            var empty = true;
            for (var level = 0; level < KeysymsPerKeycode && empty; level++)
            {
                empty = At(keycode, level) == Keysyms.NoSymbol;
            }

            if (empty)
            {
                spares.Add(keycode);
            }
        }

        return spares;
    }

    public uint At(int keycode, int level) => _keysyms[((keycode - MinKeycode) * KeysymsPerKeycode) + level];
}
