using System.Text.Json;
using LeBureau.DesktopAgent.Chat.Tools;
using LeBureau.DesktopAgent.Screen;
using LeBureau.DesktopAgent.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace LeBureau.DesktopAgent.Tests.Integration;

/// <summary>The chat agent's tools on a real 1920×1080 Xvfb, through the agent's own services (the model sees 1366×768).</summary>
[Collection(WideDesktopCollection.Name)]
public sealed class DesktopToolboxTests(WideDesktopFixture desktop)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private DesktopToolbox Toolbox => desktop.Services.GetRequiredService<DesktopToolbox>();

    [Fact]
    public async Task The_model_screen_of_a_1920x1080_display_is_1366x768()
    {
        (await Toolbox.ModelScreenAsync(CancellationToken.None)).Should().Be(new ScreenSize(1366, 768));
    }

    [Fact]
    public async Task Screenshot_is_a_png_of_the_model_screen_size()
    {
        var output = await ComputerAsync(new { action = "screenshot" });

        output.IsError.Should().BeFalse(output.Text);
        output.Image!.MediaType.Should().Be("image/png");
        (output.Image.Width, output.Image.Height).Should().Be((1366, 768));
        using var image = SKBitmap.Decode(output.Image.Bytes);
        (image.Width, image.Height).Should().Be((1366, 768));
    }

    [Fact]
    public async Task Left_click_at_a_scaled_coordinate_lands_on_the_screen_pixel_under_it_and_returns_a_screenshot()
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 900, 500, 120, 80, 0x336699);

        var output = await ComputerAsync(new { action = "left_click", coordinate = new[] { 683, 384 } });

        output.IsError.Should().BeFalse(output.Text);
        desktop.QueryPointer().Should().Be((960, 540));
        output.Text.Should().Contain("X=683,Y=384");
        (output.Image!.Width, output.Image.Height).Should().Be((1366, 768));
        (await Eventually.WaitAsync(() => window.Events.Any(e => e.Type == TestXlib.ButtonRelease), Deadline)).Should().BeTrue();
        var press = window.Events.First(e => e.Type == TestXlib.ButtonPress);
        (press.Detail, press.X, press.Y).Should().Be((1u, 60, 40));
    }

    [Fact]
    public async Task Click_with_modifier_text_holds_the_modifier_during_the_click()
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 900, 500, 120, 80, 0x336699);

        var output = await ComputerAsync(new { action = "left_click", coordinate = new[] { 683, 384 }, text = "shift" });

        output.IsError.Should().BeFalse(output.Text);
        (await Eventually.WaitAsync(() => window.Events.Any(e => e.Type == TestXlib.ButtonPress), Deadline)).Should().BeTrue();
        (window.Events.First(e => e.Type == TestXlib.ButtonPress).State & TestXlib.ShiftMask).Should().Be(TestXlib.ShiftMask);
    }

    [Theory]
    [InlineData("double_click", 2, 1u)]
    [InlineData("triple_click", 3, 1u)]
    [InlineData("right_click", 1, 3u)]
    [InlineData("middle_click", 1, 2u)]
    public async Task Click_actions_press_their_button_their_number_of_times(string action, int times, uint button)
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 900, 500, 120, 80, 0x336699);

        var output = await ComputerAsync(new { action, coordinate = new[] { 683, 384 } });

        output.IsError.Should().BeFalse(output.Text);
        (await Eventually.WaitAsync(() => window.Events.Count(e => e.Type == TestXlib.ButtonRelease) == times, Deadline)).Should().BeTrue();
        window.Events.Where(e => e.Type == TestXlib.ButtonPress).Should().HaveCount(times).And.OnlyContain(e => e.Detail == button);
    }

    [Fact]
    public async Task Drag_and_mouse_down_up_press_move_and_release_the_left_button_in_scaled_coordinates()
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 900, 500, 300, 200, 0x336699);

        var drag = await ComputerAsync(new { action = "left_click_drag", start_coordinate = new[] { 650, 360 }, coordinate = new[] { 800, 450 } });

        drag.IsError.Should().BeFalse(drag.Text);
        desktop.QueryPointer().Should().Be((1125, 633), "the end (800,450) of the 1366×768 view is (1125,633) on the 1920×1080 screen");
        (await Eventually.WaitAsync(() => window.Events.Any(e => e.Type == TestXlib.ButtonRelease), Deadline)).Should().BeTrue();
        window.Events.Should().Contain(e => e.Type == TestXlib.MotionNotify && (e.State & TestXlib.Button1Mask) != 0, "it moved with the button held");

        window.Clear();
        (await ComputerAsync(new { action = "left_mouse_down" })).IsError.Should().BeFalse();
        (await Eventually.WaitAsync(() => window.Events.Any(e => e.Type == TestXlib.ButtonPress), Deadline)).Should().BeTrue();
        window.Events.Should().NotContain(e => e.Type == TestXlib.ButtonRelease, "down only presses");
        (await ComputerAsync(new { action = "left_mouse_up" })).IsError.Should().BeFalse();
        (await Eventually.WaitAsync(() => window.Events.Any(e => e.Type == TestXlib.ButtonRelease), Deadline)).Should().BeTrue();
    }

    [Fact]
    public async Task Hold_key_keeps_the_key_down_for_the_duration_and_wait_waits()
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 900, 500, 120, 80, 0x336699, focus: true);
        await ComputerAsync(new { action = "mouse_move", coordinate = new[] { 683, 384 } });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var held = await ComputerAsync(new { action = "hold_key", text = "shift", duration = 0.3 });
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300));
        held.IsError.Should().BeFalse(held.Text);
        (await Eventually.WaitAsync(() => window.Events.Any(e => e.Type == TestXlib.KeyRelease), Deadline)).Should().BeTrue();
        window.Events.First(e => e.Type == TestXlib.KeyPress).Keysym.Should().Be(0xffe1u, "Shift_L went down");

        clock.Restart();
        var waited = await ComputerAsync(new { action = "wait", duration = 0.2 });
        waited.IsError.Should().BeFalse(waited.Text);
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200));
        waited.Image.Should().NotBeNull("a wait answers with what the screen shows after it");
    }

    [Fact]
    public async Task Screenshot_of_an_unchanged_screen_is_the_previous_image_and_of_a_changed_one_a_new_image()
    {
        // Two screenshots in a row of a still screen: the second is the first image itself, not encoded again.
        ToolImage? previous = null;
        (await Eventually.WaitAsync(async () =>
        {
            var shot = (await ComputerAsync(new { action = "screenshot" })).Image!;
            var reused = ReferenceEquals(shot.Bytes, previous?.Bytes);
            previous = shot;
            return reused;
        }, Deadline)).Should().BeTrue();

        using var window = await TestWindow.OpenAsync(desktop.Display, 300, 200, 150, 90, 0xcc3311);
        var changed = (await Eventually.WaitAsync(async () =>
        {
            var shot = (await ComputerAsync(new { action = "mouse_move", coordinate = new[] { 10, 10 } })).Image!;
            using var image = SKBitmap.Decode(shot.Bytes);
            return !ReferenceEquals(shot.Bytes, previous!.Bytes) && image.GetPixel(250, 166) == new SKColor(0xcc, 0x33, 0x11);
        }, Deadline));

        changed.Should().BeTrue(because: "the new window is in the screenshot after the action");
    }

    [Fact]
    public async Task Cursor_position_is_reported_in_scaled_coordinates()
    {
        (await ComputerAsync(new { action = "mouse_move", coordinate = new[] { 100, 200 } })).IsError.Should().BeFalse();

        var output = await ComputerAsync(new { action = "cursor_position" });

        output.Should().Be(new ToolOutput("X=100,Y=200", null, false));
    }

    [Theory]
    [InlineData(1366, 10)]
    [InlineData(10, 768)]
    [InlineData(-1, 10)]
    public async Task A_coordinate_outside_the_model_screen_is_an_error_naming_the_bounds(int x, int y)
    {
        var output = await ComputerAsync(new { action = "left_click", coordinate = new[] { x, y } });

        output.IsError.Should().BeTrue();
        output.Text.Should().Contain("0..1365").And.Contain("0..767");
        output.Image.Should().BeNull();
    }

    [Fact]
    public async Task Zoom_returns_the_region_at_higher_resolution_fitted_to_the_model_screen()
    {
        var output = await ComputerAsync(new { action = "zoom", region = new[] { 0, 0, 683, 384 } });

        output.IsError.Should().BeFalse(output.Text);
        using var image = SKBitmap.Decode(output.Image!.Bytes);
        (image.Width, image.Height).Should().Be((1366, 768));
    }

    [Fact]
    public async Task Scroll_sends_wheel_clicks_at_the_coordinate()
    {
        using var window = await TestWindow.OpenAsync(desktop.Display, 900, 500, 120, 80, 0x336699);

        var output = await ComputerAsync(new { action = "scroll", coordinate = new[] { 683, 384 }, scroll_direction = "down", scroll_amount = 3 });

        output.IsError.Should().BeFalse(output.Text);
        (await Eventually.WaitAsync(() => window.Events.Count(e => e.Type == TestXlib.ButtonRelease) == 3, Deadline)).Should().BeTrue();
        window.Events.Where(e => e.Type == TestXlib.ButtonPress).Should().OnlyContain(e => e.Detail == 5u);
    }

    [Fact]
    public async Task Type_and_key_reach_an_xterm()
    {
        var file = Path.Combine(desktop.WorkDirectory, $"toolbox-typed-{Guid.NewGuid():N}.txt");
        var xterm = desktop.StartProcess(
            "xterm", ["-geometry", "80x10+0+0", "-u8", "-e", "sh", "-c", $"touch {file}.ready; cat > {file}"],
            new Dictionary<string, string> { ["LC_ALL"] = "C.UTF-8" });
        try
        {
            (await Eventually.WaitAsync(() => File.Exists(file + ".ready"), Deadline)).Should().BeTrue();
            desktop.FocusFollowsPointer();
            (await ComputerAsync(new { action = "mouse_move", coordinate = new[] { 30, 30 } })).IsError.Should().BeFalse();

            var typed = await ComputerAsync(new { action = "type", text = "héllo wörld" });
            var pressed = await ComputerAsync(new { action = "key", text = "Return" });

            typed.IsError.Should().BeFalse(typed.Text);
            pressed.IsError.Should().BeFalse(pressed.Text);
            typed.Image.Should().NotBeNull();
            (await Eventually.WaitAsync(() => File.Exists(file) && File.ReadAllText(file) == "héllo wörld\n", Deadline))
                .Should().BeTrue(because: $"xterm wrote '{(File.Exists(file) ? File.ReadAllText(file) : null)}'");
        }
        finally
        {
            xterm.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Unknown_key_names_are_an_error()
    {
        var output = await ComputerAsync(new { action = "key", text = "ctrl+nosuchkey" });

        output.IsError.Should().BeTrue();
        output.Text.Should().Contain("nosuchkey");
    }

    [Theory]
    [InlineData("computer", """{"action":"fly"}""", "unknown computer action 'fly'")]
    [InlineData("computer", """{}""", "`action`")]
    [InlineData("computer", """[1, 2]""", "JSON object")]
    [InlineData("computer", """{"action":"mouse_move"}""", "`coordinate`")]
    [InlineData("computer", """{"action":"left_click","coordinate":"10,20"}""", "`coordinate`")]
    [InlineData("computer", """{"action":"left_click","coordinate":[10,20,30]}""", "two integers")]
    [InlineData("computer", """{"action":"left_click","coordinate":[10.5,20]}""", "two integers")]
    [InlineData("computer", """{"action":"left_click_drag","coordinate":[10,20]}""", "`start_coordinate`")]
    [InlineData("computer", """{"action":"scroll","scroll_direction":"sideways","scroll_amount":2}""", "scroll_direction")]
    [InlineData("computer", """{"action":"wait","duration":600}""", "0..60")]
    [InlineData("computer", """{"action":"type"}""", "`text`")]
    [InlineData("computer", """{"action":"zoom","region":[100,100,50,50]}""", "x1 > x0")]
    [InlineData("computer", """{"action":"zoom","region":[0,0,1367,768]}""", "1366")]
    [InlineData("teleport", """{}""", "no tool named 'teleport'")]
    [InlineData("bash", """{"command":42}""", "`command`")]
    [InlineData("str_replace_based_edit_tool", """{"command":"undo_edit","path":"/tmp/x"}""", "unknown command 'undo_edit'")]
    [InlineData("str_replace_based_edit_tool", """{"command":"view"}""", "`path`")]
    public async Task Bad_calls_are_error_outputs_the_model_can_act_on(string tool, string json, string named)
    {
        using var input = JsonDocument.Parse(json);

        var output = await Toolbox.RunAsync(tool, input.RootElement, CancellationToken.None);

        output.IsError.Should().BeTrue();
        output.Text.Should().Contain(named);
    }

    [Fact]
    public async Task Bash_returns_stdout_stderr_and_a_non_zero_exit_code_without_being_an_error()
    {
        var output = await RunAsync("bash", new { command = "echo out; echo err >&2; exit 3" });

        output.IsError.Should().BeFalse();
        output.Text.Should().Be("out\n[stderr]\nerr\n[exit code 3]");
    }

    [Fact]
    public async Task Bash_runs_on_the_desktop_display()
    {
        var output = await RunAsync("bash", new { command = "echo $DISPLAY" });

        output.Should().Be(new ToolOutput(desktop.Display + "\n", null, false));
    }

    [Fact]
    public async Task Bash_timeout_is_an_error_and_restart_answers()
    {
        var quick = ActivatorUtilities.CreateInstance<DesktopToolbox>(desktop.Services, Options.Create(new ToolboxOptions { BashTimeoutMs = 300 }));
        using var input = JsonDocument.Parse("""{"command":"echo started; sleep 30"}""");

        var output = await quick.RunAsync("bash", input.RootElement, CancellationToken.None);

        output.IsError.Should().BeTrue();
        output.Text.Should().StartWith("started\n").And.Contain("timed out");
        (await RunAsync("bash", new { restart = true })).Should().Be(new ToolOutput("bash restarted", null, false));
    }

    [Fact]
    public async Task Bash_output_over_the_cap_is_truncated_and_says_so()
    {
        var small = ActivatorUtilities.CreateInstance<DesktopToolbox>(desktop.Services, Options.Create(new ToolboxOptions { MaxOutputChars = 1024 }));
        using var input = JsonDocument.Parse("""{"command":"seq 1 100000"}""");

        var output = await small.RunAsync("bash", input.RootElement, CancellationToken.None);

        output.IsError.Should().BeFalse();
        output.Text.Length.Should().BeLessThan(1200);
        output.Text.Should().StartWith("1\n2\n").And.Contain("truncated");
    }

    [Fact]
    public async Task Editor_creates_views_replaces_and_inserts()
    {
        var file = Path.Combine(desktop.WorkDirectory, $"editor-{Guid.NewGuid():N}", "notes.txt");

        var created = await EditAsync(new { command = "create", path = file, file_text = "alpha\nbeta\ngamma\n" });
        created.IsError.Should().BeFalse(created.Text);
        File.ReadAllText(file).Should().Be("alpha\nbeta\ngamma\n");

        var viewed = await EditAsync(new { command = "view", path = file });
        viewed.Text.Should().EndWith("     1\talpha\n     2\tbeta\n     3\tgamma\n");

        var range = await EditAsync(new { command = "view", path = file, view_range = new[] { 2, -1 } });
        range.Text.Should().EndWith("\n     2\tbeta\n     3\tgamma\n");

        var replaced = await EditAsync(new { command = "str_replace", path = file, old_str = "beta", new_str = "BETA\nbeta2" });
        replaced.IsError.Should().BeFalse(replaced.Text);
        replaced.Text.Should().Contain("     2\tBETA\n     3\tbeta2\n");
        File.ReadAllText(file).Should().Be("alpha\nBETA\nbeta2\ngamma\n");

        var inserted = await EditAsync(new { command = "insert", path = file, insert_line = 0, insert_text = "top" });
        inserted.IsError.Should().BeFalse(inserted.Text);
        var appended = await EditAsync(new { command = "insert", path = file, insert_line = 5, new_str = "end\n" });
        appended.IsError.Should().BeFalse(appended.Text);
        File.ReadAllText(file).Should().Be("top\nalpha\nBETA\nbeta2\ngamma\nend\n");
    }

    [Fact]
    public async Task Editor_lists_a_directory_two_levels_deep_without_hidden_entries()
    {
        var root = Directory.CreateDirectory(Path.Combine(desktop.WorkDirectory, $"tree-{Guid.NewGuid():N}")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "a", "b", "c"));
        File.WriteAllText(Path.Combine(root, "a", "one.txt"), "1");
        File.WriteAllText(Path.Combine(root, ".secret"), "s");
        Directory.CreateDirectory(Path.Combine(root, ".git"));

        var output = await EditAsync(new { command = "view", path = root });

        output.IsError.Should().BeFalse(output.Text);
        output.Text.Should().Contain($"{root}/a/\n{root}/a/b/\n{root}/a/one.txt\n");
        output.Text.Should().NotContain("/c/").And.NotContain(".secret").And.NotContain(".git");
    }

    [Fact]
    public async Task Editor_errors_name_the_problem()
    {
        var file = Path.Combine(desktop.WorkDirectory, $"editor-errors-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, "same\nsame\nonce\n");

        var missing = await EditAsync(new { command = "str_replace", path = file, old_str = "absent", new_str = "x" });
        var twice = await EditAsync(new { command = "str_replace", path = file, old_str = "same", new_str = "x" });
        var relative = await EditAsync(new { command = "view", path = "notes.txt" });
        var exists = await EditAsync(new { command = "create", path = file, file_text = "new" });
        var noFile = await EditAsync(new { command = "view", path = file + ".missing" });
        var badRange = await EditAsync(new { command = "view", path = file, view_range = new[] { 2, 9 } });
        var badLine = await EditAsync(new { command = "insert", path = file, insert_line = 7, insert_text = "x" });

        missing.Should().Match<ToolOutput>(o => o.IsError && o.Text.Contains("not found"));
        twice.Should().Match<ToolOutput>(o => o.IsError && o.Text.Contains("2 times") && o.Text.Contains("lines 1, 2"));
        relative.Should().Match<ToolOutput>(o => o.IsError && o.Text.Contains("not absolute"));
        exists.Should().Match<ToolOutput>(o => o.IsError && o.Text.Contains("already exists"));
        noFile.Should().Match<ToolOutput>(o => o.IsError && o.Text.Contains("does not exist"));
        badRange.Should().Match<ToolOutput>(o => o.IsError && o.Text.Contains("has 3 lines"));
        badLine.Should().Match<ToolOutput>(o => o.IsError && o.Text.Contains("0..3"));
        File.ReadAllText(file).Should().Be("same\nsame\nonce\n");
    }

    [Fact]
    public async Task Computer_schema_lists_every_action_and_the_model_screen_bounds()
    {
        var screen = await Toolbox.ModelScreenAsync(CancellationToken.None);

        var schema = ToolSchemas.ComputerParameters(screen);

        schema.GetProperty("properties").GetProperty("action").GetProperty("enum").EnumerateArray().Select(a => a.GetString())
            .Should().BeEquivalentTo(
                "key", "type", "mouse_move", "left_click", "left_click_drag", "right_click", "middle_click", "double_click",
                "triple_click", "left_mouse_down", "left_mouse_up", "scroll", "hold_key", "wait", "screenshot", "cursor_position", "zoom");
        schema.GetProperty("properties").GetProperty("coordinate").GetProperty("description").GetString().Should().Contain("1366x768").And.Contain("0..1365");
        ToolSchemas.ComputerDescription(screen).Should().Contain("1366x768");
        ToolSchemas.EditorParameters.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Should().Equal("command", "path");
        ToolSchemas.BashParameters.GetProperty("properties").GetProperty("command").GetProperty("type").GetString().Should().Be("string");
    }

    private Task<ToolOutput> ComputerAsync(object input) => RunAsync("computer", input);

    private Task<ToolOutput> EditAsync(object input) => RunAsync("str_replace_based_edit_tool", input);

    private Task<ToolOutput> RunAsync(string tool, object input) =>
        Toolbox.RunAsync(tool, JsonSerializer.SerializeToElement(input), CancellationToken.None);
}
