using System.Text;

namespace LeBureau.DesktopAgent.Input;

/// <summary>Turns text to type into the keysyms to press, one per character; line breaks become Return.</summary>
public static class TextKeysyms
{
    public static IReadOnlyList<uint>? TryParse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var keysyms = new List<uint>(text.Length);
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var keysym = rune.Value switch
            {
                '\r' when index + 1 < text.Length && text[index + 1] == '\n' => (uint?)null,
                '\r' or '\n' => Keysyms.Return,
                '\t' => Keysyms.Tab,
                '\b' => Keysyms.BackSpace,
                0x1b => Keysyms.Escape,
                _ when Rune.IsControl(rune) => Keysyms.NoSymbol,
                _ => Keysyms.ForRune(rune),
            };
            if (keysym == Keysyms.NoSymbol)
            {
                error = $"text contains the control character U+{rune.Value:X4} at index {index}, which cannot be typed";
                return null;
            }

            if (keysym is { } value)
            {
                keysyms.Add(value);
            }

            index += rune.Utf16SequenceLength;
        }

        error = null;
        return keysyms;
    }
}
