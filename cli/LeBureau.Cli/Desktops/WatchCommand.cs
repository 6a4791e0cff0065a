using System.CommandLine;
using System.Text.Json;
using LeBureau.Cli.Api;
using LeBureau.Cli.Hosting;
using LeBureau.Cli.Output;

namespace LeBureau.Cli.Desktops;

/// <summary><c>lebureau desktops watch [ID]</c>: the desktop event stream (SSE), one line per event as it happens, until Ctrl-C.</summary>
public static class WatchCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var desktop = new Argument<string?>("desktop") { Description = "Only this desktop's events (id or name).", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<OutputFormat>("--output", "-o")
        {
            Description = "table: one readable line per event; json: one JSON object per line ({id, type, payload}).",
            DefaultValueFactory = _ => OutputFormat.Table, HelpName = "table|json",
        };
        var command = new Command("watch", "Follow the desktops' events live (status changes, agent ready, metrics) until Ctrl-C.") { desktop, output };
        command.SetCliAction(environment, async (result, context, cancellationToken) =>
        {
            using var session = await ApiSession.OpenAsync(environment, cancellationToken);
            var only = result.GetValue(desktop) is { } text ? await DesktopsCommand.ResolveAsync(session, text, cancellationToken) : null;
            var json = result.GetValue(output) != OutputFormat.Table;
            await context.Error.WriteLineAsync($"watching the desktops of {session.Url} (Ctrl-C stops)");
            try
            {
                await session.CallAsync(async client =>
                {
                    await foreach (var e in client.WatchDesktopsAsync(cancellationToken: cancellationToken))
                    {
                        if (only is not null && !Concerns(e.Payload, only)) continue;
                        await context.Out.WriteLineAsync(json
                            ? JsonSerializer.Serialize(new { e.Id, e.Type, e.Payload }, JsonSerializerOptions.Web)
                            : EventLine.Format(e, DateTimeOffset.UtcNow));
                        await context.Out.FlushAsync(cancellationToken);
                    }
                });
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl-C: the usual way to end a watch.
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static bool Concerns(JsonElement payload, string id) =>
        payload.ValueKind == JsonValueKind.Object
        && ((payload.TryGetProperty("id", out var a) && a.ValueKind == JsonValueKind.String && a.GetString() == id)
            || (payload.TryGetProperty("desktopId", out var b) && b.ValueKind == JsonValueKind.String && b.GetString() == id));
}
