using System.CommandLine;
using LeBureau.Cli.Api;
using LeBureau.Cli.Config;
using LeBureau.Cli.Hosting;

namespace LeBureau.Cli.Login;

/// <summary><c>lebureau login</c>: checks a URL and key with <c>GET /v1/me</c> and saves them (0600) for the next commands; <c>lebureau logout</c> forgets them.</summary>
public static class LoginCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var url = new Option<string?>("--url") { Description = $"The API, e.g. http://127.0.0.1:8080 (default: {LoginResolution.UrlVariable})." };
        var key = new Option<string?>("--key") { Description = $"The API key, sk_live_… (default: {LoginResolution.KeyVariable}; `-` reads it from stdin, which keeps it out of the shell history)." };
        var command = new Command("login", "Check an API URL and key, and save them for the next commands (in $XDG_CONFIG_HOME/lebureau/config.json, readable by you only).")
        {
            url, key,
        };
        command.SetCliAction(environment, async (result, context, cancellationToken) =>
        {
            var typedUrl = result.GetValue(url) ?? environment.Get(LoginResolution.UrlVariable)
                ?? throw new CliException($"give the API's URL: --url <API URL> (or set {LoginResolution.UrlVariable})", ExitCodes.Usage);
            var typedKey = result.GetValue(key) ?? environment.Get(LoginResolution.KeyVariable)
                ?? throw new CliException($"give an API key: --key <key>, --key - to read it from stdin (or set {LoginResolution.KeyVariable})", ExitCodes.Usage);
            if (typedKey == "-") typedKey = (await Console.In.ReadLineAsync(cancellationToken))?.Trim() ?? "";
            if (string.IsNullOrWhiteSpace(typedKey)) throw new CliException("the API key is empty", ExitCodes.Usage);
            var login = new SavedLogin(ApiUrl.Parse(typedUrl, "--url").ToString().TrimEnd('/'), typedKey.Trim());

            using var session = ApiSession.For(login, "--key");
            Client.Me me;
            try
            {
                me = await session.CallAsync(client => client.GetMeAsync(cancellationToken));
            }
            catch (CliException e) when (e.ExitCode == ExitCodes.NotFound)
            {
                throw new CliException(
                    $"{login.Url} does not answer like a Le Bureau API (GET /v1/me: {e.Message}). Check the URL: it is what `lebureau up` prints as API, e.g. http://127.0.0.1:8080.",
                    ExitCodes.Unreachable, e);
            }
            var store = new ConfigStore(environment);
            await store.SaveAsync(login, cancellationToken);
            await context.Out.WriteLineAsync(
                $"Logged in to {login.Url}: namespace {me.Namespace}, key {me.KeyName} ({me.KeyPrefix}…), capabilities {string.Join(", ", me.Capabilities)}.");
            await context.Error.WriteLineAsync($"Saved in {store.FilePath}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
