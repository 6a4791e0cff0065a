using LeBureau.DesktopAgent.Input;

namespace LeBureau.DesktopAgent.Tests.Unit;

public sealed class KeyboardLayoutTests
{
    // keycodes 8..12: [a A] [Shift_L -] [empty] [1 exclam] [empty]; 2 keysyms per keycode
    private static readonly KeyboardLayout Layout = new(8, 2, [0x61, 0x41, 0xffe1, 0, 0, 0, 0x31, 0x21, 0, 0]);

    [Fact]
    public void Level_zero_keysym_needs_no_shift()
    {
        Layout.Find(0x61).Should().Be(new KeyStroke(8, Shift: false));
    }

    [Fact]
    public void Level_one_keysym_needs_shift()
    {
        Layout.Find(0x21).Should().Be(new KeyStroke(11, Shift: true));
    }

    [Fact]
    public void Missing_keysym_is_not_found()
    {
        Layout.Find(0xe9).Should().BeNull();
    }

    [Fact]
    public void Spare_keycodes_are_the_empty_ones_highest_first()
    {
        Layout.SpareKeycodes().Should().Equal(12, 10);
    }
}
