using System.Collections.Concurrent;
using System.Net;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.Mcp;
using LeBureau.Resources;
using LeBureau.ControlPlane;
using LeBureau.Testing;
using LeBureau.Testing.Providers;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using SkiaSharp;
using static LeBureau.ApiServer.Tests.Mcp.McpSessions;

namespace LeBureau.ApiServer.Tests.Mcp;

/// <summary>The MCP server through the official SDK's client at <c>/mcp</c> (this file), over stdio and through the inspector CLI, against one real local-runtime desktop.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class McpTests(ApiServerFixture fixture, McpDesktop shared) : IClassFixture<McpDesktop>
{
    private static readonly string[] ReadTools =
        ["desktops_list", "desktops_get", "tasks_list", "tasks_get", "tasks_approvals"];

    [Fact]
    public async Task A_read_only_key_sees_only_the_read_tools_and_a_full_key_sees_every_tool_with_its_annotations()
    {
        var desktop = await shared.EnsureAsync(fixture);
        await using (var readOnly = await HttpAsync(fixture.AddressA, desktop.ReadOnlyKey))
        {
            var tools = await readOnly.ListToolsAsync();
            tools.Select(t => t.Name).Should().BeEquivalentTo(ReadTools);
            tools.Should().OnlyContain(t => t.ProtocolTool.Annotations!.ReadOnlyHint == true);
        }
        await using var full = await HttpAsync(fixture.AddressB, desktop.FullKey);
        var all = await full.ListToolsAsync();
        all.Select(t => t.Name).Should().BeEquivalentTo(ToolCatalog.Capabilities.Keys);
        all.Should().HaveCountGreaterThanOrEqualTo(18);
        all.Should().Contain(t => t.Name == "desktops_delete" && t.ProtocolTool.Annotations!.DestructiveHint == true);
        all.Should().Contain(t => t.Name == "desktop_screenshot" && t.ProtocolTool.Annotations!.ReadOnlyHint == true && t.ProtocolTool.Annotations.IdempotentHint == true);
        var click = all.Single(t => t.Name == "desktop_click").ProtocolTool;
        click.Description.Should().Contain("screenshot pixels");
        click.InputSchema.GetProperty("properties").GetProperty("desktopId").GetProperty("description").GetString().Should().Contain("desktop id");
        click.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Should().Equal("desktopId");
    }

    [Fact]
    public async Task Screen_tools_drive_the_real_display_a_click_moves_the_cursor_and_a_screenshot_is_an_image_of_the_screen()
    {
        var desktop = await shared.EnsureAsync(fixture);
        await using var mcp = await HttpAsync(fixture.AddressA, desktop.FullKey);
        var id = desktop.DesktopId;

        var png = await mcp.CallToolAsync("desktop_screenshot", Args(("desktopId", id)));
        var image = png.Content.Should().ContainSingle().Which.Should().BeOfType<ImageContentBlock>().Which;
        image.MimeType.Should().Be("image/png");
        using var bitmap = SKBitmap.Decode(image.DecodedData.ToArray());
        bitmap.Should().NotBeNull("the screenshot decodes");
        bitmap.Width.Should().BeGreaterThan(100);
        var rough = (ImageContentBlock)(await mcp.CallToolAsync("desktop_screenshot", Args(("desktopId", id), ("format", "jpeg"), ("quality", 5)))).Content.Single();
        var fine = (ImageContentBlock)(await mcp.CallToolAsync("desktop_screenshot", Args(("desktopId", id), ("format", "jpeg"), ("quality", 95)))).Content.Single();
        rough.MimeType.Should().Be("image/jpeg");
        using (var decoded = SKBitmap.Decode(rough.DecodedData.ToArray())) decoded.Width.Should().Be(bitmap.Width);
        rough.DecodedData.Length.Should().BeLessThan(fine.DecodedData.Length, "the quality argument reaches the encoder");

        var clicked = (await mcp.CallToolAsync("desktop_click", Args(("desktopId", id), ("x", 123), ("y", 45)))).Json();
        (clicked.GetProperty("x").GetInt32(), clicked.GetProperty("y").GetInt32()).Should().Be((123, 45), "the real pointer moved there");
        (await mcp.CallToolAsync("desktop_move", Args(("desktopId", id), ("x", 200), ("y", 150)))).IsError.Should().NotBe(true);
        var here = (await mcp.CallToolAsync("desktop_click", Args(("desktopId", id), ("button", "right")))).Json();
        (here.GetProperty("x").GetInt32(), here.GetProperty("y").GetInt32()).Should().Be((200, 150), "a click without coordinates clicks where the pointer was moved");
        var dragged = (await mcp.CallToolAsync("desktop_drag", Args(("desktopId", id), ("startX", 10), ("startY", 10), ("endX", 60), ("endY", 70)))).Json();
        (dragged.GetProperty("x").GetInt32(), dragged.GetProperty("y").GetInt32()).Should().Be((60, 70));
        (await mcp.CallToolAsync("desktop_scroll", Args(("desktopId", id), ("direction", "down"), ("amount", 2)))).IsError.Should().NotBe(true);
        (await mcp.CallToolAsync("desktop_key", Args(("desktopId", id), ("keys", "Escape")))).IsError.Should().NotBe(true);
        (await mcp.CallToolAsync("desktop_type", Args(("desktopId", id), ("text", "hello")))).IsError.Should().NotBe(true);

        var offScreen = await mcp.CallToolAsync("desktop_click", Args(("desktopId", id), ("x", bitmap.Width + 500), ("y", 10)));
        offScreen.IsError.Should().BeTrue();
        offScreen.Text().Should().StartWith("400").And.Contain("x");
    }

    [Fact]
    public async Task Shell_and_file_tools_run_on_the_desktop_and_pass_exit_codes_through()
    {
        var desktop = await shared.EnsureAsync(fixture);
        await using var mcp = await HttpAsync(fixture.AddressB, desktop.FullKey);
        var id = desktop.DesktopId;

        var exec = (await mcp.CallToolAsync("desktop_exec", Args(("desktopId", id), ("command", "sh -c 'echo out; echo err >&2; exit 3'")))).Json();
        exec.GetProperty("exitCode").GetInt32().Should().Be(3);
        exec.GetProperty("stdout").GetString().Should().Be("out\n");
        exec.GetProperty("stderr").GetString().Should().Be("err\n");
        var bash = (await mcp.CallToolAsync("desktop_bash", Args(("desktopId", id), ("script", "x=4\necho $((x * 10 + 2))")))).Json();
        bash.GetProperty("stdout").GetString().Should().Be("42\n");
        var python = (await mcp.CallToolAsync("desktop_exec_python", Args(("desktopId", id), ("code", "import sys\nprint(6 * 7)\nsys.exit(5)")))).Json();
        (python.GetProperty("stdout").GetString(), python.GetProperty("exitCode").GetInt32()).Should().Be(("42\n", 5));

        var folder = $"/tmp/mcp-{Guid.NewGuid():N}";
        (await mcp.CallToolAsync("desktop_files_write", Args(("desktopId", id), ("path", $"{folder}/note.txt"), ("content", "héllo from MCP\n")))).Json()
            .GetProperty("size").GetInt64().Should().Be(16);
        (await mcp.CallToolAsync("desktop_files_read", Args(("desktopId", id), ("path", $"{folder}/note.txt")))).Text().Should().Be("héllo from MCP\n");
        (await mcp.CallToolAsync("desktop_files_list", Args(("desktopId", id), ("path", folder)))).Json()
            .GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("name").GetString()).Should().Equal("note.txt");
        (await mcp.CallToolAsync("desktop_exec", Args(("desktopId", id), ("command", $"cat {folder}/note.txt")))).Json()
            .GetProperty("stdout").GetString().Should().Be("héllo from MCP\n", "the file is on the desktop's disk");
    }

    [Fact]
    public async Task Desktop_chat_streams_progress_notifications_while_the_agent_works_and_returns_its_answer()
    {
        var desktop = await shared.EnsureAsync(fixture);
        await using var mcp = await HttpAsync(fixture.AddressA, desktop.FullKey);
        desktop.StandIn.Anthropic.Enqueue(
            ScriptedReply.ToolCall("bash", """{"command":"echo from-the-desktop"}"""),
            ScriptedReply.Message("The desktop says hello.", chunks: 3));
        var progress = new ConcurrentQueue<ProgressNotificationValue>();

        var result = await mcp.CallToolAsync("desktop_chat", Args(("desktopId", desktop.DesktopId), ("message", "say hello")),
            new Progress(progress.Enqueue));

        result.IsError.Should().NotBe(true, result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text);
        result.Text().Should().Be("The desktop says hello.");
        (await WaitFor.ConditionAsync(_ => Task.FromResult(progress.Any(p => p.Message!.Contains("bash", StringComparison.Ordinal))), TimeSpan.FromSeconds(10)))
            .Should().BeTrue($"a progress notification names the tool step: {string.Join(" | ", progress.Select(p => p.Message))}");
        progress.Select(p => p.Progress).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task Task_tools_create_run_and_review_a_command_on_the_desktop()
    {
        var desktop = await shared.EnsureAsync(fixture);
        await using var mcp = await HttpAsync(fixture.AddressA, desktop.FullKey);
        var created = (await mcp.CallToolAsync("tasks_create", Args(("desktopId", desktop.DesktopId), ("type", "command"),
            ("content", "echo task-output"), ("requiresApproval", true)))).Json();
        var taskId = created.GetProperty("id").GetString()!;
        created.GetProperty("status").GetString().Should().Be("pending");
        (await mcp.CallToolAsync("tasks_run", Args(("taskId", taskId)))).Json().GetProperty("run").GetBoolean().Should().BeTrue();

        (await WaitFor.ConditionAsync(async _ =>
            (await mcp.CallToolAsync("tasks_get", Args(("taskId", taskId)))).Json().GetProperty("status").GetString() == "review",
            TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(300))).Should().BeTrue("the operator runs the command on the desktop");
        (await mcp.CallToolAsync("tasks_approvals", Args())).Json().EnumerateArray().Select(t => t.GetProperty("id").GetString()).Should().Contain(taskId);
        var reviewed = (await mcp.CallToolAsync("tasks_review", Args(("taskId", taskId), ("decision", "approve"), ("feedback", "fine")))).Json();
        reviewed.GetProperty("output").GetString().Should().Contain("task-output");
        (await WaitFor.ConditionAsync(async _ =>
            (await mcp.CallToolAsync("tasks_get", Args(("taskId", taskId)))).Json().GetProperty("status").GetString() == "done",
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(300))).Should().BeTrue();
        (await mcp.CallToolAsync("tasks_list", Args(("status", "done")))).Json().EnumerateArray().Select(t => t.GetProperty("id").GetString()).Should().Contain(taskId);
    }

    [Fact]
    public async Task A_tool_the_key_may_not_use_is_an_error_naming_the_capability_and_an_unknown_tool_is_an_error()
    {
        var desktop = await shared.EnsureAsync(fixture);
        await using var mcp = await HttpAsync(fixture.AddressA, desktop.ReadOnlyKey);

        var refused = await FluentActions.Awaiting(() => mcp.CallToolAsync("desktop_click", Args(("desktopId", desktop.DesktopId), ("x", 1), ("y", 1))).AsTask())
            .Should().ThrowAsync<McpProtocolException>();
        refused.Which.Message.Should().Contain("desktop:control").And.Contain("desktop_click");
        var unknown = await FluentActions.Awaiting(() => mcp.CallToolAsync("desktop_teleport", Args()).AsTask()).Should().ThrowAsync<McpProtocolException>();
        unknown.Which.Message.Should().Contain("Unknown tool").And.Contain("desktop_teleport");
    }

    [Fact]
    public async Task Missing_mistyped_unknown_and_huge_arguments_are_errors_naming_the_field_without_a_stack_trace()
    {
        var desktop = await shared.EnsureAsync(fixture);
        await using var mcp = await HttpAsync(fixture.AddressB, desktop.FullKey);
        var id = desktop.DesktopId;

        await ExpectErrorAsync(mcp, "desktop_click", Args(("x", 1), ("y", 1)), "Missing required argument 'desktopId'");
        await ExpectErrorAsync(mcp, "desktop_click", Args(("desktopId", id), ("x", "10"), ("y", 1)), "Argument 'x' must be an integer or null, not the string \"10\"");
        await ExpectErrorAsync(mcp, "desktop_scroll", Args(("desktopId", id), ("direction", "sideways")), "Argument 'direction' must be one of");
        await ExpectErrorAsync(mcp, "desktop_click", Args(("desktopId", id), ("coordinate", new[] { 1, 2 })), "Unknown argument 'coordinate'");
        await ExpectErrorAsync(mcp, "desktop_type", Args(("desktopId", id), ("text", new string('a', ArgumentCheck.MaxStringLength + 1))),
            $"Argument 'text' is {ArgumentCheck.MaxStringLength + 1} characters long");
        await ExpectErrorAsync(mcp, "desktops_get", Args(("desktopId", "no-such-desktop")), "404");
    }

    [Fact]
    public async Task A_stopped_desktop_another_tenants_desktop_a_revoked_key_and_no_key_are_refused()
    {
        var desktop = await shared.EnsureAsync(fixture);
        var other = await fixture.CreateNamespaceAsync("mcp-other");
        var otherKey = await fixture.CreateKeyAsync(other, ApiServerFixture.All);
        var stopped = await fixture.SetStatusAsync(await fixture.CreateDesktopAsync(other, "asleep", running: false), DesktopPhase.Stopped);
        await using (var mcp = await HttpAsync(fixture.AddressA, otherKey))
        {
            await ExpectErrorAsync(mcp, "desktop_screenshot", Args(("desktopId", stopped.Metadata.Uid)), "503");
            var foreign = await mcp.CallToolAsync("desktop_exec", Args(("desktopId", desktop.DesktopId), ("command", "true")));
            foreign.IsError.Should().BeTrue();
            foreign.Text().Should().StartWith("403").And.NotContain(desktop.Namespace);
            (await mcp.CallToolAsync("desktops_list", Args())).Json().EnumerateArray().Select(d => d.GetProperty("id").GetString())
                .Should().Equal([stopped.Metadata.Uid], "another tenant's desktop is never listed");
            var stopping = await mcp.CallToolAsync("desktops_start", Args(("desktopId", stopped.Metadata.Uid)));
            stopping.Json().GetProperty("id").GetString().Should().Be(stopped.Metadata.Uid);
            (await fixture.ReadDesktopAsync(stopped)).Spec.Running.Should().BeTrue("desktops_start asked the operator to boot it");
        }

        var doomed = await fixture.CreateKeyAsync(other, ApiServerFixture.All, name: "doomed-mcp");
        await using (var mcp = await HttpAsync(fixture.AddressA, doomed))
        {
            (await mcp.ListToolsAsync()).Should().NotBeEmpty();
            await fixture.Kubectl.RunAsync($"-n {other} patch apikey doomed-mcp --type=merge -p {{\"spec\":{{\"revoked\":true}}}}");
            (await WaitFor.ConditionAsync(async _ =>
            {
                try
                {
                    await mcp.ListToolsAsync();
                    return false;
                }
                catch (HttpRequestException e)
                {
                    return e.StatusCode == HttpStatusCode.Unauthorized;
                }
            }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100))).Should().BeTrue("the revoked key is refused with 401 at once");
        }

        var noKey = await FluentActions.Awaiting(() => HttpAsync(fixture.AddressA, null)).Should().ThrowAsync<HttpRequestException>();
        noKey.Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task ExpectErrorAsync(ModelContextProtocol.Client.McpClient mcp, string tool, Dictionary<string, object?> args, string expected)
    {
        var result = await mcp.CallToolAsync(tool, args);
        result.IsError.Should().BeTrue();
        result.Text().Should().Contain(expected).And.NotContain("   at ", "no stack trace reaches the model");
    }

    private sealed class Progress(Action<ProgressNotificationValue> report) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => report(value);
    }
}
