using System.Text;
using LeBureau.Operator.Machines;
using LeBureau.Resources;

namespace LeBureau.Operator.KubeVirt;

/// <summary>The cloud-init user data that hands the agent its token and the chat agent its settings and keys at boot.</summary>
public static class CloudInit
{
    /// <summary>
    /// The chat agent's data directory (LEBUREAU_DATA_DIR). On the root disk for now: mounting the data disk in the guest
    /// (so that chat history and memory survive a new root disk) is a separate change to the disk image and this document.
    /// </summary>
    public const string DataDirectory = "/var/lib/lebureau";

    /// <summary>The #cloud-config document (secrets base64-encoded, files readable by root only); <paramref name="chat"/> null without a provider.</summary>
    public static string UserData(Desktop desktop, string agentToken, ChatSettings? chat, int agentPort)
    {
        ArgumentNullException.ThrowIfNull(desktop);
        var resolution = desktop.Spec.Resolution ?? new Desktop.ResolutionSpec();
        var env = new StringBuilder()
            .Append("LEBUREAU_AGENT_PORT=").Append(agentPort).Append('\n')
            .Append("LEBUREAU_RESOLUTION=").Append(resolution.Width).Append('x').Append(resolution.Height).Append('\n')
            .Append("LEBUREAU_DATA_DIR=").Append(DataDirectory).Append('\n');
        if (chat is not null)
        {
            Line(env, "LEBUREAU_PROVIDER", chat.Provider);
            Line(env, "LEBUREAU_MODEL", chat.Model);
            Line(env, "LEBUREAU_PROVIDER_KEY", chat.ApiKey);
            Line(env, "LEBUREAU_PROVIDER_BASE_URL", chat.BaseUrl);
            Line(env, "LEBUREAU_EMBEDDINGS_KEY", chat.EmbeddingsApiKey);
            Line(env, "LEBUREAU_EMBEDDINGS_MODEL", chat.EmbeddingsModel);
            Line(env, "LEBUREAU_EMBEDDINGS_BASE_URL", chat.EmbeddingsBaseUrl);
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

    private static void Line(StringBuilder env, string name, string? value)
    {
        if (value is not null) env.Append(name).Append('=').Append(value).Append('\n');
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
