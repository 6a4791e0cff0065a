using System.CommandLine;
using LeBureau.Cli.Api;
using LeBureau.Cli.Hosting;
using LeBureau.Cli.Output;
using LeBureau.Client;

namespace LeBureau.Cli.Desktops;

/// <summary><c>lebureau desktops …</c>: the desktops of the logged-in key's tenant, through the REST API.</summary>
public static class DesktopsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var desktops = new Command("desktops", "List, create, start, stop, delete and drive desktops (through the API; `lebureau login` first).")
        {
            List(environment),
            Get(environment),
            CreateDesktopCommand.Create(environment),
            Lifecycle(environment, "start", "Boot a stopped desktop (its disk is kept across stops).", WaitTarget.AgentReady,
                (client, id, ct) => client.StartDesktopAsync(id, ct)),
            Lifecycle(environment, "stop", "Shut a desktop down, keeping its disk.", WaitTarget.Stopped,
                (client, id, ct) => client.StopDesktopAsync(id, ct)),
            Lifecycle(environment, "restart", "Stop then start a desktop.", WaitTarget.AgentReady,
                (client, id, ct) => client.RestartDesktopAsync(id, ct)),
            Delete(environment),
            ScreenshotCommand.Create(environment),
            ExecCommand.Create(environment),
            WatchCommand.Create(environment),
        };
        desktops.Aliases.Add("desktop");
        return desktops.ShowsHelp();
    }

    /// <summary>The argument naming a desktop: its id or its (unique) name.</summary>
    internal static Argument<string> DesktopArgument() => new("desktop") { Description = "The desktop's id, or its name when no other desktop has it." };

    /// <summary>The id of the desktop the user named.</summary>
    internal static async Task<string> ResolveAsync(ApiSession session, string text, CancellationToken cancellationToken) =>
        DesktopReference.IsId(text)
            ? text
            : DesktopReference.ByName(text, await session.CallAsync(client => client.ListDesktopsAsync(cancellationToken)));

    internal static Task PrintAsync(TextWriter output, OutputFormat format, DesktopInfo desktop) =>
        ResultWriter.WriteAsync(output, format, desktop, [desktop], DesktopColumns.For(DateTimeOffset.UtcNow));

    private static Command List(CliEnvironment environment)
    {
        var output = OutputOption.Create();
        var command = new Command("list", "List the desktops: id, name, tier, status, agent readiness, IP, age.") { output };
        command.Aliases.Add("ls");
        command.SetCliAction(environment, async (result, context, cancellationToken) =>
        {
            using var session = await ApiSession.OpenAsync(environment, cancellationToken);
            var desktops = await session.CallAsync(client => client.ListDesktopsAsync(cancellationToken));
            var sorted = desktops.OrderBy(d => d.CreatedAt).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
            await ResultWriter.WriteAsync(context.Out, result.GetValue(output), sorted, sorted, DesktopColumns.For(DateTimeOffset.UtcNow));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Get(CliEnvironment environment)
    {
        var desktop = DesktopArgument();
        var output = OutputOption.Create();
        var command = new Command("get", "Show one desktop (with CPU, memory and disk use while it runs, in json and yaml).") { desktop, output };
        command.SetCliAction(environment, async (result, context, cancellationToken) =>
        {
            using var session = await ApiSession.OpenAsync(environment, cancellationToken);
            var id = await ResolveAsync(session, result.GetValue(desktop)!, cancellationToken);
            var info = await session.CallAsync(client => client.GetDesktopAsync(id, cancellationToken));
            await PrintAsync(context.Out, result.GetValue(output), info);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Lifecycle(CliEnvironment environment, string name, string description, WaitTarget target,
        Func<LeBureauClient, string, CancellationToken, Task<DesktopInfo>> call)
    {
        var desktop = DesktopArgument();
        var wait = new Option<bool>("--wait", "-w")
        {
            Description = target == WaitTarget.Stopped ? "Wait until the desktop is stopped." : "Wait until the desktop runs and its agent is ready.",
        };
        var timeout = TimeoutOption.Create("How long --wait waits", "180s");
        var output = OutputOption.Create();
        var command = new Command(name, description) { desktop, wait, timeout, output };
        command.SetCliAction(environment, async (result, context, cancellationToken) =>
        {
            using var session = await ApiSession.OpenAsync(environment, cancellationToken);
            var id = await ResolveAsync(session, result.GetValue(desktop)!, cancellationToken);
            var info = await session.CallAsync(client => call(client, id, cancellationToken));
            if (result.GetValue(wait))
            {
                info = await DesktopWaiter.WaitAsync(session, id, target, result.GetValue(timeout), context.Error, cancellationToken);
            }
            await PrintAsync(context.Out, result.GetValue(output), info);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(CliEnvironment environment)
    {
        var desktop = DesktopArgument();
        var command = new Command("delete", "Delete a desktop and its disk.") { desktop };
        command.Aliases.Add("rm");
        command.SetCliAction(environment, async (result, context, cancellationToken) =>
        {
            using var session = await ApiSession.OpenAsync(environment, cancellationToken);
            var id = await ResolveAsync(session, result.GetValue(desktop)!, cancellationToken);
            await session.CallAsync(client => client.DeleteDesktopAsync(id, cancellationToken));
            await context.Out.WriteLineAsync($"desktop {id} deleted");
            return ExitCodes.Ok;
        });
        return command;
    }
}
