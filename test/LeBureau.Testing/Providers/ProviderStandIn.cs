using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeBureau.Testing.Providers;

/// <summary>
/// A local stand-in for LLM providers that speaks their wire protocols, so that the official Anthropic and OpenAI SDKs
/// pointed at <see cref="BaseUrl"/> work against it. Each test scripts the replies (<see cref="Anthropic"/>,
/// <see cref="OpenAI"/>, <see cref="Embeddings"/>) and reads what arrived (<see cref="Requests"/>,
/// <see cref="WaitForRequestAsync"/>). A request with no scripted reply gets a 500 "stand-in: no scripted reply" in the
/// provider's error shape; embeddings answer <see cref="HashedEmbedding"/> vectors unless scripted otherwise.
/// </summary>
public sealed class ProviderStandIn : IAsyncDisposable
{
    /// <summary>The message of the 500 a request gets when its provider's script is empty.</summary>
    public const string NoScriptedReply = "stand-in: no scripted reply";

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<RecordedRequest> _requests = [];
    private TaskCompletionSource _recorded = NewSignal();

    private ProviderStandIn(WebApplication app) => _app = app;

    /// <summary>BaseUrl: <c>http://127.0.0.1:PORT/</c>. Anthropic's SDK takes it as is; OpenAI's wants <c>/v1</c> appended.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Anthropic: the replies to <c>POST /v1/messages</c>.</summary>
    public ProviderScript Anthropic { get; } = new();

    /// <summary>OpenAI: the replies to <c>POST …/chat/completions</c>.</summary>
    public ProviderScript OpenAI { get; } = new();

    /// <summary>
    /// Embeddings: replies to <c>POST …/embeddings</c>. Optional: with none queued the answer is the default embedding;
    /// a queued <see cref="ScriptedReplyKind.Message"/> reply also means the default (after its delay).
    /// </summary>
    public ProviderScript Embeddings { get; } = new();

    /// <summary>
    /// KeepBodies: whether <see cref="Requests"/> keep their <see cref="RecordedRequest.Body"/> and
    /// <see cref="RecordedRequest.Json"/> after the reply; default true. A benchmark turns it off: hundreds of requests
    /// carrying megabytes of screenshots each would otherwise grow the process's heap by gigabytes and its garbage
    /// collections with it (a computed reply still sees the request whole).
    /// </summary>
    public bool KeepBodies { get; set; } = true;

    /// <summary>Requests: a snapshot of every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests) return [.. _requests];
        }
    }

    /// <summary>Starts the stand-in on 127.0.0.1 on a free port.</summary>
    public static async Task<ProviderStandIn> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var standIn = new ProviderStandIn(app);
        app.MapPost("/v1/messages", standIn.AnthropicAsync);
        app.MapPost("/v1/chat/completions", standIn.OpenAIAsync);
        app.MapPost("/chat/completions", standIn.OpenAIAsync);
        app.MapPost("/api/v1/chat/completions", standIn.OpenAIAsync);
        app.MapPost("/v1/embeddings", standIn.EmbeddingsAsync);
        app.MapPost("/embeddings", standIn.EmbeddingsAsync);
        app.MapPost("/api/v1/embeddings", standIn.EmbeddingsAsync);
        app.MapFallback(standIn.UnroutedAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        standIn.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return standIn;
    }

    /// <summary>
    /// Waits until request number <paramref name="index"/> (zero-based, over all providers) has arrived and returns it;
    /// throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task<RecordedRequest> WaitForRequestAsync(int index, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Task recorded;
            lock (_requests)
            {
                if (_requests.Count > index) return _requests[index];
                recorded = _recorded.Task;
            }
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero) throw new TimeoutException($"stand-in: request {index} did not arrive within {timeout}");
            try
            {
                await recorded.WaitAsync(left, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"stand-in: request {index} did not arrive within {timeout}");
            }
        }
    }

    /// <summary>Stops the server; hanging replies end with it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private Task AnthropicAsync(HttpContext context) =>
        AnswerAsync(context, StandInProvider.Anthropic, Anthropic, AnthropicWire.WriteMessageAsync, AnthropicWire.WriteErrorAsync);

    private Task OpenAIAsync(HttpContext context) =>
        AnswerAsync(context, StandInProvider.OpenAI, OpenAI, OpenAIWire.WriteCompletionAsync, OpenAIWire.WriteErrorAsync);

    private Task EmbeddingsAsync(HttpContext context) =>
        AnswerAsync(context, StandInProvider.Embeddings, Embeddings,
            (response, request, _, cancellationToken) => EmbeddingsWire.WriteEmbeddingsAsync(response, request, cancellationToken),
            OpenAIWire.WriteErrorAsync, defaultReply: ScriptedReply.Message(""));

    private async Task UnroutedAsync(HttpContext context)
    {
        var request = await RecordAsync(context, StandInProvider.Unrouted);
        await OpenAIWire.WriteErrorAsync(context.Response, 404, "not_found", $"stand-in: no route for {request.Method} {request.Path}", context.RequestAborted);
        request.MarkReplied();
    }

    private async Task AnswerAsync(
        HttpContext context, StandInProvider provider, ProviderScript script,
        Func<HttpResponse, RecordedRequest, ScriptedReply, CancellationToken, Task> writeMessage,
        Func<HttpResponse, int, string?, string, CancellationToken, Task> writeError,
        ScriptedReply? defaultReply = null)
    {
        var request = await RecordAsync(context, provider);
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var cancellationToken = aborted.Token;
        try
        {
            var reply = script.TryDequeue(out var scripted) ? scripted : defaultReply;
            while (reply?.Respond is { } respond)
            {
                var made = respond(request);
                reply = made.After(made.Delay + reply.Delay);
            }
            if (reply is null)
            {
                await writeError(context.Response, 500, "api_error", NoScriptedReply, cancellationToken);
                request.MarkReplied();
                return;
            }
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, cancellationToken);
            foreach (var (name, value) in reply.Headers) context.Response.Headers[name] = value;
            switch (reply.Kind)
            {
                case ScriptedReplyKind.Hang:
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    break;
                case ScriptedReplyKind.Error:
                    await writeError(context.Response, reply.Status, reply.ErrorType, reply.ErrorMessage ?? "stand-in: scripted error", cancellationToken);
                    break;
                default:
                    await writeMessage(context.Response, request, reply, cancellationToken);
                    break;
            }
            await context.Response.CompleteAsync();
            if (!KeepBodies) request.DropBody();
            request.MarkReplied();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context, StandInProvider provider)
    {
        var arrivedAt = DateTimeOffset.UtcNow;
        var arrivedTimestamp = Stopwatch.GetTimestamp();
        // Read in large chunks: a StreamReader's 1 KiB reads slow the receiving of a multi-megabyte request (three
        // screenshots), which a benchmark would count against the client.
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, 1 << 20, context.RequestAborted);
        var body = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var receivedTimestamp = Stopwatch.GetTimestamp();
        var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(
            provider, context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body,
            arrivedAt, arrivedTimestamp, receivedTimestamp);
        TaskCompletionSource recorded;
        lock (_requests)
        {
            _requests.Add(request);
            recorded = _recorded;
            _recorded = NewSignal();
        }
        recorded.TrySetResult();
        return request;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
