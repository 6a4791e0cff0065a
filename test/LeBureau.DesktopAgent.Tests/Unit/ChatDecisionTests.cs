using System.Net.Http.Headers;
using System.Text.Json;
using LeBureau.AgentContract;
using LeBureau.DesktopAgent.Chat;
using LeBureau.DesktopAgent.Chat.History;
using LeBureau.DesktopAgent.Chat.Memory;
using LeBureau.DesktopAgent.Chat.Model;
using LeBureau.DesktopAgent.Chat.Providers;
using LeBureau.DesktopAgent.Chat.Tools;

namespace LeBureau.DesktopAgent.Tests.Unit;

/// <summary>The chat agent's pure decisions: settings, context window, screenshot pruning, tool-call parsing, errors, retry-after.</summary>
public sealed class ChatDecisionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Settings_come_from_the_options_else_the_environment_and_never_show_the_key()
    {
        var env = new Dictionary<string, string>
        {
            ["LEBUREAU_PROVIDER"] = "openrouter", ["LEBUREAU_PROVIDER_KEY"] = "sk-or-secret-1", ["LEBUREAU_EMBEDDINGS_KEY"] = "sk-emb-secret-2",
            ["LEBUREAU_DATA_DIR"] = "/data/x",
        };
        var settings = ChatSettings.Resolve(new ChatOptions(), n => env.GetValueOrDefault(n), out var reason)!;
        reason.Should().BeNull();
        settings.Provider.Should().Be(ProviderKind.OpenRouter);
        settings.Model.Should().Be(ChatSettings.DefaultModel(ProviderKind.OpenRouter));
        settings.ApiKey.Should().Be("sk-or-secret-1");
        settings.HasMemory.Should().BeTrue();
        settings.EmbeddingsModel.Should().Be("openai/text-embedding-3-small");
        settings.DataDirectory.Should().Be("/data/x");
        settings.ToString().Should().NotContain("secret");

        var file = Path.GetTempFileName();
        File.WriteAllText(file, "  sk-from-file \n");
        var fromOptions = ChatSettings.Resolve(new ChatOptions { Provider = "Anthropic", ApiKeyFile = file, Model = "claude-x" }, n => env.GetValueOrDefault(n), out _)!;
        fromOptions.Provider.Should().Be(ProviderKind.Anthropic);
        fromOptions.ApiKey.Should().Be("sk-from-file");
        fromOptions.Model.Should().Be("claude-x");
        File.Delete(file);
    }

    [Theory]
    [InlineData(null, "sk", "no LLM provider")]
    [InlineData("gemini", "sk", "unknown provider 'gemini'")]
    [InlineData("openai", null, "no provider API key")]
    public void Chat_is_off_with_a_reason(string? provider, string? key, string reason)
    {
        ChatSettings.Resolve(new ChatOptions { Provider = provider }, n => n == "LEBUREAU_PROVIDER_KEY" ? key : null, out var why).Should().BeNull();
        why.Should().Contain(reason);
    }

    [Fact]
    public void The_context_keeps_the_newest_answered_exchanges_within_the_budget_oldest_first()
    {
        var history = new List<ChatMessageRecord>();
        for (var i = 0; i < 5; i++)
        {
            history.Add(new ChatMessageRecord($"u{i}", ChatMessageRecord.User, new string('q', 10) + i, ChatMessageRecord.Sent, T0));
            history.Add(new ChatMessageRecord($"a{i}", ChatMessageRecord.Assistant, new string('a', 10) + i, i == 3 ? ChatMessageRecord.Failed : ChatMessageRecord.Done, T0, ReplyTo: $"u{i}"));
        }
        history.Add(new ChatMessageRecord("u5", ChatMessageRecord.User, "unanswered", ChatMessageRecord.Sent, T0));

        var context = ContextWindow.Select(history, budget: 50);
        context.Select(e => e switch { UserEntry u => u.Text, AssistantEntry a => a.Text, _ => "?" })
            .Should().Equal("qqqqqqqqqq2", "aaaaaaaaaa2", "qqqqqqqqqq4", "aaaaaaaaaa4");
        ContextWindow.Select(history, budget: 0).Should().BeEmpty();
    }

    [Fact]
    public void Only_the_newest_screenshots_stay_in_the_transcript()
    {
        static ToolResultsEntry Shot(string id) => new([new ToolResult(id, new ToolOutput("ok", new ToolImage([1, 2], "image/png", 2, 1), false))]);
        var transcript = new List<TranscriptEntry> { new UserEntry("go"), Shot("a"), Shot("b"), Shot("c"), Shot("d") };
        var pruned = TranscriptImages.KeepNewest(transcript, 2);
        pruned.OfType<ToolResultsEntry>().Select(r => r.Results[0].Output.Image is not null).Should().Equal(false, false, true, true);
        pruned.OfType<ToolResultsEntry>().First().Results[0].Output.Text.Should().Contain("older screenshot removed");
        transcript.OfType<ToolResultsEntry>().All(r => r.Results[0].Output.Image is not null).Should().BeTrue("the original is not changed");
    }

    [Fact]
    public void Tool_arguments_that_are_not_a_json_object_are_kept_as_malformed()
    {
        var ok = ToolCallParser.Parse("t1", "computer", "{\"action\":\"screenshot\"}");
        ok.Malformed.Should().BeNull();
        ok.Input.GetProperty("action").GetString().Should().Be("screenshot");
        ToolCallParser.Parse("t2", "computer", "{\"action\": \"left_cl").Malformed.Should().Be("{\"action\": \"left_cl");
        ToolCallParser.Parse("t3", "bash", "[1,2]").Malformed.Should().Be("[1,2]");
        ToolCallParser.Parse("t4", "bash", "").Input.ValueKind.Should().Be(JsonValueKind.Object);
    }

    [Theory]
    [InlineData(401, ChatErrorCode.ProviderAuth, 502)]
    [InlineData(403, ChatErrorCode.ProviderAuth, 502)]
    [InlineData(429, ChatErrorCode.ProviderRateLimited, 429)]
    [InlineData(500, ChatErrorCode.ProviderError, 502)]
    [InlineData(529, ChatErrorCode.ProviderError, 502)]
    [InlineData(400, ChatErrorCode.ProviderError, 502)]
    public void Provider_statuses_map_to_chat_errors(int status, ChatErrorCode code, int ours)
    {
        var error = ProviderException.FromStatus("Anthropic", status, TimeSpan.FromSeconds(7), null);
        error.Code.Should().Be(code);
        ChatErrorCodes.Status(error.Code).Should().Be(ours);
        error.Message.Should().Contain("Anthropic").And.Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (status == 429) error.RetryAfter.Should().Be(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public void Retry_after_is_read_as_seconds_or_a_date()
    {
        RetryAfterCapture.Parse(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), T0).Should().Be(TimeSpan.FromSeconds(7));
        RetryAfterCapture.Parse(new RetryConditionHeaderValue(T0.AddSeconds(30)), T0).Should().Be(TimeSpan.FromSeconds(30));
        RetryAfterCapture.Parse(new RetryConditionHeaderValue(T0.AddSeconds(-30)), T0).Should().Be(TimeSpan.Zero);
        RetryAfterCapture.Parse(null, T0).Should().BeNull();
    }

    [Fact]
    public async Task Memory_recalls_the_most_similar_entries_above_the_threshold()
    {
        var directory = Directory.CreateTempSubdirectory("lebureau-memory-").FullName;
        try
        {
            var memory = new MemoryStore(directory);
            await memory.AddAsync(new MemoryEntry("m1", "postgres", T0, [1, 0, 0]), default);
            await memory.AddAsync(new MemoryEntry("m2", "nginx", T0, [0, 1, 0]), default);
            await memory.AddAsync(new MemoryEntry("m3", "postgres too", T0, [0.9f, 0.1f, 0]), default);
            memory.Recall([1, 0, 0], 2, 0.5).Select(m => m.Entry.Id).Should().Equal("m1", "m3");
            new MemoryStore(directory).Recall([0, 1, 0], 5, 0.5).Select(m => m.Entry.Id).Should().Equal("m2");
            MemoryStore.Cosine([1, 0], [0, 0]).Should().Be(0);
            MemoryStore.Cosine([1, 0], [1, 0, 0]).Should().Be(0);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task History_survives_a_reload_keeps_the_last_version_of_a_message_and_skips_a_torn_line()
    {
        var directory = Directory.CreateTempSubdirectory("lebureau-history-").FullName;
        try
        {
            var history = new ChatHistory(directory, maxMessages: 3);
            await history.SaveAsync(new ChatMessageRecord("u1", "user", "hello", "sent", T0), default);
            await history.SaveAsync(new ChatMessageRecord("a1", "assistant", "", "running", T0, ReplyTo: "u1"), default);
            await history.SaveAsync(new ChatMessageRecord("a1", "assistant", "hi!", "done", T0, T0.AddSeconds(1), "u1"), default);
            await File.AppendAllTextAsync(Path.Combine(directory, "chat", "history.jsonl"), "{\"id\":\"torn");

            var reloaded = new ChatHistory(directory, maxMessages: 3);
            reloaded.Messages.Select(m => (m.Id, m.Content, m.Status)).Should().Equal(("u1", "hello", "sent"), ("a1", "hi!", "done"));

            await reloaded.SaveAsync(new ChatMessageRecord("u2", "user", "again", "sent", T0), default);
            await reloaded.SaveAsync(new ChatMessageRecord("a2", "assistant", "yes", "done", T0, ReplyTo: "u2"), default);
            reloaded.Messages.Select(m => m.Id).Should().Equal("a1", "u2", "a2");
            new ChatHistory(directory, maxMessages: 3).Messages.Select(m => m.Id).Should().Equal("a1", "u2", "a2");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_turn_that_was_running_when_the_agent_stopped_is_an_interrupted_error_at_the_next_start()
    {
        var directory = Directory.CreateTempSubdirectory("lebureau-history-").FullName;
        try
        {
            var history = new ChatHistory(directory, maxMessages: 10);
            await history.SaveAsync(new ChatMessageRecord("u1", "user", "long job", "sent", T0), default);
            await history.SaveAsync(new ChatMessageRecord("a1", "assistant", "half an ans", "running", T0, ReplyTo: "u1"), default);

            var reopened = new ChatHistory(directory, maxMessages: 10).Messages;
            reopened[1].Status.Should().Be("error");
            reopened[1].Error!.Code.Should().Be("interrupted");
            reopened[1].Content.Should().Be("half an ans");
            new ChatHistory(directory, maxMessages: 10).Messages[1].Status.Should().Be("error", "the repair was written back");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_run_replays_every_event_to_a_late_reader_and_ends_at_the_final_one()
    {
        var run = new ChatRun("msg_a", "msg_u");
        run.Emit(new ChatEvent(ChatEventTypes.Start, []));
        run.Emit(new ChatEvent(ChatEventTypes.Text, new() { ["delta"] = "hel" }));
        var reading = Task.Run(async () =>
        {
            var seen = new List<string>();
            await foreach (var e in run.ReadAllAsync(default)) seen.Add(e.Type);
            return seen;
        });
        run.Emit(new ChatEvent(ChatEventTypes.Text, new() { ["delta"] = "lo" }));
        run.Emit(new ChatEvent(ChatEventTypes.Done, []));
        run.Emit(new ChatEvent(ChatEventTypes.Text, new() { ["delta"] = "ignored after the end" }));
        (await reading.WaitAsync(TimeSpan.FromSeconds(10))).Should().Equal("start", "text", "text", "done");
        run.IsFinished.Should().BeTrue();
    }
}
