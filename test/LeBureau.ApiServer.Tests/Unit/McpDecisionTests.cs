using System.Net;
using System.Text.Json;
using LeBureau.ApiServer.Mcp;
using LeBureau.Client;
using LeBureau.Mcp;

namespace LeBureau.ApiServer.Tests.Unit;

/// <summary>The MCP server's pure decisions: argument checks, refusals, error wording, progress lines, the loopback address.</summary>
public sealed class McpDecisionTests
{
    private static readonly JsonElement ClickSchema = SchemaOf("desktop_click");

    private static JsonElement SchemaOf(string tool)
    {
        using var client = new LeBureauClient(new Uri("http://127.0.0.1:9"), "sk_live_unused");
        return ToolCatalog.For(client, Capabilities.All).Single(t => t.ProtocolTool.Name == tool).ProtocolTool.InputSchema.Clone();
    }

    private static Dictionary<string, JsonElement> Args(string json) => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Theory]
    [InlineData("""{"desktopId":"d","x":1,"y":2}""", null)]
    [InlineData("""{"desktopId":"d"}""", null)]
    [InlineData("""{"desktopId":"d","x":null,"y":null,"button":"middle","clicks":2}""", null)]
    [InlineData("""{"x":1}""", "Missing required argument 'desktopId' (The desktop id; it must be running with agentReady true.).")]
    [InlineData("""{"desktopId":"d","x":1.5}""", "Argument 'x' must be an integer or null, not the number 1.5.")]
    [InlineData("""{"desktopId":"d","x":"10"}""", "Argument 'x' must be an integer or null, not the string \"10\".")]
    [InlineData("""{"desktopId":7}""", "Argument 'desktopId' must be a string, not the number 7.")]
    [InlineData("""{"desktopId":"d","button":"thumb"}""", "Argument 'button' must be one of \"left\", \"right\", \"middle\", not the string \"thumb\".")]
    [InlineData("""{"desktopId":"d","coordinate":[1,2]}""", "Unknown argument 'coordinate'. This tool takes: desktopId, x, y, button, clicks.")]
    public void Arguments_are_checked_against_the_tool_schema_naming_the_field(string arguments, string? problem) =>
        ArgumentCheck.Problem(ClickSchema, Args(arguments)).Should().Be(problem);

    [Fact]
    public void A_huge_string_argument_is_refused_with_its_length()
    {
        var huge = new Dictionary<string, JsonElement>
        {
            ["desktopId"] = JsonSerializer.SerializeToElement("d"),
            ["text"] = JsonSerializer.SerializeToElement(new string('a', ArgumentCheck.MaxStringLength + 1)),
        };
        ArgumentCheck.Problem(SchemaOf("desktop_type"), huge).Should().Be($"Argument 'text' is {ArgumentCheck.MaxStringLength + 1} characters long; at most {ArgumentCheck.MaxStringLength} are accepted.");
    }

    [Fact]
    public void A_refused_tool_names_the_capability_it_needs_and_an_unknown_one_says_so()
    {
        LeBureauMcpServer.Refusal("desktop_chat", ["desktop:read"]).Message.Should()
            .Be("The tool 'desktop_chat' needs the API key capability 'desktop:chat'; this key holds: desktop:read.");
        LeBureauMcpServer.Refusal("nope", []).Message.Should().Be("Unknown tool: 'nope'.");
    }

    [Fact]
    public void Every_tool_has_a_capability_a_description_and_annotations()
    {
        using var client = new LeBureauClient(new Uri("http://127.0.0.1:9"), "sk_live_unused");
        var tools = ToolCatalog.For(client, Capabilities.All);
        tools.Should().HaveCount(ToolCatalog.Capabilities.Count).And.HaveCountGreaterThanOrEqualTo(18);
        ToolCatalog.Capabilities.Values.Should().OnlyContain(c => Capabilities.All.Contains(c));
        tools.Should().OnlyContain(t => t.ProtocolTool.Description!.Length > 40 && t.ProtocolTool.Annotations!.ReadOnlyHint != null
            && t.ProtocolTool.Annotations.DestructiveHint != null && t.ProtocolTool.Annotations.IdempotentHint != null);
        ToolCatalog.For(client, [Capabilities.TasksRead]).Select(t => t.ProtocolTool.Name).Should().BeEquivalentTo("tasks_list", "tasks_get", "tasks_approvals");
    }

    [Fact]
    public void Api_refusals_read_as_the_server_said_them_with_what_to_do()
    {
        ToolErrors.Describe(new LeBureauApiException(HttpStatusCode.ServiceUnavailable, "Service Unavailable", "Agent not ready."))
            .Should().Be("503 Service Unavailable: Agent not ready. Start the desktop (desktops_start) if it is stopped, then poll desktops_get until agentReady is true.");
        ToolErrors.Describe(new LeBureauApiException(HttpStatusCode.TooManyRequests, null, "Slow down.", retryAfter: TimeSpan.FromSeconds(12)))
            .Should().Be("429 TooManyRequests: Slow down. Wait 12 s before trying again.");
    }

    [Fact]
    public void Chat_events_become_short_progress_lines()
    {
        static ChatEvent Event(string type, string payload) => new(type, JsonDocument.Parse(payload).RootElement.Clone());
        ChatProgress.Describe(Event("tool_start", """{"tool":"computer","action":"left_click","input":{"coordinate":[1,2]}}"""))
            .Should().Be("""Using computer: left_click {"coordinate":[1,2]}""");
        ChatProgress.Describe(Event("text", $$"""{"delta":"{{new string('x', 300)}}"}""")).Should().HaveLength(201);
        ChatProgress.Describe(Event("done", """{"response":"hi"}""")).Should().BeNull();
    }

    [Fact]
    public void Python_code_reaches_python3_through_a_quoted_heredoc()
    {
        var script = PythonScript.For("print('$HOME')\nEOF");
        script.Should().StartWith("python3 - <<'LEBUREAU_PY_").And.Contain("\nprint('$HOME')\nEOF\nLEBUREAU_PY_");
    }

    [Theory]
    [InlineData("http://[::]:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://0.0.0.0:80", "http://127.0.0.1/")]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123/")]
    public void The_server_calls_itself_on_loopback(string listening, string expected) =>
        McpSelfClient.SelfAddress(["https://+:443", listening]).ToString().Should().Be(expected);
}
