using System.Globalization;
using System.Text;

namespace LeBureau.DesktopAgent.Input;

/// <summary>
/// Parses xdotool-style key names and combinations (<c>ctrl+c</c>, <c>Return</c>, <c>shift+Tab</c>) into keysyms.
/// Names are case-insensitive; names not in the alias table are looked up with the supplied X keysym resolver
/// (exact spelling first, then lower case), so every X keysym name (<c>XF86AudioMute</c>, <c>KP_Enter</c>) works.
/// </summary>
public static class KeyNames
{
    private static readonly Dictionary<string, uint> Aliases = BuildAliases();

    /// <summary>Parses one combination, keys joined by '+'. Returns null and an error naming the bad key on failure.</summary>
    public static IReadOnlyList<uint>? TryParseCombo(string combo, Func<string, uint> resolve, out string? error)
    {
        ArgumentNullException.ThrowIfNull(combo);
        ArgumentNullException.ThrowIfNull(resolve);
        var names = SplitCombo(combo.Trim());
        if (names.Count == 0)
        {
            error = "keys is empty";
            return null;
        }

        var keysyms = new List<uint>(names.Count);
        foreach (var name in names)
        {
            var keysym = TryParseKey(name, resolve);
            if (keysym == Keysyms.NoSymbol)
            {
                error = $"unknown key name '{name}' in '{combo}'";
                return null;
            }

            keysyms.Add(keysym);
        }

        error = null;
        return keysyms;
    }

    /// <summary>Parses a single key name; returns <see cref="Keysyms.NoSymbol"/> when the name is unknown.</summary>
    public static uint TryParseKey(string name, Func<string, uint> resolve)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(resolve);
        if (name.Length == 0)
        {
            return Keysyms.NoSymbol;
        }

        if (Rune.TryGetRuneAt(name, 0, out var rune) && rune.Utf16SequenceLength == name.Length)
        {
            return Rune.IsControl(rune) ? Keysyms.NoSymbol : Keysyms.ForRune(rune);
        }

        if (Aliases.TryGetValue(name, out var alias))
        {
            return alias;
        }

        if (TryParseNumeric(name, out var numeric))
        {
            return numeric;
        }

        var exact = resolve(name);
        return exact != Keysyms.NoSymbol ? exact : resolve(name.ToLowerInvariant());
    }

    private static List<string> SplitCombo(string combo)
    {
        var names = new List<string>();
        var start = 0;
        for (var i = 0; i < combo.Length; i++)
        {
            // A '+' that starts a name (or is the whole name) is the plus key itself: "ctrl++" = ctrl and plus;
            // the '+' of a code point name (U+20AC) belongs to the name.
            var codePoint = i == start + 1 && char.ToUpperInvariant(combo[start]) == 'U' && i + 1 < combo.Length && char.IsAsciiHexDigit(combo[i + 1]);
            if (combo[i] == '+' && i > start && !codePoint)
            {
                names.Add(combo[start..i].Trim());
                start = i + 1;
            }
        }

        if (start < combo.Length)
        {
            names.Add(combo[start..].Trim());
        }

        return names;
    }

    private static bool TryParseNumeric(string name, out uint keysym)
    {
        keysym = Keysyms.NoSymbol;
        if (name.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && uint.TryParse(name.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) && hex != 0)
        {
            keysym = hex;
            return true;
        }

        if (name.StartsWith("U+", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(name.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var codePoint)
            && Rune.IsValid(codePoint))
        {
            keysym = Keysyms.ForRune(new Rune(codePoint));
            return true;
        }

        return false;
    }

    private static Dictionary<string, uint> BuildAliases()
    {
        var aliases = new Dictionary<string, uint>(StringComparer.OrdinalIgnoreCase);
        void Add(uint keysym, params string[] names)
        {
            foreach (var name in names)
            {
                aliases[name] = keysym;
            }
        }

        Add(0xffe3, "ctrl", "control", "control_l", "ctrl_l", "lctrl");
        Add(0xffe4, "control_r", "ctrl_r", "rctrl");
        Add(0xffe1, "shift", "shift_l", "lshift");
        Add(0xffe2, "shift_r", "rshift");
        Add(0xffe9, "alt", "alt_l", "lalt", "option");
        Add(0xffea, "alt_r", "ralt");
        Add(0xfe03, "altgr", "iso_level3_shift");
        Add(0xffeb, "super", "super_l", "win", "windows", "cmd", "command", "meta", "lsuper");
        Add(0xffec, "super_r", "rsuper");
        Add(0xffed, "hyper", "hyper_l");
        Add(Keysyms.Return, "return", "enter", "ret");
        Add(0xff8d, "kp_enter");
        Add(Keysyms.Escape, "escape", "esc");
        Add(Keysyms.Tab, "tab");
        Add(Keysyms.BackSpace, "backspace", "back_space", "bksp");
        Add(0xffff, "delete", "del");
        Add(0xff63, "insert", "ins");
        Add(0xff50, "home");
        Add(0xff57, "end");
        Add(0xff55, "pageup", "page_up", "prior", "pgup");
        Add(0xff56, "pagedown", "page_down", "next", "pgdn");
        Add(0xff51, "left", "arrowleft");
        Add(0xff52, "up", "arrowup");
        Add(0xff53, "right", "arrowright");
        Add(0xff54, "down", "arrowdown");
        Add(0x20, "space", "spacebar");
        Add(0xffe5, "capslock", "caps_lock", "caps");
        Add(0xff7f, "numlock", "num_lock");
        Add(0xff14, "scrolllock", "scroll_lock");
        Add(0xff61, "print", "printscreen", "prtsc", "print_screen");
        Add(0xff13, "pause", "break");
        Add(0xff67, "menu", "apps");
        Add(0x2b, "plus");
        Add(0x2d, "minus");
        for (var n = 1; n <= 35; n++)
        {
            Add(0xffbeu + (uint)(n - 1), $"f{n}");
        }

        return aliases;
    }
}
