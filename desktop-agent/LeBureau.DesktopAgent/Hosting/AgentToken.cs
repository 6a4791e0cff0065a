using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LeBureau.DesktopAgent.Hosting;

/// <summary>
/// The desktop's agent token, kept only as its SHA-256: comparing fixed-length hashes with
/// <see cref="CryptographicOperations.FixedTimeEquals"/> leaks neither content nor length through timing.
/// </summary>
internal sealed class AgentToken
{
    private readonly byte[] _hash;

    public AgentToken(IOptions<AgentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var agent = options.Value;
        var token = agent.Token ?? File.ReadAllText(agent.TokenFile!).Trim();
        if (token.Length == 0)
        {
            throw new InvalidOperationException("the agent token is empty");
        }

        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _hash);
}
