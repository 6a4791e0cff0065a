using System.Text;
using LeBureau.Resources;

namespace LeBureau.Operator.KubeVirt;

/// <summary>The cloud-init user data that hands the agent its token and the chat agent its provider key at boot.</summary>
public static class CloudInit
{
    /// <summary>The #cloud-config document (secrets base64-encoded, files readable by root only).</summary>
    public static string UserData(Desktop desktop, string agentToken, string? providerKey, int agentPort)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        var resolution = desktop.Spec.Resolution ?? new Desktop.ResolutionSpec();
        var env = new StringBuilder()
            .Append("LEBUREAU_AGENT_PORT=").Append(agentPort).Append('\n')
            .Append("LEBUREAU_RESOLUTION=").Append(resolution.Width).Append('x').Append(resolution.Height).Append('\n');
        if (desktop.Spec.Provider is { } provider)
        {
            env.Append("LEBUREAU_PROVIDER=").Append(provider.Name.ToString().ToLowerInvariant()).Append('\n');
            if (provider.Model is not null) env.Append("LEBUREAU_MODEL=").Append(provider.Model).Append('\n');
            if (providerKey is not null) env.Append("LEBUREAU_PROVIDER_KEY=").Append(providerKey).Append('\n');
        }
        return $"""
            #cloud-config
            write_files:
            - path: /etc/lebureau/agent-token
              permissions: '0600'
              encoding: b64
              content: {B64(agentToken)}
            - path: /etc/lebureau/agent.env
              permissions: '0600'
              encoding: b64
              content: {B64(env.ToString())}
            runcmd:
            - [systemctl, restart, lebureau-agent.service]

            """;
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
