using LeBureau.DesktopAgent.Input;

namespace LeBureau.DesktopAgent.X11;

/// <summary>
/// Presses keysyms on the X keyboard. Keysyms missing from the layout are put on a spare keycode
/// (XChangeKeyboardMapping) that stays mapped until the worker has been idle for a moment, then restored.
/// </summary>
internal sealed class XKeyboard
{
    // When a spare keycode is reused within one burst, clients need a moment to read the previous mapping.
    private static readonly TimeSpan EvictionGrace = TimeSpan.FromMilliseconds(40);

    private readonly XSession _session;
    private SpareKeycodePool? _pool;

    public XKeyboard(XSession session)
    {
        _session = session;
    }

    public bool HasRemappedKeycodes => _pool is { Installed.Count: > 0 };

    /// <summary>Types each keysym as a press and release, with shift where its level needs it.</summary>
    public void Type(IReadOnlyList<uint> keysyms)
    {
        var layout = _session.ReadKeyboardLayout();
        var shift = layout.Find(Keysyms.ShiftL)?.Keycode;
        foreach (var keysym in keysyms)
        {
            var stroke = Resolve(keysym, layout);
            var withShift = stroke.Shift && shift is not null;
            if (withShift)
            {
                _session.Key(shift!.Value, down: true);
            }

            _session.Key(stroke.Keycode, down: true);
            _session.Key(stroke.Keycode, down: false);
            if (withShift)
            {
                _session.Key(shift!.Value, down: false);
            }
        }

        _session.Sync();
    }

    /// <summary>The keycodes to press for a combination, shift added before a key that needs it.</summary>
    public IReadOnlyList<int> ResolveCombo(IReadOnlyList<uint> keysyms)
    {
        var layout = _session.ReadKeyboardLayout();
        var shift = layout.Find(Keysyms.ShiftL)?.Keycode;
        var keycodes = new List<int>(keysyms.Count + 1);
        foreach (var keysym in keysyms)
        {
            var stroke = Resolve(keysym, layout);
            if (stroke.Shift && shift is { } shiftKeycode && !keycodes.Contains(shiftKeycode))
            {
                keycodes.Add(shiftKeycode);
            }

            keycodes.Add(stroke.Keycode);
        }

        return keycodes;
    }

    public void RestoreRemappedKeycodes()
    {
        if (_pool is null)
        {
            return;
        }

        foreach (var keycode in _pool.Release())
        {
            _session.SetKeycodeMapping(keycode, Keysyms.NoSymbol);
        }

        _session.Sync();
    }

    private KeyStroke Resolve(uint keysym, KeyboardLayout layout)
    {
        if (layout.Find(keysym) is { } stroke)
        {
            return stroke;
        }

        _pool ??= new SpareKeycodePool(layout.SpareKeycodes());
        var assignment = _pool.Assign(keysym)
            ?? throw new InvalidOperationException($"keysym 0x{keysym:x} is not on the keyboard and no keycode is free to map it");
        if (assignment.Evicts)
        {
            _session.Sync();
            Thread.Sleep(EvictionGrace);
        }

        if (assignment.NeedsRemap)
        {
            _session.SetKeycodeMapping(assignment.Keycode, keysym);
        }

        return new KeyStroke(assignment.Keycode, Shift: false);
    }
}
