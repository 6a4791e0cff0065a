namespace LeBureau.DesktopAgent.Input;

/// <summary>
/// Decides which spare keycode carries a keysym that the layout lacks. Assignments stay installed
/// until <see cref="Release"/> so that a client still looking the keycode up (after the MappingNotify
/// it receives) sees the right keysym; a keysym already installed is reused without remapping.
/// </summary>
public sealed class SpareKeycodePool
{
    private readonly IReadOnlyList<int> _spares;
    private readonly Dictionary<int, uint> _installed = [];
    private readonly LinkedList<int> _leastRecentlyUsed = new();

    public SpareKeycodePool(IReadOnlyList<int> spares)
    {
        ArgumentNullException.ThrowIfNull(spares);
        _spares = spares;
    }

    public IReadOnlyDictionary<int, uint> Installed => _installed;

    /// <summary>Picks the keycode for <paramref name="keysym"/>, or null when the keyboard has no spare keycode.</summary>
    public SpareAssignment? Assign(uint keysym)
    {
        foreach (var (keycode, installed) in _installed)
        {
            if (installed == keysym)
            {
                Touch(keycode);
                return new SpareAssignment(keycode, NeedsRemap: false, Evicts: false);
            }
        }

        var free = _spares.FirstOrDefault(k => !_installed.ContainsKey(k), -1);
        if (free >= 0)
        {
            _installed[free] = keysym;
            Touch(free);
            return new SpareAssignment(free, NeedsRemap: true, Evicts: false);
        }

        if (_leastRecentlyUsed.First is not { } oldest)
        {
            return null;
        }

        _installed[oldest.Value] = keysym;
        Touch(oldest.Value);
        return new SpareAssignment(oldest.Value, NeedsRemap: true, Evicts: true);
    }

    /// <summary>Forgets every assignment (the caller restores the keycodes to NoSymbol).</summary>
    public IReadOnlyList<int> Release()
    {
        var keycodes = _installed.Keys.ToList();
        _installed.Clear();
        _leastRecentlyUsed.Clear();
        return keycodes;
    }

    private void Touch(int keycode)
    {
        _leastRecentlyUsed.Remove(keycode);
        _leastRecentlyUsed.AddLast(keycode);
    }
}
