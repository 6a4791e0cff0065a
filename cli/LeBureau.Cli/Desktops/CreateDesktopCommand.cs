using System.CommandLine;
using LeBureau.Cli.Api;
using LeBureau.Cli.Hosting;
using LeBureau.Cli.Output;
using LeBureau.Client;

namespace LeBureau.Cli.Desktops;

/// <summary><c>lebureau desktops create NAME</c>, with <c>--wait</c> until its agent is ready.</summary>
public static class CreateDesktopCommand
{
    public const string ProviderKeyVariable = "LEBUREAU_PROVIDER_KEY";

    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The desktop's display name." };
        var tier = new Option<string>("--tier") { Description = "Size: free (2 vCPU, 4 GiB), pro (4 vCPU, 8 GiB) or max (4 vCPU, 16 GiB).", DefaultValueFactory = _ => "free" };
        tier.AcceptOnlyFromAmong("free", "pro", "max");
        var provider = new Option<string>("--provider") { Description = "The chat agent's LLM provider.", DefaultValueFactory = _ => "anthropic" };
        provider.AcceptOnlyFromAmong("anthropic", "openai", "openrouter");
        var providerKey = new Option<string?>("--provider-key")
        {
            Description = $"Your provider API key, given to the desktop's chat agent only (default: {ProviderKeyVariable}, which keeps it out of the process list).",
        };
        var model = new Option<string?>("--model") { Description = "The provider's model (default: the agent's)." };
        var wait = new Option<bool>("--wait", "-w") { Description = "Wait until the desktop runs and its agent is ready, showing progress." };
        var timeout = TimeoutOption.Create("How long --wait waits", "180s");
        var output = OutputOption.Create();
        var command = new Command("create", "Create a desktop; it starts booting at once.") { name, tier, provider, providerKey, model, wait, timeout, output };
        command.SetCliAction(environment, async (result, context, cancellationToken) =>
        {
            var key = result.GetValue(providerKey) ?? environment.Get(ProviderKeyVariable)
                ?? throw new CliException(
                    $"give the LLM provider key of the desktop's chat agent: --provider-key <key>, or set {ProviderKeyVariable}", ExitCodes.Usage);
            using var session = await ApiSession.OpenAsync(environment, cancellationToken);
            var spec = new NewDesktop(result.GetValue(name)!, result.GetValue(tier)!, new ProviderConfig(result.GetValue(provider)!, key, result.GetValue(model)));
            var desktop = await session.CallAsync(client => client.CreateDesktopAsync(spec, cancellationToken));
            if (result.GetValue(wait))
            {
                await context.Error.WriteLineAsync($"desktop {desktop.Name} created ({desktop.Id}); waiting until its agent is ready");
                desktop = await DesktopWaiter.WaitAsync(session, desktop.Id, WaitTarget.AgentReady, result.GetValue(timeout), context.Error, cancellationToken);
            }
            await DesktopsCommand.PrintAsync(context.Out, result.GetValue(output), desktop);
            return ExitCodes.Ok;
        });
        return command;
    }
}
