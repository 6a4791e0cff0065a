using System.CommandLine;
using LeBureau.Cli.Api;
using LeBureau.Cli.Hosting;
using LeBureau.Cli.Output;
using LeBureau.Client;

namespace LeBureau.Cli.Login;

/// <summary><c>lebureau whoami</c>: the API, tenant, key and capabilities in use (<c>GET /v1/me</c>).</summary>
public static class WhoamiCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var output = OutputOption.Create();
        var command = new Command("whoami", "Show the API, tenant namespace, key and capabilities in use.") { output };
        command.SetCliAction(environment, async (result, context, cancellationToken) =>
        {
            using var session = await ApiSession.OpenAsync(environment, cancellationToken);
            var me = await session.CallAsync(client => client.GetMeAsync(cancellationToken));
            await ResultWriter.WriteAsync(context.Out, result.GetValue(output), me, [me], Columns(session.Url));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<TableColumn<Me>> Columns(Uri url) =>
    [
        new("api", _ => url.ToString().TrimEnd('/')),
        new("namespace", m => m.Namespace),
        new("key", m => m.KeyName),
        new("prefix", m => m.KeyPrefix is null ? null : m.KeyPrefix + "…"),
        new("capabilities", m => string.Join(",", m.Capabilities)),
    ];
}
