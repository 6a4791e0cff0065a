using System.Text;

namespace LeBureau.DesktopAgent.Input;

/// <summary>Keysym values and the rule that turns a character into its keysym.</summary>
public static class Keysyms
{
    public const uint NoSymbol = 0;
    public const uint BackSpace = 0xff08;
    public const uint Tab = 0xff09;
    public const uint Return = 0xff0d;
    public const uint Escape = 0xff1b;
    public const uint ShiftL = 0xffe1;

    /// <summary>
    /// Latin-1 characters keep their legacy keysym (equal to the code point); every other character
    /// uses the Unicode keysym range 0x01000000 + code point, which X clients translate back to the character.
    /// </summary>
    public static uint ForRune(Rune rune) => rune.Value switch
    {
        >= 0x20 and <= 0x7e => (uint)rune.Value,
        >= 0xa0 and <= 0xff => (uint)rune.Value,
        _ => 0x01000000u + (uint)rune.Value,
    };
}
