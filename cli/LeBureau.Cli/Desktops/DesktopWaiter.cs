using System.Diagnostics;
using System.Net;
using LeBureau.Cli.Api;
using LeBureau.Cli.Hosting;
using LeBureau.Client;

namespace LeBureau.Cli.Desktops;

/// <summary>
/// Polls a desktop until <see cref="DesktopWait"/> says the wait is over, writing each change of state to stderr. Polls
/// every 2 s, within the default rate limit of a key (60 requests a minute) with room for other calls; a 429 pauses the
/// wait for the time the API asks rather than ending it.
/// </summary>
public static class DesktopWaiter
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public static async Task<DesktopInfo> WaitAsync(ApiSession session, string id, WaitTarget target, TimeSpan timeout,
        TextWriter progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string? last = null;
        while (true)
        {
            DesktopInfo desktop;
            try
            {
                desktop = await session.CallAsync(client => client.GetDesktopAsync(id, cancellationToken));
            }
            catch (CliException e) when (e.InnerException is LeBureauApiException { Status: HttpStatusCode.TooManyRequests } limited && clock.Elapsed < timeout)
            {
                await Task.Delay(limited.RetryAfter ?? Interval, cancellationToken);
                continue;
            }
            var step = DesktopWait.Progress(desktop, target);
            if (step != last)
            {
                await progress.WriteLineAsync($"[{clock.Elapsed.TotalSeconds,5:F1}s] desktop {desktop.Name} ({desktop.Id}): {step}");
                last = step;
            }
            switch (DesktopWait.Evaluate(desktop, target))
            {
                case DesktopWait.Outcome.Reached:
                    await progress.WriteLineAsync($"[{clock.Elapsed.TotalSeconds,5:F1}s] desktop {desktop.Name}: {(target == WaitTarget.AgentReady ? "ready" : "stopped")}");
                    return desktop;
                case DesktopWait.Outcome.Failed:
                    throw new CliException($"desktop {desktop.Name} ({desktop.Id}) went into error; `kubectl describe desktop` shows why", ExitCodes.Error);
            }
            if (clock.Elapsed >= timeout)
            {
                throw new CliException(
                    $"desktop {desktop.Name} ({desktop.Id}) is still {step} after {timeout.TotalSeconds:0} s; wait longer with --timeout", ExitCodes.Timeout);
            }
            await Task.Delay(Interval, cancellationToken);
        }
    }
}
