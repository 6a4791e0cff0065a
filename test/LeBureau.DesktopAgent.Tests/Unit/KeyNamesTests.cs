using LeBureau.DesktopAgent.Input;

namespace LeBureau.DesktopAgent.Tests.Unit;

public sealed class KeyNamesTests
{
    private static uint NoXNames(string name) => Keysyms.NoSymbol;

    private static uint FakeX(string name) => name switch
    {
        "XF86AudioMute" => 0x1008ff12,
        "comma" => 0x2c,
        _ => Keysyms.NoSymbol,
    };

    [Theory]
    [InlineData("ctrl+c", new uint[] { 0xffe3, 0x63 })]
    [InlineData("Return", new uint[] { 0xff0d })]
    [InlineData("enter", new uint[] { 0xff0d })]
    [InlineData("ESC", new uint[] { 0xff1b })]
    [InlineData("super", new uint[] { 0xffeb })]
    [InlineData("cmd", new uint[] { 0xffeb })]
    [InlineData("F5", new uint[] { 0xffc2 })]
    [InlineData("shift+Tab", new uint[] { 0xffe1, 0xff09 })]
    [InlineData("ctrl+alt+t", new uint[] { 0xffe3, 0xffe9, 0x74 })]
    [InlineData("CTRL + SHIFT + Page_Up", new uint[] { 0xffe3, 0xffe1, 0xff55 })]
    [InlineData("ctrl++", new uint[] { 0xffe3, 0x2b })]
    [InlineData("+", new uint[] { 0x2b })]
    [InlineData("A", new uint[] { 0x41 })]
    [InlineData("é", new uint[] { 0xe9 })]
    [InlineData("€", new uint[] { 0x010020ac })]
    [InlineData("U+20AC", new uint[] { 0x010020ac })]
    [InlineData("0xff0d", new uint[] { 0xff0d })]
    public void Names_and_combos_map_to_keysyms(string combo, uint[] expected)
    {
        KeyNames.TryParseCombo(combo, NoXNames, out var error).Should().Equal(expected);
        error.Should().BeNull();
    }

    [Fact]
    public void Names_outside_the_alias_table_are_resolved_by_X_exactly_then_in_lower_case()
    {
        KeyNames.TryParseCombo("XF86AudioMute", FakeX, out _).Should().Equal(0x1008ff12u);
        KeyNames.TryParseCombo("ctrl+Comma", FakeX, out _).Should().Equal(0xffe3u, 0x2cu);
    }

    [Fact]
    public void Unknown_key_name_is_rejected_naming_it()
    {
        KeyNames.TryParseCombo("ctrl+frobnicate", NoXNames, out var error).Should().BeNull();
        error.Should().Contain("'frobnicate'");
    }

    [Fact]
    public void Empty_combo_is_rejected()
    {
        KeyNames.TryParseCombo("  ", NoXNames, out var error).Should().BeNull();
        error.Should().Contain("empty");
    }
}
