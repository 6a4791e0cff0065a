using LeBureau.DesktopAgent.Input;

namespace LeBureau.DesktopAgent.Tests.Unit;

public sealed class TextKeysymsTests
{
    [Fact]
    public void Latin1_keeps_legacy_keysyms_and_other_characters_use_unicode_keysyms()
    {
        TextKeysyms.TryParse("aé€日😀", out _).Should().Equal(0x61u, 0xe9u, 0x010020acu, 0x010065e5u, 0x0101f600u);
    }

    [Fact]
    public void Line_breaks_press_return_once_and_tabs_press_tab()
    {
        TextKeysyms.TryParse("a\r\nb\nc\td", out _).Should().Equal(0x61u, 0xff0du, 0x62u, 0xff0du, 0x63u, 0xff09u, 0x64u);
    }

    [Fact]
    public void Control_characters_that_cannot_be_typed_are_rejected_naming_the_index()
    {
        TextKeysyms.TryParse("ab\u0007", out var error).Should().BeNull();
        error.Should().Contain("U+0007").And.Contain("index 2");
    }
}
