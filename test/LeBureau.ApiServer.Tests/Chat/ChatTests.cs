using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using LeBureau.ApiServer.Tests.Infrastructure;
using LeBureau.ControlPlane;
using LeBureau.Resources;
using LeBureau.Testing.Providers;
using SkiaSharp;

namespace LeBureau.ApiServer.Tests.Chat;

/// <summary>
/// The chat agent end to end: the api-server's chat routes, relayed to a real desktop agent with chat on, working
/// on a real Xvfb desktop, its provider a stand-in that speaks the providers' wire protocols to the official SDKs.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ChatTests(ApiServerFixture fixture, ChatAgents agents) : IClassFixture<ChatAgents>
{
    private ProviderStandIn StandIn => agents.StandIn;

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    [InlineData("openrouter")]
    public async Task A_turn_takes_a_screenshot_clicks_into_an_xterm_and_types_a_command_that_runs_on_the_desktop(string provider)
    {
        var (client, id) = await DesktopAsync(await agents.StartAgentAsync(provider));
        var marker = Path.Combine(agents.Root, $"made-by-{provider}-{Guid.NewGuid():N}");
        using var xterm = await XtermAsync();
        var script = provider == "anthropic" ? StandIn.Anthropic : StandIn.OpenAI;
        var first = StandIn.Requests.Count;
        script.Enqueue(
            ScriptedReply.ToolCall("computer", """{"action":"screenshot"}""", text: "Let me look."),
            ScriptedReply.ToolCall("computer", """{"action":"left_click","coordinate":[100,60]}"""),
            ScriptedReply.ToolCall("computer", JsonSerializer.Serialize(new { action = "type", text = $"touch {marker}\n" })),
            ScriptedReply.Message("Done: the file is there.", chunks: 3));

        var answer = await (await client.PostJsonAsync($"/api/desktops/{id}/chat", new { message = "make the marker file" })).JsonAsync(HttpStatusCode.OK);

        (await WaitFor.ConditionAsync(_ => Task.FromResult(File.Exists(marker)), TimeSpan.FromSeconds(10))).Should().BeTrue("the typed command ran in the xterm");
        answer.GetProperty("response").GetString().Should().Be("Let me look.\n\nDone: the file is there.");
        var messageId = answer.GetProperty("messageId").GetString();
        messageId.Should().StartWith("msg_");

        var requests = StandIn.Requests.Skip(first).ToList();
        requests.Should().HaveCount(4);
        requests.Should().OnlyContain(r => r.Headers["Authorization"] == $"Bearer {ChatAgents.ProviderKey}");
        var png = ScreenshotSentBack(provider, requests[1]);
        using (var image = SKBitmap.Decode(png))
        {
            (image.Width, image.Height).Should().Be((1366, 768), "a 1920×1080 screen is shown to the model as XGA-scaled 1366×768");
            image.Pixels.Select(p => (uint)p).Distinct().Count().Should().BeGreaterThan(2, "it is a real picture of the screen with the xterm on it");
        }
        if (provider == "anthropic")
        {
            requests[0].Headers["anthropic-beta"].Should().Contain("computer-use-2025-11-24");
            var tools = requests[0].Json!["tools"]!.AsArray();
            tools.Select(t => t!["type"]!.GetValue<string>()).Should().Equal("computer_20251124", "bash_20250124", "text_editor_20250728");
            (tools[0]!["display_width_px"]!.GetValue<int>(), tools[0]!["display_height_px"]!.GetValue<int>()).Should().Be((1366, 768));
            requests[0].Json!["system"]![0]!["cache_control"]!["type"]!.GetValue<string>().Should().Be("ephemeral");
        }
        else
        {
            requests[0].Json!["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>())
                .Should().Equal("computer", "bash", "str_replace_based_edit_tool");
            requests[0].Path.Should().Be(provider == "openrouter" ? "/api/v1/chat/completions" : "/v1/chat/completions");
        }
        if (provider == "openrouter")
        {
            requests.Should().OnlyContain(r => r.Headers["HTTP-Referer"].Length > 0 && r.Headers["X-Title"] == "Le Bureau");
        }

        var history = await (await client.GetAsync($"/api/desktops/{id}/chat/messages")).JsonAsync(HttpStatusCode.OK);
        var last = history.EnumerateArray().Last();
        last.GetProperty("id").GetString().Should().Be(messageId);
        last.GetProperty("role").GetString().Should().Be("assistant");
        last.GetProperty("status").GetString().Should().Be("done");
        last.GetProperty("content").GetString().Should().Be(answer.GetProperty("response").GetString());
        last.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("action").GetString()).Should().Equal("screenshot", "left_click", "type");
        history.EnumerateArray().First().GetProperty("content").GetString().Should().Be("make the marker file");
        NoSecretIn(answer.GetRawText(), history.GetRawText());
    }

    [Fact]
    public async Task The_stream_sends_text_in_order_tool_events_and_ends_with_the_message_id_that_is_in_history()
    {
        var (client, id) = await DesktopAsync(await agents.StartAgentAsync("anthropic"));
        StandIn.Anthropic.Enqueue(
            ScriptedReply.ToolCall("computer", """{"action":"cursor_position"}""", text: "Checking where the pointer is."),
            ScriptedReply.Message("The pointer is somewhere on the screen.", chunks: 4));

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/desktops/{id}/chat/stream") { Content = JsonContent.Create(new { message = "where is the pointer?" }) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var events = await ReadEventsAsync(response, until: e => e.Type is "done" or "error");

        events.Select(e => e.Type).Distinct().Should().Equal("start", "text", "tool_start", "tool_finish", "done");
        events.Select(e => e.Id).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        var texts = events.Where(e => e.Type == "text").Select(e => e.Payload["delta"]!.GetValue<string>()).ToList();
        texts.Count.Should().BeGreaterThanOrEqualTo(5, "the final answer came in 4 chunks");
        var done = events.Last().Payload;
        string.Concat(texts).Should().Be(done["response"]!.GetValue<string>()).And.Be("Checking where the pointer is.\n\nThe pointer is somewhere on the screen.");
        var start = events.Single(e => e.Type == "tool_start").Payload;
        var finish = events.Single(e => e.Type == "tool_finish").Payload;
        finish["stepId"]!.GetValue<string>().Should().Be(start["stepId"]!.GetValue<string>());
        finish["output"]!.GetValue<string>().Should().MatchRegex(@"X=\d+,Y=\d+");
        events.IndexOf(events.First(e => e.Type == "tool_start")).Should().BeLessThan(events.FindIndex(e => e.Type == "text" && e.Payload["delta"]!.GetValue<string>() != "\n\n" && events.IndexOf(e) > 3));

        var messageId = done["messageId"]!.GetValue<string>();
        var history = await (await client.GetAsync($"/api/desktops/{id}/chat/messages")).JsonAsync(HttpStatusCode.OK);
        history.EnumerateArray().Last().GetProperty("id").GetString().Should().Be(messageId);
        events.First().Payload["messageId"]!.GetValue<string>().Should().Be(messageId);
    }

    [Theory]
    [InlineData(401, 502, "provider_auth")]
    [InlineData(429, 429, "provider_rate_limited")]
    [InlineData(500, 502, "provider_error")]
    [InlineData(0, 504, "provider_timeout")]
    public async Task A_provider_failure_is_a_clear_chat_error_the_message_stays_in_history_and_the_agent_keeps_serving(int providerStatus, int status, string code)
    {
        var (client, id) = await DesktopAsync(await agents.StartAgentAsync("anthropic"));
        StandIn.Anthropic.Enqueue(providerStatus switch
        {
            0 => ScriptedReply.Hang(),
            429 => ScriptedReply.RateLimited(7),
            _ => ScriptedReply.Error(providerStatus, "scripted failure"),
        });
        var response = await client.PostJsonAsync($"/api/desktops/{id}/chat", new { message = "this one fails" });
        var problem = await response.JsonAsync((HttpStatusCode)status);
        problem.GetProperty("code").GetString().Should().Be(code);
        problem.GetProperty("detail").GetString().Should().NotBeNullOrEmpty().And.NotContain("scripted failure", "the provider's own text is not relayed");
        if (providerStatus == 429) response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
        var failedId = problem.GetProperty("messageId").GetString();

        StandIn.Anthropic.Enqueue(ScriptedReply.Message("I am still here."));
        (await (await client.PostJsonAsync($"/v1/desktops/{id}/chat", new { message = "still there?" })).JsonAsync(HttpStatusCode.OK))
            .GetProperty("response").GetString().Should().Be("I am still here.");

        var history = (await (await client.GetAsync($"/api/desktops/{id}/chat/messages")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        history.Select(m => m.GetProperty("content").GetString()).Should().Contain("this one fails");
        var failed = history.Single(m => m.GetProperty("id").GetString() == failedId);
        failed.GetProperty("status").GetString().Should().Be("error");
        failed.GetProperty("error").GetProperty("code").GetString().Should().Be(code);
        NoSecretIn(problem.GetRawText(), JsonSerializer.Serialize(history));
    }

    [Fact]
    public async Task A_malformed_tool_call_goes_back_to_the_model_as_a_tool_error_and_the_turn_goes_on()
    {
        var (client, id) = await DesktopAsync(await agents.StartAgentAsync("openai"));
        var first = StandIn.Requests.Count;
        StandIn.OpenAI.Enqueue(ScriptedReply.MalformedToolCall("computer"), ScriptedReply.Message("Sorry, retrying was not needed."));
        var answer = await (await client.PostJsonAsync($"/api/desktops/{id}/chat", new { message = "click something" })).JsonAsync(HttpStatusCode.OK);
        answer.GetProperty("response").GetString().Should().Be("Sorry, retrying was not needed.");
        var toolMessage = StandIn.Requests.Skip(first).ElementAt(1).Json!["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool")!;
        toolMessage["content"]!.ToJsonString().Should().Contain("not a JSON object");
        var history = await (await client.GetAsync($"/api/desktops/{id}/chat/messages")).JsonAsync(HttpStatusCode.OK);
        history.EnumerateArray().Last().GetProperty("steps")[0].GetProperty("isError").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task A_second_message_while_one_is_answered_is_409_and_a_client_leaving_the_stream_does_not_cancel_the_turn()
    {
        var (client, id) = await DesktopAsync(await agents.StartAgentAsync("anthropic"));
        var first = StandIn.Requests.Count;
        StandIn.Anthropic.Enqueue(
            ScriptedReply.ToolCall("computer", """{"action":"screenshot"}"""),
            ScriptedReply.Message("Finished after the client left.").After(TimeSpan.FromSeconds(1)));

        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/desktops/{id}/chat/stream") { Content = JsonContent.Create(new { message = "long job" }) })
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            await ReadEventsAsync(response, until: e => e.Type == "tool_start");
            var busy = await (await client.PostJsonAsync($"/api/desktops/{id}/chat", new { message = "me too" })).JsonAsync(HttpStatusCode.Conflict);
            busy.GetProperty("detail").GetString().Should().Contain("still answering");
        }

        (await WaitFor.ConditionAsync(async _ =>
        {
            var last = (await (await client.GetAsync($"/api/desktops/{id}/chat/messages")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().Last();
            return last.GetProperty("status").GetString() == "done" && last.GetProperty("content").GetString() == "Finished after the client left.";
        }, TimeSpan.FromSeconds(15))).Should().BeTrue("the turn ran to its end after the client left");
        StandIn.Requests.Skip(first).Should().HaveCount(2, "the busy message never reached the provider");
    }

    [Fact]
    public async Task History_survives_an_agent_restart()
    {
        var data = Directory.CreateDirectory(Path.Combine(agents.Root, "restart-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var address = await agents.StartAgentAsync("anthropic", data: data);
        var (client, id) = await DesktopAsync(address);
        StandIn.Anthropic.Enqueue(ScriptedReply.Message("Remembered across restarts."));
        var answer = await (await client.PostJsonAsync($"/api/desktops/{id}/chat", new { message = "before the restart" })).JsonAsync(HttpStatusCode.OK);

        await agents.StopAgentAsync(address);
        await agents.StartAgentAsync("anthropic", data: data, address: address);
        var history = (await (await client.GetAsync($"/api/desktops/{id}/chat/messages")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        history.Select(m => m.GetProperty("content").GetString()).Should().Equal("before the restart", "Remembered across restarts.");
        history[1].GetProperty("id").GetString().Should().Be(answer.GetProperty("messageId").GetString());

        var first = StandIn.Requests.Count;
        StandIn.Anthropic.Enqueue(ScriptedReply.Message("Yes."));
        (await client.PostJsonAsync($"/api/desktops/{id}/chat", new { message = "after the restart" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var messages = StandIn.Requests[first].Json!["messages"]!.AsArray();
        messages.Select(m => m!["content"]!.ToJsonString()).Should().HaveCount(3, "the earlier exchange is in the context of the next message");
        messages[0]!["content"]!.ToJsonString().Should().Contain("before the restart");
    }

    [Fact]
    public async Task With_an_embeddings_key_an_earlier_exchange_is_recalled_and_without_one_no_embeddings_call_is_made()
    {
        var (plain, plainId) = await DesktopAsync(await agents.StartAgentAsync("openai"));
        var before = StandIn.Requests.Count(r => r.Provider == StandInProvider.Embeddings);
        StandIn.OpenAI.Enqueue(ScriptedReply.Message("Noted."), ScriptedReply.Message("I do not know."));
        (await plain.PostJsonAsync($"/api/desktops/{plainId}/chat", new { message = "my favourite database is postgresql" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await plain.PostJsonAsync($"/api/desktops/{plainId}/chat", new { message = "what is my favourite database?" })).StatusCode.Should().Be(HttpStatusCode.OK);
        StandIn.Requests.Count(r => r.Provider == StandInProvider.Embeddings).Should().Be(before, "memory is off without an embeddings key");

        var (client, id) = await DesktopAsync(await agents.StartAgentAsync("anthropic", memory: true, extra: "--Chat:ContextBudget=0"));
        StandIn.Anthropic.Enqueue(ScriptedReply.Message("Noted: your favourite database is postgresql."));
        (await client.PostJsonAsync($"/api/desktops/{id}/chat", new { message = "my favourite database is postgresql" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await WaitFor.ConditionAsync(_ => Task.FromResult(StandIn.Requests.Count(r => r.Provider == StandInProvider.Embeddings) > before), TimeSpan.FromSeconds(10)))
            .Should().BeTrue("the finished exchange is embedded");
        var embedded = StandIn.Requests.Last(r => r.Provider == StandInProvider.Embeddings);
        embedded.Headers["Authorization"].Should().Be($"Bearer {ChatAgents.EmbeddingsKey}");
        embedded.Json!["input"]!.ToJsonString().Should().Contain("postgresql");

        var first = StandIn.Requests.Count;
        StandIn.Anthropic.Enqueue(ScriptedReply.Message("postgresql"));
        (await client.PostJsonAsync($"/api/desktops/{id}/chat", new { message = "what is my favourite database?" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var request = StandIn.Requests.Skip(first).First(r => r.Provider == StandInProvider.Anthropic);
        var messages = request.Json!["messages"]!.AsArray();
        messages.Should().HaveCount(1, "with no context budget only memory can bring the earlier exchange");
        messages[0]!["content"]!.ToJsonString().Should().Contain("Noted: your favourite database is postgresql").And.Contain("memory");
    }

    [Fact]
    public async Task A_turn_marks_the_desktop_active_and_publishes_desktop_chat_events_without_content()
    {
        var ns = await fixture.CreateNamespaceAsync("chatev");
        var key = await fixture.CreateKeyAsync(ns, ApiServerFixture.All);
        using var client = fixture.CreateClient(key);
        var desktop = await fixture.CreateControllableDesktopAsync(ns, await agents.StartAgentAsync("anthropic"));
        var id = desktop.Metadata.Uid;
        using var stream = await client.GetAsync("/api/desktops/stream", HttpCompletionOption.ResponseHeadersRead);
        var seen = new List<JsonObject>();
        var reading = Task.Run(async () =>
        {
            using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                var e = JsonNode.Parse(line[6..])!.AsObject();
                if (e["type"]!.GetValue<string>() != "desktop.chat") continue;
                lock (seen) seen.Add(e);
                if (e["payload"]!["status"]!.GetValue<string>() != "running") return;
            }
        });
        StandIn.Anthropic.Enqueue(ScriptedReply.Message("A secret-free answer."));
        var answer = await (await client.PostJsonAsync($"/api/desktops/{id}/chat", new { message = "a private question" })).JsonAsync(HttpStatusCode.OK);
        await reading.WaitAsync(TimeSpan.FromSeconds(15));

        seen.Select(e => e["payload"]!["status"]!.GetValue<string>()).Should().Equal("running", "done");
        seen.Should().OnlyContain(e => e["payload"]!["id"]!.GetValue<string>() == id && e["payload"]!["messageId"]!.GetValue<string>() == answer.GetProperty("messageId").GetString());
        seen.Select(e => e.ToJsonString()).Should().NotContain(s => s.Contains("private question") || s.Contains("secret-free answer"));
        NoSecretIn([.. seen.Select(e => e.ToJsonString())]);
        (await WaitFor.ConditionAsync(async _ =>
            (await fixture.ReadDesktopAsync(desktop)).Metadata.Annotations?.ContainsKey(Annotations.LastActivity) == true, TimeSpan.FromSeconds(10)))
            .Should().BeTrue("a chat turn is activity for the idle stop");
    }

    [Fact]
    public async Task Chat_needs_desktop_chat_and_another_tenants_desktop_is_403()
    {
        var (client, id) = await DesktopAsync(await agents.StartAgentAsync("anthropic"));
        var ns = await fixture.CreateNamespaceAsync("chatcap");
        using var noChat = fixture.CreateClient(await fixture.CreateKeyAsync(ns, [.. ApiServerFixture.All.Where(c => c != Capability.DesktopChat)]));
        var own = (await fixture.CreateControllableDesktopAsync(ns)).Metadata.Uid;
        var missing = await (await noChat.PostJsonAsync($"/api/desktops/{own}/chat", new { message = "hi" })).JsonAsync(HttpStatusCode.Forbidden);
        missing.GetRawText().Should().Contain("desktop:chat");
        using var other = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        (await other.PostJsonAsync($"/api/desktops/{id}/chat", new { message = "hi" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await other.GetAsync($"/api/desktops/{id}/chat/messages")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        client.Dispose();
    }

    private async Task<(HttpClient Client, string Id)> DesktopAsync(Uri agent)
    {
        var ns = await fixture.CreateNamespaceAsync("chat");
        var client = fixture.CreateClient(await fixture.CreateKeyAsync(ns, ApiServerFixture.All));
        return (client, (await fixture.CreateControllableDesktopAsync(ns, agent)).Metadata.Uid);
    }

    private async Task<Xterm> XtermAsync()
    {
        var start = new ProcessStartInfo("xterm", ["-geometry", "80x20+0+0"]) { UseShellExecute = false };
        start.Environment["DISPLAY"] = agents.Display.Name;
        var xterm = Process.Start(start)!;
        (await WaitFor.ConditionAsync(async _ =>
        {
            var search = new ProcessStartInfo("xdotool", ["search", "--onlyvisible", "--pid", xterm.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
                { UseShellExecute = false, RedirectStandardOutput = true };
            search.Environment["DISPLAY"] = agents.Display.Name;
            using var p = Process.Start(search)!;
            var output = await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            return output.Trim().Length > 0;
        }, TimeSpan.FromSeconds(15))).Should().BeTrue("the xterm shows");
        return new Xterm(xterm);
    }

    private static byte[] ScreenshotSentBack(string provider, LeBureau.Testing.Providers.RecordedRequest request)
    {
        var json = request.Json!;
        if (provider == "anthropic")
        {
            var result = json["messages"]!.AsArray().Last()!["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_result")!;
            var image = result["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "image")!;
            image["source"]!["media_type"]!.GetValue<string>().Should().Be("image/png");
            return Convert.FromBase64String(image["source"]!["data"]!.GetValue<string>());
        }
        var part = json["messages"]!.AsArray().Last()!["content"]!.AsArray().Single(p => p!["type"]!.GetValue<string>() == "image_url")!;
        var url = part["image_url"]!["url"]!.GetValue<string>();
        url.Should().StartWith("data:image/png;base64,");
        return Convert.FromBase64String(url["data:image/png;base64,".Length..]);
    }

    private static async Task<List<(int Id, string Type, JsonObject Payload)>> ReadEventsAsync(HttpResponseMessage response, Func<(int Id, string Type, JsonObject Payload), bool> until)
    {
        var events = new List<(int, string, JsonObject)>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var id = 0;
        while (await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal)) id = int.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var e = JsonNode.Parse(line[6..])!.AsObject();
            var item = (id, e["type"]!.GetValue<string>(), e["payload"]!.AsObject());
            events.Add(item);
            if (until(item)) break;
        }
        return events;
    }

    private void NoSecretIn(params string[] texts)
    {
        var everything = string.Join('\n', texts) + fixture.Logs.All + agents.Logs.All
            + string.Concat(Directory.GetFiles(agents.Root, "*.jsonl", SearchOption.AllDirectories).Select(File.ReadAllText));
        everything.Should().NotContain(ChatAgents.ProviderKey).And.NotContain(ChatAgents.EmbeddingsKey);
    }

    private sealed class Xterm(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }
}
