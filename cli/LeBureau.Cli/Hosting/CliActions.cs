using System.CommandLine;
using System.CommandLine.Help;

namespace LeBureau.Cli.Hosting;

/// <summary>Binds a handler to a command: the handler gets a <see cref="CliContext"/>, and what it throws becomes one stderr line and an exit code.</summary>
public static class CliActions
{
    /// <summary>A command that only groups others (<c>lebureau</c>, <c>desktops</c>, <c>keys</c>) shows its help when run alone, as kubectl does.</summary>
    public static T ShowsHelp<T>(this T command) where T : Command
    {
        command.SetAction(result => new HelpAction().Invoke(result));
        return command;
    }

    public static void SetCliAction(this Command command, CliEnvironment environment,
        Func<ParseResult, CliContext, CancellationToken, Task<int>> handler)
    {
        command.SetAction(async (result, cancellationToken) =>
        {
            var context = new CliContext(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, environment);
            try
            {
                return await handler(result, context, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested || e is not OperationCanceledException)
            {
                var failure = CliFailure.From(e);
                await context.Error.WriteLineAsync($"lebureau: {failure.Message}");
                if (environment.Get("LEBUREAU_DEBUG") is not null) await context.Error.WriteLineAsync(e.ToString());
                return failure.ExitCode;
            }
        });
    }
}
