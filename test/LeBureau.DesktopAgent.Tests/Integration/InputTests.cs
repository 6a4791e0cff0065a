using System.Net;
using LeBureau.DesktopAgent.Tests.Infrastructure;

namespace LeBureau.DesktopAgent.Tests.Integration;

[Collection(DesktopCollection.Name)]
public sealed class InputTests(DesktopFixture desktop)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Move_puts_the_pointer_where_asked()
    {
        var response = await desktop.Client.PostJsonAsync("/input/move", new { x = 321, y = 456 });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        desktop.QueryPointer().Should().Be((321, 456));
        var body = await response.JsonAsync();
        body.GetProperty("x").GetInt32().Should().Be(321);
        body.GetProperty("y").GetInt32().Should().Be(456);
    }

    [Fact]
    public async Task Click_moves_the_pointer_and_the_window_under_it_receives_the_button()
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 100, 100, 300, 200, 0x336699);

        var response = await desktop.Client.PostJsonAsync("/input/click", new { x = 150, y = 160, button = "right" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        desktop.QueryPointer().Should().Be((150, 160));
        (await Eventually.WaitAsync(() => window.Events.Any(e => e.Type == TestXlib.ButtonRelease), Deadline)).Should().BeTrue();
        var press = window.Events.First(e => e.Type == TestXlib.ButtonPress);
        press.Detail.Should().Be(3u);
        (press.X, press.Y).Should().Be((50, 60));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Double_and_triple_click_send_that_many_presses(int clicks)
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 100, 100, 300, 200, 0x336699);

        await desktop.Client.PostJsonAsync("/input/click", new { x = 200, y = 200, clicks });

        (await Eventually.WaitAsync(() => window.Events.Count(e => e.Type == TestXlib.ButtonRelease) == clicks, Deadline)).Should().BeTrue();
        window.Events.Count(e => e.Type == TestXlib.ButtonPress && e.Detail == 1).Should().Be(clicks);
    }

    [Fact]
    public async Task Mouse_down_and_up_can_be_sent_separately()
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 100, 100, 300, 200, 0x336699);

        await desktop.Client.PostJsonAsync("/input/click", new { x = 120, y = 120, action = "down", button = "middle" });
        (await Eventually.WaitAsync(() => window.Events.Any(e => e.Type == TestXlib.ButtonPress), Deadline)).Should().BeTrue();
        window.Events.Should().NotContain(e => e.Type == TestXlib.ButtonRelease);

        await desktop.Client.PostJsonAsync("/input/click", new { action = "up", button = "middle" });
        (await Eventually.WaitAsync(() => window.Events.Any(e => e.Type == TestXlib.ButtonRelease && e.Detail == 2), Deadline)).Should().BeTrue();
    }

    [Fact]
    public async Task Drag_presses_moves_with_the_button_held_and_releases_at_the_end()
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 100, 100, 400, 300, 0x336699);

        var response = await desktop.Client.PostJsonAsync("/input/drag", new { start = new { x = 110, y = 110 }, end = new { x = 410, y = 310 }, steps = 5 });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Eventually.WaitAsync(() => window.Events.Any(e => e.Type == TestXlib.ButtonRelease), Deadline)).Should().BeTrue();
        var events = window.Events;
        var press = events.First(e => e.Type == TestXlib.ButtonPress);
        (press.X, press.Y).Should().Be((10, 10));
        var release = events.Last(e => e.Type == TestXlib.ButtonRelease);
        (release.X, release.Y).Should().Be((310, 210));
        events.Count(e => e.Type == TestXlib.MotionNotify && (e.State & TestXlib.Button1Mask) != 0).Should().BeGreaterThanOrEqualTo(4);
    }

    [Theory]
    [InlineData("up", 4u)]
    [InlineData("down", 5u)]
    [InlineData("left", 6u)]
    [InlineData("right", 7u)]
    public async Task Scroll_sends_one_wheel_button_per_unit_of_amount(string direction, uint button)
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 100, 100, 300, 200, 0x336699);

        await desktop.Client.PostJsonAsync("/input/scroll", new { x = 200, y = 200, direction, amount = 3 });

        (await Eventually.WaitAsync(() => window.Events.Count(e => e.Type == TestXlib.ButtonRelease) == 3, Deadline)).Should().BeTrue();
        window.Events.Where(e => e.Type == TestXlib.ButtonPress).Should().OnlyContain(e => e.Detail == button);
    }

    [Fact]
    public async Task Typed_text_including_characters_missing_from_the_layout_reaches_the_focused_window()
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 100, 100, 300, 200, 0x336699, focus: true);
        const string text = "Hi! é ü ß € 日本";

        var response = await desktop.Client.PostJsonAsync("/input/type", new { text });

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Eventually.WaitAsync(() => Typed(window) == text, Deadline)).Should().BeTrue(because: $"the window got '{Typed(window)}'");
    }

    [Fact]
    public async Task Typed_unicode_text_arrives_in_a_real_application()
    {
        var output = Path.Combine(desktop.WorkDirectory, $"typed-{Guid.NewGuid():N}.txt");
        var xterm = desktop.StartProcess(
            "xterm", ["-geometry", "80x10+0+0", "-u8", "-e", "sh", "-c", $"touch {output}.ready; cat > {output}"],
            new Dictionary<string, string> { ["LC_ALL"] = "C.UTF-8" });
        try
        {
            (await Eventually.WaitAsync(() => File.Exists(output + ".ready"), Deadline)).Should().BeTrue();
            desktop.FocusFollowsPointer();
            await desktop.Client.PostJsonAsync("/input/move", new { x = 40, y = 40 });
            const string text = "héllo wörld ß € 日本";

            await desktop.Client.PostJsonAsync("/input/type", new { text = text + "\n" });

            (await Eventually.WaitAsync(() => File.Exists(output) && File.ReadAllText(output) == text + "\n", Deadline))
                .Should().BeTrue(because: $"xterm wrote '{(File.Exists(output) ? File.ReadAllText(output) : null)}'");
        }
        finally
        {
            xterm.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData("ctrl+c", 0x63u, TestXlib.ControlMask)]
    [InlineData("ctrl+alt+t", 0x74u, TestXlib.ControlMask | TestXlib.Mod1Mask)]
    [InlineData("shift+Tab", 0xfe20u, TestXlib.ShiftMask)]
    public async Task Key_combinations_arrive_with_their_modifiers(string keys, uint keysym, uint modifiers)
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 100, 100, 300, 200, 0x336699, focus: true);

        var response = await desktop.Client.PostJsonAsync("/input/key", new { keys });

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Eventually.WaitAsync(() => window.Events.Any(e => e.Type == TestXlib.KeyPress && e.Keysym == keysym), Deadline)).Should().BeTrue();
        var press = window.Events.First(e => e.Type == TestXlib.KeyPress && e.Keysym == keysym);
        (press.State & modifiers).Should().Be(modifiers);
        (await Eventually.WaitAsync(() => window.Events.Count(e => e.Type == TestXlib.KeyRelease) == window.Events.Count(e => e.Type == TestXlib.KeyPress), Deadline))
            .Should().BeTrue(because: "every key pressed is released");
    }

    [Fact]
    public async Task Keys_given_as_an_array_and_named_case_insensitively_work()
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 100, 100, 300, 200, 0x336699, focus: true);

        await desktop.Client.PostJsonAsync("/input/key", new { keys = new[] { "ENTER" } });

        (await Eventually.WaitAsync(() => window.Events.Any(e => e.Type == TestXlib.KeyPress && e.Keysym == 0xff0d), Deadline)).Should().BeTrue();
    }

    [Fact]
    public async Task Key_down_holds_until_key_up()
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 100, 100, 300, 200, 0x336699, focus: true);

        await desktop.Client.PostJsonAsync("/input/key", new { keys = "shift", action = "down" });
        await desktop.Client.PostJsonAsync("/input/type", new { text = "a" });
        await desktop.Client.PostJsonAsync("/input/key", new { keys = "shift", action = "up" });

        (await Eventually.WaitAsync(() => window.Events.Count(e => e.Type == TestXlib.KeyRelease) >= 2, Deadline)).Should().BeTrue();
        window.Events.First(e => e.Type == TestXlib.KeyPress && e.Detail != window.Events[0].Detail).State.Should().Be(TestXlib.ShiftMask);
    }

    [Fact]
    public async Task Hold_keeps_the_key_down_for_the_duration()
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 100, 100, 300, 200, 0x336699, focus: true);
        var started = DateTime.UtcNow;

        var response = await desktop.Client.PostJsonAsync("/input/key", new { keys = "a", holdMs = 300 });

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (DateTime.UtcNow - started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300));
        (await Eventually.WaitAsync(() => window.Events.Any(e => e.Type == TestXlib.KeyRelease), Deadline)).Should().BeTrue();
    }

    [Fact]
    public async Task Cursor_reports_the_pointer_position()
    {
        await desktop.Client.PostJsonAsync("/input/move", new { x = 77, y = 88 });

        var cursor = await (await desktop.Client.GetAsync("/input/cursor")).JsonAsync();

        cursor.GetProperty("x").GetInt32().Should().Be(77);
        cursor.GetProperty("y").GetInt32().Should().Be(88);
    }

    [Fact]
    public async Task Wait_waits()
    {
        var started = DateTime.UtcNow;
        var response = await desktop.Client.PostJsonAsync("/input/wait", new { ms = 200 });
        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (DateTime.UtcNow - started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Click_outside_the_screen_is_400_naming_the_bounds()
    {
        var response = await desktop.Client.PostJsonAsync("/input/click", new { x = 1280, y = 10 });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.DetailAsync()).Should().Contain("0..1279").And.Contain("0..799");
    }

    [Fact]
    public async Task Scaled_coordinates_outside_the_scaled_screen_are_400()
    {
        var response = await desktop.Client.PostJsonAsync("/input/move", new { x = -1, y = 10, scaled = true });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.DetailAsync()).Should().Contain("0..1279");
    }

    [Fact]
    public async Task Unknown_key_name_is_400_naming_it()
    {
        var response = await desktop.Client.PostJsonAsync("/input/key", new { keys = "ctrl+nosuchkey" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.DetailAsync()).Should().Contain("nosuchkey");
    }

    private static string Typed(TestWindow window) =>
        string.Concat(window.Events.Where(e => e.Type == TestXlib.KeyPress).Select(e => e.Text));
}
