using System.CommandLine;

namespace LeBureau.Cli.Hosting;

/// <summary>Binds a handler to a command: the handler gets a <see cref="CliContext"/>, and what it throws becomes one stderr line and an exit code.</summary>
public static class CliActions
{
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
